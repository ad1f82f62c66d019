/** Sign-in and sign-up form actions: call the API, forward its session cookie, then go on. */
import { fail, redirect, type Cookies } from '@sveltejs/kit';
import {
	apiCall,
	fieldMessage,
	forwardSession,
	inviteTokenOf,
	retryText,
	safeRedirect,
	SESSION_COOKIE,
} from './api';

type Fields = 'name' | 'email' | 'password';

// The API says "is required"; on a form a specific request reads better.
const REQUIRED: Record<Fields, string> = {
	name: 'Enter your name.',
	email: 'Enter your e-mail address.',
	password: 'Enter your password.',
};
export type AuthErrors = Partial<Record<Fields | 'form', string>>;

interface InviteInfo {
	boardId: string;
	boardTitle: string;
	role: string;
}

/** Shared load: signed-in visitors go straight on; an invite target shows which board they join. */
export async function authPageLoad(locals: App.Locals, url: URL) {
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	const token = inviteTokenOf(redirectTo);
	let invite: InviteInfo | null = null;
	if (token) {
		const res = await apiCall<InviteInfo>(locals.api, 'GET', `/api/invites/${token}`);
		if (res.ok) invite = res.data;
	}
	return { redirectTo, invite };
}

function text(form: FormData, key: string): string {
	const value = form.get(key);
	return typeof value === 'string' ? value : '';
}

/** Runs sign-in ('login') or sign-up ('signup') from a submitted form. */
export async function authAction(
	kind: 'login' | 'signup',
	request: Request,
	locals: App.Locals,
	cookies: Cookies,
) {
	const form = await request.formData();
	const email = text(form, 'email').trim();
	const name = text(form, 'name').trim();
	const password = text(form, 'password');
	const redirectTo = safeRedirect(text(form, 'redirectTo'));
	const body = kind === 'signup' ? { email, name, password } : { email, password };
	const keep = { email, name };

	const res = await apiCall(locals.api, 'POST', `/api/auth/${kind}`, body);
	if (!res.ok) {
		const errors: AuthErrors = {};
		const { error } = res;
		if (res.status === 429) errors.form = retryText(error.retryAfter);
		else if (kind === 'login' && res.status === 401)
			errors.form = 'That e-mail and password do not match an account.';
		else if (error.field === 'email' || error.field === 'name' || error.field === 'password')
			errors[error.field] =
				res.status === 409
					? 'An account with this e-mail already exists. Sign in instead?'
					: error.message.endsWith('is required')
						? REQUIRED[error.field]
						: fieldMessage(error);
		else errors.form = fieldMessage(error);
		return fail(res.status, { ...keep, errors });
	}

	const token = forwardSession(res.response, cookies);
	const invite = inviteTokenOf(redirectTo);
	if (token && invite) {
		// The visitor came from an invite link and just confirmed with this form: join right away.
		const accepted = await globalThis.__pulse!.api(`/api/invites/${invite}/accept`, {
			method: 'POST',
			headers: { cookie: `${SESSION_COOKIE}=${token}` },
		});
		if (accepted.ok) {
			const { boardId } = (await accepted.json()) as { boardId: string };
			redirect(303, `/b/${boardId}`);
		}
	}
	redirect(303, redirectTo);
}
