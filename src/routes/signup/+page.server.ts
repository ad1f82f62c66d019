import { authAction, authPageLoad } from '$lib/server/auth-forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => authPageLoad(locals, url);

export const actions: Actions = {
	default: ({ request, locals, cookies }) => authAction('signup', request, locals, cookies),
};
