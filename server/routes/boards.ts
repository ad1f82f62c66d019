import { and, asc, count, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireAuth, requireRole } from '../auth/require.ts';
import { boardSettings, createBoard } from '../boards/boards.ts';
import type { AppEnv, Services } from '../context.ts';
import { board, boardMember, invite, user, type Board, type Role } from '../db/schema.ts';
import { ApiError } from '../http-error.ts';
import { jsonBody } from '../validate.ts';
import { readBoard } from '../../src/lib/board/read.ts';
import { writeBoardSettings } from '../../src/lib/board/schema.ts';
import { CloseCode } from '../../src/lib/close-codes.ts';
import { newId } from '../ids.ts';

const isoDate = z
	.string({ error: 'must be a date (YYYY-MM-DD)' })
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
	// Date.parse rolls 2023-02-29 over to 1 March: a real date must survive the round trip.
	.refine((s) => {
		const t = Date.parse(`${s}T00:00:00Z`);
		return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
	}, 'must be a real date');
const title = z
	.string({ error: 'is required' })
	.trim()
	.min(1, 'is required')
	.max(120, 'must be at most 120 characters');
const bands = z
	.object({
		green: z.number({ error: 'must be a number' }).int('must be an integer').min(2).max(10),
		yellow: z.number({ error: 'must be a number' }).int('must be an integer').min(1).max(9),
	})
	.refine((b) => b.yellow < b.green, { message: 'yellow must be below green', path: ['yellow'] });
const role = z.enum(['lead', 'member', 'viewer'], { error: 'must be lead, member or viewer' });

const createSchema = z
	.object({
		title,
		cycleStart: isoDate.optional(),
		cycleEnd: isoDate.optional(),
		bands: bands.optional(),
	})
	.refine((b) => !b.cycleStart || !b.cycleEnd || b.cycleStart < b.cycleEnd, {
		message: 'must be after cycleStart',
		path: ['cycleEnd'],
	});
const patchSchema = z.object({
	title: title.optional(),
	cycleStart: isoDate.optional(),
	cycleEnd: isoDate.optional(),
	bands: bands.optional(),
	cadence: z
		.object({
			weekday: z.number().int().min(0, 'must be 0–6').max(6, 'must be 0–6'),
			time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM'),
			timeZone: z.string().refine((tz) => {
				try {
					new Intl.DateTimeFormat('en', { timeZone: tz });
					return true;
				} catch {
					return false;
				}
			}, 'must be an IANA time zone'),
		})
		.optional(),
});

const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function boardJson(row: Board) {
	const s = boardSettings(row);
	return {
		id: row.id,
		title: s.title,
		cycleStart: s.cycleStart,
		cycleEnd: s.cycleEnd,
		bands: s.bands,
		cadence: s.cadence,
	};
}

export function boardRoutes(services: Services) {
	const { db } = services;
	const getBoard = (id: string) => {
		const row = db.select().from(board).where(eq(board.id, id)).get();
		if (!row) throw new ApiError('not_found', 'no such board');
		return row;
	};
	const leadCount = (boardId: string) =>
		db
			.select({ n: count() })
			.from(boardMember)
			.where(and(eq(boardMember.boardId, boardId), eq(boardMember.role, 'lead')))
			.get()?.n ?? 0;

	return new Hono<AppEnv>()
		.get('/', (c) => {
			const { user: me } = requireAuth(c);
			const rows = db
				.select({ board, role: boardMember.role })
				.from(boardMember)
				.innerJoin(board, eq(board.id, boardMember.boardId))
				.where(eq(boardMember.userId, me.id))
				.orderBy(asc(board.title))
				.all();
			return c.json({ boards: rows.map((r) => ({ ...boardJson(r.board), role: r.role })) });
		})
		.post('/', async (c) => {
			const { user: me } = requireAuth(c);
			const input = await jsonBody(c, createSchema);
			const row = await createBoard(db, services.store, input, me.id);
			return c.json({ ...boardJson(row), role: 'lead' as Role }, 201);
		})
		.get('/:id', (c) => {
			const id = c.req.param('id');
			const { role: myRole } = requireRole(c, services, id, 'viewer');
			return c.json({ board: boardJson(getBoard(id)), role: myRole });
		})
		.patch('/:id', async (c) => {
			const id = c.req.param('id');
			const { auth } = requireRole(c, services, id, 'lead');
			const input = await jsonBody(c, patchSchema);
			const current = getBoard(id);
			const next: Board = {
				...current,
				...(input.title !== undefined ? { title: input.title } : {}),
				...(input.cycleStart ? { cycleStart: input.cycleStart } : {}),
				...(input.cycleEnd ? { cycleEnd: input.cycleEnd } : {}),
				...(input.bands ? { bandGreen: input.bands.green, bandYellow: input.bands.yellow } : {}),
				...(input.cadence
					? {
							cadenceWeekday: input.cadence.weekday,
							cadenceTime: input.cadence.time,
							timeZone: input.cadence.timeZone,
						}
					: {}),
			};
			if (next.cycleStart >= next.cycleEnd)
				throw new ApiError('invalid_input', 'cycleEnd: must be after cycleStart', 'cycleEnd');
			db.update(board).set(next).where(eq(board.id, id)).run();
			// The doc's `board` map mirrors SQL; the write is journaled as the lead's.
			await services.sync.write(id, { userId: auth.user.id, owned: true }, (doc) =>
				writeBoardSettings(doc, boardSettings(next)),
			);
			return c.json({ board: boardJson(next), role: 'lead' });
		})
		.delete('/:id', (c) => {
			const id = c.req.param('id');
			requireRole(c, services, id, 'lead');
			db.delete(board).where(eq(board.id, id)).run();
			services.sync.closeBoard(id, CloseCode.Forbidden, 'board deleted');
			return c.body(null, 204);
		})
		.get('/:id/doc', async (c) => {
			const id = c.req.param('id');
			requireRole(c, services, id, 'viewer');
			const snapshot = await services.sync.read(id, (doc) => readBoard(doc));
			return c.json(snapshot);
		})
		.get('/:id/members', (c) => {
			const id = c.req.param('id');
			requireRole(c, services, id, 'viewer');
			const members = db
				.select({
					userId: user.id,
					name: user.name,
					email: user.email,
					color: user.color,
					role: boardMember.role,
				})
				.from(boardMember)
				.innerJoin(user, eq(user.id, boardMember.userId))
				.where(eq(boardMember.boardId, id))
				.orderBy(asc(user.name))
				.all();
			return c.json({ members });
		})
		.put('/:id/members/:userId', async (c) => {
			const id = c.req.param('id');
			const userId = c.req.param('userId');
			requireRole(c, services, id, 'lead');
			const input = await jsonBody(c, z.object({ role }));
			const member = db
				.select()
				.from(boardMember)
				.where(and(eq(boardMember.boardId, id), eq(boardMember.userId, userId)))
				.get();
			if (!member) throw new ApiError('not_found', 'no such member');
			if (member.role === 'lead' && input.role !== 'lead' && leadCount(id) <= 1)
				throw new ApiError('conflict', 'a board needs at least one lead', 'role');
			db.update(boardMember)
				.set({ role: input.role })
				.where(and(eq(boardMember.boardId, id), eq(boardMember.userId, userId)))
				.run();
			services.sync.setRole(id, userId, input.role);
			return c.json({ userId, role: input.role });
		})
		.delete('/:id/members/:userId', (c) => {
			const id = c.req.param('id');
			const userId = c.req.param('userId');
			const { auth } = requireRole(c, services, id, 'viewer');
			if (userId !== auth.user.id) requireRole(c, services, id, 'lead');
			const member = db
				.select()
				.from(boardMember)
				.where(and(eq(boardMember.boardId, id), eq(boardMember.userId, userId)))
				.get();
			if (!member) throw new ApiError('not_found', 'no such member');
			if (member.role === 'lead' && leadCount(id) <= 1)
				throw new ApiError('conflict', 'the last lead cannot leave; make someone else lead first');
			db.delete(boardMember)
				.where(and(eq(boardMember.boardId, id), eq(boardMember.userId, userId)))
				.run();
			services.sync.setRole(id, userId, null);
			return c.body(null, 204);
		})
		.post('/:id/invites', async (c) => {
			const id = c.req.param('id');
			const { auth } = requireRole(c, services, id, 'lead');
			const input = await jsonBody(c, z.object({ role: role.default('member') }));
			const now = Date.now();
			const row = {
				token: newId(18),
				boardId: id,
				role: input.role,
				createdBy: auth.user.id,
				createdAt: now,
				expiresAt: now + INVITE_TTL_MS,
				revokedAt: null,
			};
			db.insert(invite).values(row).run();
			return c.json(inviteJson(row, services.env.origin), 201);
		})
		.get('/:id/invites', (c) => {
			const id = c.req.param('id');
			requireRole(c, services, id, 'lead');
			const now = Date.now();
			const rows = db
				.select()
				.from(invite)
				.where(eq(invite.boardId, id))
				.orderBy(asc(invite.createdAt))
				.all();
			return c.json({
				invites: rows
					.filter((r) => r.revokedAt === null && r.expiresAt > now)
					.map((r) => inviteJson(r, services.env.origin)),
			});
		})
		.delete('/:id/invites/:token', (c) => {
			const id = c.req.param('id');
			requireRole(c, services, id, 'lead');
			const token = c.req.param('token');
			const row = db
				.select()
				.from(invite)
				.where(and(eq(invite.token, token), eq(invite.boardId, id)))
				.get();
			if (!row) throw new ApiError('not_found', 'no such invite');
			db.update(invite).set({ revokedAt: Date.now() }).where(eq(invite.token, token)).run();
			return c.body(null, 204);
		});
}

export function inviteJson(
	row: { token: string; role: Role; expiresAt: number; createdAt: number },
	origin: string,
) {
	return {
		token: row.token,
		url: `${origin}/invite/${row.token}`,
		role: row.role,
		createdAt: new Date(row.createdAt).toISOString(),
		expiresAt: new Date(row.expiresAt).toISOString(),
	};
}
