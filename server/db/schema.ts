import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const user = sqliteTable('user', {
	id: text('id').primaryKey(),
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	passwordHash: text('password_hash').notNull(),
	color: text('color').notNull(),
	createdAt: integer('created_at').notNull(),
});
export type User = typeof user.$inferSelect;

export const session = sqliteTable(
	'session',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at').notNull(),
		createdAt: integer('created_at').notNull(),
	},
	(t) => [index('session_user_idx').on(t.userId)],
);
export type Session = typeof session.$inferSelect;

export const board = sqliteTable('board', {
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	cycleStart: text('cycle_start').notNull(),
	cycleEnd: text('cycle_end').notNull(),
	bandGreen: integer('band_green').notNull().default(7),
	bandYellow: integer('band_yellow').notNull().default(4),
	cadenceWeekday: integer('cadence_weekday').notNull().default(1),
	cadenceTime: text('cadence_time').notNull().default('10:00'),
	timeZone: text('time_zone').notNull().default('UTC'),
	createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
	createdAt: integer('created_at').notNull(),
});
export type Board = typeof board.$inferSelect;

export const boardMember = sqliteTable(
	'board_member',
	{
		boardId: text('board_id')
			.notNull()
			.references(() => board.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['lead', 'member', 'viewer'] }).notNull(),
		createdAt: integer('created_at').notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.boardId, t.userId] }),
		index('board_member_user_idx').on(t.userId),
	],
);
export type BoardMember = typeof boardMember.$inferSelect;
export type Role = BoardMember['role'];

export const invite = sqliteTable(
	'invite',
	{
		token: text('token').primaryKey(),
		boardId: text('board_id')
			.notNull()
			.references(() => board.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['lead', 'member', 'viewer'] }).notNull(),
		createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull(),
		expiresAt: integer('expires_at').notNull(),
		revokedAt: integer('revoked_at'),
	},
	(t) => [index('invite_board_idx').on(t.boardId)],
);
export type Invite = typeof invite.$inferSelect;

/** Append-only journal of every CRDT update, attributed to its sender. */
export const docUpdate = sqliteTable(
	'doc_update',
	{
		boardId: text('board_id').notNull(),
		seq: integer('seq').notNull(),
		at: integer('at').notNull(),
		userId: text('user_id'),
		data: blob('data', { mode: 'buffer' }).notNull(),
	},
	// (board_id, at): history finds the last update at or before a time without a scan.
	(t) => [
		primaryKey({ columns: [t.boardId, t.seq] }),
		index('doc_update_at_idx').on(t.boardId, t.at),
	],
);

/** Merged document state up to and including `seq`. */
export const docCheckpoint = sqliteTable(
	'doc_checkpoint',
	{
		boardId: text('board_id').notNull(),
		seq: integer('seq').notNull(),
		at: integer('at').notNull(),
		state: blob('state', { mode: 'buffer' }).notNull(),
	},
	(t) => [primaryKey({ columns: [t.boardId, t.seq] })],
);
