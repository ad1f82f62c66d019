/** Writes to a board doc. Every write goes through the Y types; callers pass who acts. */
import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import {
	actionsMap,
	blockersMap,
	checkinsMap,
	insightsMap,
	krsMap,
	objectivesMap,
	type CheckinEntry,
	type KeyResult,
} from './schema.ts';
import { readKr } from './read.ts';

/** A random id for a new entry. */
export function newEntryId(): string {
	const bytes = new Uint8Array(9);
	globalThis.crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
		.join('')
		.slice(0, 14);
}

/** An order key after the last of `keys` (or between two neighbours). */
export function orderBetween(before: string | null, after: string | null): string {
	try {
		return generateKeyBetween(before, after);
	} catch {
		// Keys written by another client may be malformed: fall back to appending.
		return generateKeyBetween(null, null) + Date.now().toString(36);
	}
}

function lastOrder(orders: string[]): string | null {
	let max: string | null = null;
	for (const o of orders) if (max === null || o > max) max = o;
	return max;
}

function ordersOf(map: Y.Map<Y.Map<unknown>>, filter?: (m: Y.Map<unknown>) => boolean): string[] {
	const out: string[] = [];
	map.forEach((m) => {
		if (m instanceof Y.Map && (!filter || filter(m))) {
			const o = m.get('order');
			if (typeof o === 'string') out.push(o);
		}
	});
	return out;
}

function text(value: string): Y.Text {
	const t = new Y.Text();
	if (value) t.insert(0, value);
	return t;
}

export function addObjective(
	doc: Y.Doc,
	init: { title?: string; ownerId?: string | null },
): string {
	const id = newEntryId();
	const objectives = objectivesMap(doc);
	const m = new Y.Map<unknown>();
	m.set('id', id);
	m.set('title', text(init.title ?? ''));
	m.set('ownerId', init.ownerId ?? null);
	m.set('order', orderBetween(lastOrder(ordersOf(objectives)), null));
	objectives.set(id, m);
	return id;
}

export interface NewKr {
	objectiveId: string;
	title?: string;
	ownerId?: string | null;
	unit?: string;
	direction?: KeyResult['direction'];
	start?: number | null;
	target?: number | null;
	current?: number | null;
	confidence?: number | null;
	context?: string;
}

export function addKr(doc: Y.Doc, init: NewKr, by: string | null, at = new Date()): string {
	const id = newEntryId();
	const krs = krsMap(doc);
	const m = new Y.Map<unknown>();
	doc.transact(() => {
		m.set('id', id);
		m.set('objectiveId', init.objectiveId);
		m.set('title', text(init.title ?? ''));
		m.set('ownerId', init.ownerId ?? null);
		m.set('unit', init.unit ?? '');
		m.set('direction', init.direction ?? 'up');
		m.set('start', init.start ?? 0);
		m.set('target', init.target ?? 100);
		m.set('current', init.current ?? init.start ?? 0);
		m.set('confidence', init.confidence ?? null);
		m.set('state', 'active');
		m.set('context', text(init.context ?? ''));
		m.set(
			'order',
			orderBetween(
				lastOrder(ordersOf(krs, (k) => k.get('objectiveId') === init.objectiveId)),
				null,
			),
		);
		m.set('updatedAt', at.toISOString());
		m.set('updatedBy', by);
		krs.set(id, m);
	});
	return id;
}

/** Sets plain KR fields and stamps who/when; value or confidence changes add a check-in entry. */
export function updateKr(
	doc: Y.Doc,
	krId: string,
	fields: Partial<Omit<KeyResult, 'id' | 'title' | 'context' | 'updatedAt' | 'updatedBy'>>,
	by: string | null,
	at = new Date(),
	note = '',
): void {
	const m = krsMap(doc).get(krId);
	if (!(m instanceof Y.Map)) return;
	doc.transact(() => {
		let changed = false;
		for (const [key, value] of Object.entries(fields)) {
			if (m.get(key) !== value) {
				m.set(key, value);
				changed = true;
			}
		}
		if (!changed) return;
		m.set('updatedAt', at.toISOString());
		m.set('updatedBy', by);
		if ('current' in fields || 'confidence' in fields) {
			const kr = readKr(krId, m);
			if (!kr) return;
			appendCheckin(doc, krId, {
				at: at.toISOString(),
				by,
				value: kr.current,
				confidence: kr.confidence,
				note,
			});
		}
	});
}

export function appendCheckin(doc: Y.Doc, krId: string, entry: CheckinEntry): void {
	const checkins = checkinsMap(doc);
	let arr = checkins.get(krId);
	if (!(arr instanceof Y.Array)) {
		arr = new Y.Array<CheckinEntry>();
		checkins.set(krId, arr);
	}
	arr.push([entry]);
}

export function addBlocker(
	doc: Y.Doc,
	init: { krId: string; text?: string; ownerId?: string | null; dueDate?: string | null },
	by: string | null,
	at = new Date(),
): string {
	const id = newEntryId();
	const m = new Y.Map<unknown>();
	doc.transact(() => {
		m.set('id', id);
		m.set('krId', init.krId);
		m.set('text', text(init.text ?? ''));
		m.set('ownerId', init.ownerId ?? null);
		m.set('dueDate', init.dueDate ?? null);
		m.set('escalated', false);
		m.set('dependsOn', '');
		m.set('status', 'open');
		m.set('createdAt', at.toISOString());
		m.set('createdBy', by);
		m.set('resolvedAt', null);
		blockersMap(doc).set(id, m);
	});
	return id;
}

export function addAction(
	doc: Y.Doc,
	init: {
		krId: string;
		text?: string;
		ownerId?: string | null;
		dueDate?: string | null;
		blockerId?: string | null;
	},
	by: string | null,
	at = new Date(),
): string {
	const id = newEntryId();
	const m = new Y.Map<unknown>();
	doc.transact(() => {
		m.set('id', id);
		m.set('krId', init.krId);
		m.set('blockerId', init.blockerId ?? null);
		m.set('text', text(init.text ?? ''));
		m.set('ownerId', init.ownerId ?? null);
		m.set('dueDate', init.dueDate ?? null);
		m.set('status', 'open');
		m.set('createdAt', at.toISOString());
		m.set('createdBy', by);
		m.set('doneAt', null);
		actionsMap(doc).set(id, m);
	});
	return id;
}

export function addInsight(
	doc: Y.Doc,
	init: { krId?: string | null; text?: string },
	by: string | null,
	at = new Date(),
): string {
	const id = newEntryId();
	const m = new Y.Map<unknown>();
	doc.transact(() => {
		m.set('id', id);
		m.set('krId', init.krId ?? null);
		m.set('text', text(init.text ?? ''));
		m.set('by', by);
		m.set('at', at.toISOString());
		m.set('starred', false);
		insightsMap(doc).set(id, m);
	});
	return id;
}
