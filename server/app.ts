/** Builds the Hono app: middleware, /api routes and the /ws upgrade (tests use app.request()). */
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { readSessionToken, sessionCookie, validateSessionToken } from './auth/session.ts';
import type { AppEnv, Services } from './context.ts';
import { ApiError, errorResponse } from './http-error.ts';
import { newId } from './ids.ts';
import { apiRoutes } from './routes/api.ts';
import { wsRoutes } from './routes/ws.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createApp(services: Services) {
	const app = new Hono<AppEnv>();
	const nodeWs = createNodeWebSocket({ app });
	const secure = services.env.origin.startsWith('https:');

	app.use('*', async (c, next) => {
		const requestId = newId(6);
		c.set('requestId', requestId);
		c.set('log', services.log.child({ requestId }));
		const token = readSessionToken(c.req.header('cookie'));
		const auth = token ? validateSessionToken(services.db, token) : null;
		c.set('auth', auth);
		// A slid session's cookie is sent again, or the browser would still drop it at the old expiry.
		if (token && auth?.fresh)
			c.header('Set-Cookie', sessionCookie(token, auth.session.expiresAt, secure));
		await next();
	});

	// JSON requests are not covered by form CSRF checks: a foreign Origin may not mutate.
	app.use('/api/*', async (c, next) => {
		const origin = c.req.header('origin');
		if (MUTATING.has(c.req.method) && origin && origin !== services.env.origin)
			throw new ApiError('forbidden', 'cross-origin request refused');
		await next();
	});

	app.onError((err, c) => {
		if (err instanceof ApiError) return errorResponse(c, err);
		if (err instanceof HTTPException && err.status < 500)
			return errorResponse(c, new ApiError('invalid_input', err.message || 'bad request'));
		c.get('log')?.error({ err, path: c.req.path }, 'unhandled error');
		return errorResponse(c, new ApiError('internal', 'something went wrong on our side'));
	});

	app.route('/api', apiRoutes(services));
	app.route('/ws', wsRoutes(services, nodeWs.upgradeWebSocket));
	app.all('/api/*', () => {
		throw new ApiError('not_found', 'no such endpoint');
	});

	return { app, injectWebSocket: nodeWs.injectWebSocket, wss: nodeWs.wss };
}

export type PulseApp = ReturnType<typeof createApp>['app'];
