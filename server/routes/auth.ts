import { Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { z } from 'zod';
import { createUser, findUserByEmail, normalizeEmail, toPublicUser } from '../accounts/users.ts';
import { verifyPassword } from '../auth/password.ts';
import { requireAuth } from '../auth/require.ts';
import {
	blankSessionCookie,
	createSession,
	generateSessionToken,
	invalidateAllSessions,
	invalidateSession,
	sessionCookie,
} from '../auth/session.ts';
import type { AppEnv, Services } from '../context.ts';
import { ApiError } from '../http-error.ts';
import { jsonBody } from '../validate.ts';
import { CloseCode } from '../../src/lib/close-codes.ts';
import type { Context } from 'hono';

export const emailSchema = z
	.string({ error: 'is required' })
	.trim()
	.max(254, 'must be at most 254 characters')
	.pipe(z.email({ error: 'must be a valid e-mail address' }));
export const passwordSchema = z
	.string({ error: 'is required' })
	.min(8, 'must be at least 8 characters')
	.max(256, 'must be at most 256 characters');

const signupSchema = z.object({
	email: emailSchema,
	name: z
		.string({ error: 'is required' })
		.trim()
		.min(1, 'is required')
		.max(80, 'must be at most 80 characters'),
	password: passwordSchema,
});
const loginSchema = z.object({
	email: z.string({ error: 'is required' }).min(1, 'is required').max(254),
	password: z.string({ error: 'is required' }).min(1, 'is required').max(256),
});

function clientIp(c: Context<AppEnv>): string {
	try {
		return getConnInfo(c).remote.address ?? 'unknown';
	} catch {
		return 'unknown';
	}
}

export function authRoutes(services: Services) {
	const secure = services.env.origin.startsWith('https:');
	const startSession = (c: Context<AppEnv>, userId: string) => {
		const token = generateSessionToken();
		const session = createSession(services.db, token, userId);
		c.header('Set-Cookie', sessionCookie(token, session.expiresAt, secure));
	};

	return new Hono<AppEnv>()
		.post('/signup', async (c) => {
			const input = await jsonBody(c, signupSchema);
			const user = await createUser(services.db, input);
			if (user === 'taken')
				throw new ApiError('conflict', 'an account with this e-mail already exists', 'email');
			startSession(c, user.id);
			return c.json({ user: { id: user.id, email: user.email, name: user.name } }, 201);
		})
		.post('/login', async (c) => {
			const input = await jsonBody(c, loginSchema);
			const account = normalizeEmail(input.email);
			const ip = clientIp(c);
			const wait = services.loginLimiter.retryAfter(account, ip);
			if (wait > 0)
				throw new ApiError('rate_limited', 'too many failed sign-ins; try again later', undefined, {
					'Retry-After': String(wait),
				});
			const row = findUserByEmail(services.db, account);
			const ok = row ? await verifyPassword(row.passwordHash, input.password) : false;
			if (!row || !ok) {
				services.loginLimiter.fail(account, ip);
				throw new ApiError('unauthorized', 'wrong e-mail or password');
			}
			services.loginLimiter.succeed(account);
			startSession(c, row.id);
			const user = toPublicUser(row);
			return c.json({ user: { id: user.id, email: user.email, name: user.name } });
		})
		.post('/logout', (c) => {
			const auth = c.get('auth');
			c.header('Set-Cookie', blankSessionCookie(secure));
			if (auth) {
				invalidateSession(services.db, auth.session.id);
				services.sync.closeUser(
					auth.user.id,
					CloseCode.Unauthorized,
					'signed out',
					auth.session.id,
				);
			}
			return c.body(null, 204);
		})
		.post('/logout-everywhere', (c) => {
			const auth = requireAuth(c);
			invalidateAllSessions(services.db, auth.user.id);
			services.sync.closeUser(auth.user.id, CloseCode.Unauthorized, 'signed out everywhere');
			c.header('Set-Cookie', blankSessionCookie(secure));
			return c.body(null, 204);
		});
}
