import type { Handle } from '@sveltejs/kit';

const COOKIE = 'pulse_session';

export const handle: Handle = async ({ event, resolve }) => {
	const bridge = globalThis.__pulse;
	if (!bridge) throw new Error('Pulse services are not installed: start through server/index.ts');
	const token = event.cookies.get(COOKIE);
	event.locals.user = token ? (bridge.validateSession(token)?.user ?? null) : null;
	event.locals.api = (path, init = {}) => {
		const headers = new Headers(init.headers);
		if (token) headers.set('cookie', `${COOKIE}=${token}`);
		return bridge.api(path, { ...init, headers });
	};
	return resolve(event);
};
