import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { requireAuth } from '../auth/require.ts';
import { getRole, higherRole } from '../auth/membership.ts';
import type { AppEnv, Services } from '../context.ts';
import { board, boardMember, invite } from '../db/schema.ts';
import { ApiError } from '../http-error.ts';

export function inviteRoutes(services: Services) {
	const { db } = services;
	const usable = (token: string) => {
		const row = db.select().from(invite).where(eq(invite.token, token)).get();
		if (!row || row.revokedAt !== null || row.expiresAt <= Date.now())
			throw new ApiError('not_found', 'this invite link is invalid, expired or revoked');
		return row;
	};
	return new Hono<AppEnv>()
		.get('/:token', (c) => {
			const row = usable(c.req.param('token'));
			const b = db
				.select({ title: board.title })
				.from(board)
				.where(eq(board.id, row.boardId))
				.get();
			if (!b) throw new ApiError('not_found', 'this invite link is invalid, expired or revoked');
			return c.json({ boardId: row.boardId, boardTitle: b.title, role: row.role });
		})
		.post('/:token/accept', (c) => {
			const { user } = requireAuth(c);
			const row = usable(c.req.param('token'));
			const current = getRole(db, row.boardId, user.id);
			const role = current ? higherRole(current, row.role) : row.role;
			if (!current)
				db.insert(boardMember)
					.values({ boardId: row.boardId, userId: user.id, role, createdAt: Date.now() })
					.run();
			else if (role !== current) {
				db.update(boardMember)
					.set({ role })
					.where(and(eq(boardMember.boardId, row.boardId), eq(boardMember.userId, user.id)))
					.run();
				services.sync.setRole(row.boardId, user.id, role);
			}
			return c.json({ boardId: row.boardId, role });
		});
}
