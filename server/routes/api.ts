import { Hono } from 'hono';
import type { AppEnv, Services } from '../context.ts';
import { authRoutes } from './auth.ts';
import { boardRoutes } from './boards.ts';
import { inviteRoutes } from './invites.ts';
import { meRoutes } from './me.ts';

/** Everything under /api. */
export function apiRoutes(services: Services) {
	return new Hono<AppEnv>()
		.get('/health', (c) => c.json({ ok: true }))
		.route('/auth', authRoutes(services))
		.route('/', meRoutes(services))
		.route('/boards', boardRoutes(services))
		.route('/invites', inviteRoutes(services));
}
