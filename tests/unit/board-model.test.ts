import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { band, health, isReady, progress } from '../../src/lib/board/metrics.ts';
import { addBlocker, addKr, addObjective, updateKr } from '../../src/lib/board/mutations.ts';
import { readBoard } from '../../src/lib/board/read.ts';
import { createBoardDoc, krsMap, type KeyResult } from '../../src/lib/board/schema.ts';
import {
	deleteKr,
	ensureText,
	moveEntry,
	neighboursForStep,
	stampCheckin,
} from '../../src/lib/board/structure.ts';

const settings = {
	title: 'B',
	cycleStart: '2026-01-01',
	cycleEnd: '2026-03-31',
	bands: { green: 7, yellow: 4 },
};

function kr(fields: Partial<KeyResult>): KeyResult {
	return {
		id: fields.id ?? 'k',
		objectiveId: 'o',
		title: '',
		ownerId: null,
		unit: '',
		direction: 'up',
		start: 0,
		target: 100,
		current: 0,
		confidence: null,
		state: 'active',
		context: '',
		order: 'a0',
		updatedAt: null,
		updatedBy: null,
		...fields,
	};
}

describe('band', () => {
	it('uses the default thresholds 7–10, 4–6, 1–3', () => {
		const b = { green: 7, yellow: 4 };
		expect([1, 3, 4, 6, 7, 10].map((c) => band(c, b))).toEqual([
			'red',
			'red',
			'yellow',
			'yellow',
			'green',
			'green',
		]);
		expect(band(null, b)).toBeNull();
	});
	it('follows a board’s custom thresholds', () => {
		const b = { green: 8, yellow: 5 };
		expect([4, 5, 7, 8].map((c) => band(c, b))).toEqual(['red', 'yellow', 'yellow', 'green']);
	});
});

describe('progress', () => {
	it('measures higher-is-better KRs between start and target, clamped to 0–100', () => {
		expect(progress(kr({ start: 30, target: 50, current: 40 }))).toBe(50);
		expect(progress(kr({ start: 30, target: 50, current: 20 }))).toBe(0);
		expect(progress(kr({ start: 30, target: 50, current: 70 }))).toBe(100);
	});
	it('measures lower-is-better KRs (target below start)', () => {
		expect(progress(kr({ direction: 'down', start: 18, target: 5, current: 12 }))).toBe(46.2);
		expect(progress(kr({ direction: 'down', start: 8, target: 4, current: 9 }))).toBe(0);
	});
	it('is null without numbers and all-or-nothing when start equals target', () => {
		expect(progress(kr({ current: null }))).toBeNull();
		expect(progress(kr({ start: 5, target: 5, current: 5 }))).toBe(100);
		expect(progress(kr({ direction: 'down', start: 5, target: 5, current: 6 }))).toBe(0);
	});
});

describe('health', () => {
	const bands = { green: 7, yellow: 4 };
	it('computes average and net confidence over active scored KRs only', () => {
		const krs = [
			kr({ id: 'a', confidence: 8 }),
			kr({ id: 'b', confidence: 8 }),
			kr({ id: 'c', confidence: 5 }),
			kr({ id: 'd', confidence: 2 }),
			kr({ id: 'e', confidence: 1, state: 'on_hold' }),
			kr({ id: 'f', confidence: null }),
		];
		const h = health(krs, [], [], bands, null, '2026-02-01');
		expect(h.counts).toEqual({ green: 2, yellow: 1, red: 1 });
		expect(h.average).toBe(5.8);
		expect(h.net).toBe(25); // (2 − 1) / 4
	});
	it('has no averages when nothing is scored', () => {
		const h = health([kr({})], [], [], bands, null, '2026-02-01');
		expect(h.average).toBeNull();
		expect(h.net).toBeNull();
	});
	it('counts readiness since the last check-in, ignoring dropped KRs', () => {
		const last = new Date('2026-02-02T10:00:00Z');
		const krs = [
			kr({ id: 'a', updatedAt: '2026-02-03T09:00:00Z' }),
			kr({ id: 'b', updatedAt: '2026-02-01T09:00:00Z' }),
			kr({ id: 'c', updatedAt: null }),
			kr({ id: 'd', state: 'dropped' }),
			kr({ id: 'e', state: 'done', updatedAt: null }),
		];
		expect(krs.map((k) => isReady(k, last))).toEqual([true, false, false, true, true]);
		const h = health(krs, [], [], bands, last, '2026-02-04');
		expect([h.ready, h.total]).toEqual([2, 4]);
	});
	it('counts open blockers and overdue open actions of existing KRs', () => {
		const blockers = [
			{ id: 'x', krId: 'a', status: 'open' },
			{ id: 'y', krId: 'a', status: 'resolved' },
			{ id: 'z', krId: 'gone', status: 'open' },
		] as never[];
		const actions = [
			{ id: '1', krId: 'a', status: 'open', dueDate: '2026-02-01' },
			{ id: '2', krId: 'a', status: 'done', dueDate: '2026-02-01' },
			{ id: '3', krId: 'a', status: 'open', dueDate: '2026-02-09' },
		] as never[];
		const h = health([kr({ id: 'a' })], blockers, actions, bands, null, '2026-02-04');
		expect([h.openBlockers, h.overdueActions]).toEqual([1, 1]);
	});
});

describe('readers', () => {
	it('skip malformed entries and default missing fields', () => {
		const doc = createBoardDoc(settings);
		const krs = krsMap(doc);
		krs.set('bad1', 'not a map' as never);
		const noObjective = new Y.Map<unknown>();
		noObjective.set('title', 'orphan');
		krs.set('bad2', noObjective);
		const plain = new Y.Map<unknown>();
		plain.set('objectiveId', 'o1');
		plain.set('title', 'Plain string title');
		plain.set('confidence', 11);
		plain.set('direction', 'sideways');
		krs.set('ok', plain);
		doc.getMap('blockers').set('b', 42 as never);
		const board = readBoard(doc);
		expect(board.krs.map((k) => k.id)).toEqual(['ok']);
		expect(board.krs[0]).toMatchObject({
			title: 'Plain string title',
			confidence: null,
			direction: 'up',
			state: 'active',
		});
		expect(board.blockers).toEqual([]);
	});
	it('convert a plain string to Y.Text on first edit', () => {
		const doc = new Y.Doc();
		const m = doc.getMap<unknown>('krs');
		m.set('title', 'Hello');
		const text = ensureText(m, 'title');
		text.insert(5, ' world');
		expect(m.get('title')).toBeInstanceOf(Y.Text);
		expect(String(m.get('title'))).toBe('Hello world');
	});
});

describe('structure edits', () => {
	it('delete a KR with its blockers and check-ins, undoably', () => {
		const doc = createBoardDoc(settings);
		const o = addObjective(doc, { title: 'O' });
		const k = addKr(doc, { objectiveId: o, title: 'K' }, 'u');
		addBlocker(doc, { krId: k }, 'u');
		updateKr(doc, k, { current: 3 }, 'u');
		const undo = new Y.UndoManager([
			doc.getMap('krs'),
			doc.getMap('blockers'),
			doc.getMap('checkins'),
		]);
		deleteKr(doc, k);
		expect(readBoard(doc).krs).toEqual([]);
		expect(readBoard(doc).blockers).toEqual([]);
		undo.undo();
		expect(readBoard(doc).krs.map((x) => x.title)).toEqual(['K']);
		expect(readBoard(doc).blockers).toHaveLength(1);
	});
	it('move an entry one step by giving it a key between its new neighbours', () => {
		const doc = createBoardDoc(settings);
		const o = addObjective(doc, {});
		const ids = ['A', 'B', 'C'].map((title) => addKr(doc, { objectiveId: o, title }, null));
		const orders = () => readBoard(doc).krs.map((k) => k.order);
		const n = neighboursForStep(orders(), 2, -1)!;
		moveEntry(krsMap(doc), ids[2], n[0], n[1]);
		expect(readBoard(doc).krs.map((k) => k.title)).toEqual(['A', 'C', 'B']);
		expect(neighboursForStep(orders(), 0, -1)).toBeNull();
	});
	it('stamp a check-in even when a score is re-confirmed unchanged', () => {
		const doc = createBoardDoc(settings);
		const k = addKr(
			doc,
			{ objectiveId: addObjective(doc, {}), confidence: 6 },
			null,
			new Date('2026-01-01'),
		);
		stampCheckin(doc, k, 'u', new Date('2026-02-03T12:00:00Z'));
		const board = readBoard(doc);
		expect(board.krs[0].updatedAt).toBe('2026-02-03T12:00:00.000Z');
		expect(board.checkins[k]).toMatchObject([{ by: 'u', confidence: 6 }]);
	});
});
