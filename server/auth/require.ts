import type { Context } from 'hono';
import type { AppEnv, AuthState, Services } from '../context.ts';
import type { Role } from '../db/schema.ts';
import { ApiError } from '../http-error.ts';
import { getRole, hasRole } from './membership.ts';

/** The signed-in user, or a 401. */
export function requireAuth(c: Context<AppEnv>): AuthState {
	const auth = c.get('auth');
	if (!auth) throw new ApiError('unauthorized', 'sign in required');
	return auth;
}

/**
 * The caller's role on a board. Non-members get 404 exactly like a missing board;
 * members below `needed` get 403.
 */
export function requireRole(
	c: Context<AppEnv>,
	services: Services,
	boardId: string,
	needed: Role,
): { auth: AuthState; role: Role } {
	const auth = requireAuth(c);
	const role = getRole(services.db, boardId, auth.user.id);
	if (!role) throw new ApiError('not_found', 'no such board');
	if (!hasRole(role, needed)) throw new ApiError('forbidden', `this needs the ${needed} role`);
	return { auth, role };
}
