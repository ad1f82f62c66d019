import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { boardMember, type Role } from '../db/schema.ts';

const rank: Record<Role, number> = { viewer: 1, member: 2, lead: 3 };

/** The user's role on a board, or null when they are not a member (or the board does not exist). */
export function getRole(db: Db, boardId: string, userId: string): Role | null {
	const row = db
		.select({ role: boardMember.role })
		.from(boardMember)
		.where(and(eq(boardMember.boardId, boardId), eq(boardMember.userId, userId)))
		.get();
	return row?.role ?? null;
}

/** Whether `role` is at least `needed` (lead ⊃ member ⊃ viewer). */
export function hasRole(role: Role | null, needed: Role): boolean {
	return role !== null && rank[role] >= rank[needed];
}

export function higherRole(a: Role, b: Role): Role {
	return rank[a] >= rank[b] ? a : b;
}
