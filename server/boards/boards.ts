import * as Y from 'yjs';
import type { Db } from '../db/client.ts';
import { board, boardMember, type Board } from '../db/schema.ts';
import { newId } from '../ids.ts';
import type { DocStore } from '../store/doc-store.ts';
import { createBoardDoc, type BoardSettings } from '../../src/lib/board/schema.ts';

export interface NewBoard {
	title: string;
	cycleStart?: string;
	cycleEnd?: string;
	bands?: { green: number; yellow: number };
}

/** The current quarter as YYYY-MM-DD dates. */
export function currentQuarter(now = new Date()): { cycleStart: string; cycleEnd: string } {
	const q = Math.floor(now.getUTCMonth() / 3);
	const start = new Date(Date.UTC(now.getUTCFullYear(), q * 3, 1));
	const end = new Date(Date.UTC(now.getUTCFullYear(), q * 3 + 3, 0));
	return { cycleStart: start.toISOString().slice(0, 10), cycleEnd: end.toISOString().slice(0, 10) };
}

export function boardSettings(row: Board): Omit<BoardSettings, 'schemaVersion'> {
	return {
		title: row.title,
		cycleStart: row.cycleStart,
		cycleEnd: row.cycleEnd,
		bands: { green: row.bandGreen, yellow: row.bandYellow },
		cadence: { weekday: row.cadenceWeekday, time: row.cadenceTime, timeZone: row.timeZone },
	};
}

/**
 * Creates a board, makes its creator the lead, and journals the initial doc (seq 1),
 * so two first clients never initialise it twice.
 */
export async function createBoard(
	db: Db,
	store: DocStore,
	input: NewBoard,
	userId: string,
): Promise<Board> {
	const quarter = currentQuarter();
	const now = Date.now();
	const row: Board = {
		id: newId(),
		title: input.title.trim(),
		cycleStart: input.cycleStart ?? quarter.cycleStart,
		cycleEnd: input.cycleEnd ?? quarter.cycleEnd,
		bandGreen: input.bands?.green ?? 7,
		bandYellow: input.bands?.yellow ?? 4,
		cadenceWeekday: 1,
		cadenceTime: '10:00',
		timeZone: 'UTC',
		createdBy: userId,
		createdAt: now,
	};
	const doc = createBoardDoc(boardSettings(row));
	const initial = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	db.transaction((tx) => {
		tx.insert(board).values(row).run();
		tx.insert(boardMember).values({ boardId: row.id, userId, role: 'lead', createdAt: now }).run();
	});
	await store.append([{ boardId: row.id, userId, at: now, data: initial }]);
	return row;
}
