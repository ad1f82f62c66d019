import type { Handle } from '@sveltejs/kit';

const COOKIE = 'pulse_session';

export const handle: Handle = async ({ event, resolve }) => {
	const bridge = globalThis.__pulse;
	if (!bridge) throw new Error('Pulse services are not installed: start through server/index.ts');
	const token = event.cookies.get(COOKIE);
	const auth = token ? bridge.validateSession(token) : null;
	event.locals.user = auth?.user ?? null;
	// A session whose expiry just slid gets its cookie again, or the browser drops it at the old date.
	if (token && auth?.fresh)
		event.cookies.set(COOKIE, token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: bridge.origin.startsWith('https:'),
			expires: new Date(auth.session.expiresAt),
		});
	event.locals.api = (path, init = {}) => {
		const headers = new Headers(init.headers);
		if (token) headers.set('cookie', `${COOKIE}=${token}`);
		return bridge.api(path, { ...init, headers });
	};
	return resolve(event);
};
