import { Hono } from 'hono';
import { requireAuth } from '../auth/require.ts';
import type { AppEnv, Services } from '../context.ts';

export function meRoutes(_services: Services) {
	return new Hono<AppEnv>().get('/me', (c) => {
		const { user } = requireAuth(c);
		return c.json({ user: { id: user.id, email: user.email, name: user.name, color: user.color } });
	});
}
