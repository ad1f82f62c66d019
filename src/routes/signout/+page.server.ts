import { redirect } from '@sveltejs/kit';
import { clearSession } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

// Signing out is a POST only (a GET could be triggered by any link or prefetch).
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	current: async ({ locals, cookies }) => {
		await locals.api('/api/auth/logout', { method: 'POST' });
		clearSession(cookies);
		redirect(303, '/');
	},
	everywhere: async ({ locals, cookies }) => {
		if (locals.user) await locals.api('/api/auth/logout-everywhere', { method: 'POST' });
		clearSession(cookies);
		redirect(303, '/');
	},
};
