/** Structural edits of a board doc: deleting and reordering objectives and KRs, typed field edits. */
import * as Y from 'yjs';
import {
	actionsMap,
	blockersMap,
	checkinsMap,
	insightsMap,
	krsMap,
	objectivesMap,
	type Action,
	type Blocker,
	type Insight,
} from './schema.ts';
import { appendCheckin, orderBetween } from './mutations.ts';
import { readKr } from './read.ts';

/** The Y.Text under `key`, converting a plain string written by another client on first edit. */
export function ensureText(map: Y.Map<unknown>, key: string): Y.Text {
	const value = map.get(key);
	if (value instanceof Y.Text) return value;
	const text = new Y.Text();
	if (typeof value === 'string' && value) text.insert(0, value);
	map.set(key, text);
	return text;
}

function removeWhere(map: Y.Map<Y.Map<unknown>>, match: (m: Y.Map<unknown>) => boolean): void {
	const ids: string[] = [];
	map.forEach((m, id) => {
		if (m instanceof Y.Map && match(m)) ids.push(id);
	});
	for (const id of ids) map.delete(id);
}

/** Deletes a KR with its blockers, actions, insights and check-ins, in one undoable transaction. */
export function deleteKr(doc: Y.Doc, krId: string): void {
	doc.transact(() => {
		const byKr = (m: Y.Map<unknown>) => m.get('krId') === krId;
		removeWhere(blockersMap(doc), byKr);
		removeWhere(actionsMap(doc), byKr);
		removeWhere(insightsMap(doc), byKr);
		checkinsMap(doc).delete(krId);
		krsMap(doc).delete(krId);
	});
}

/** Deletes an objective and everything under its KRs. */
export function deleteObjective(doc: Y.Doc, objectiveId: string): void {
	doc.transact(() => {
		const krIds: string[] = [];
		krsMap(doc).forEach((m, id) => {
			if (m instanceof Y.Map && m.get('objectiveId') === objectiveId) krIds.push(id);
		});
		for (const id of krIds) deleteKr(doc, id);
		objectivesMap(doc).delete(objectiveId);
	});
}

/**
 * Gives an entry a new order key between its new neighbours' keys (null at either end):
 * only this entry's key changes, so concurrent moves of other entries never conflict.
 */
export function moveEntry(
	map: Y.Map<Y.Map<unknown>>,
	id: string,
	before: string | null,
	after: string | null,
): void {
	const m = map.get(id);
	if (!(m instanceof Y.Map)) return;
	// Equal neighbour keys (two concurrent appends) have no key between them: go after both.
	const usable = before !== null && after !== null && before >= after ? null : after;
	m.set('order', orderBetween(before, usable));
}

/** Where an item lands when moved one step: the order keys of its new neighbours. */
export function neighboursForStep(
	orders: string[],
	index: number,
	step: -1 | 1,
): [string | null, string | null] | null {
	const target = index + step;
	if (target < 0 || target >= orders.length) return null;
	if (step === -1) return [orders[target - 1] ?? null, orders[target]];
	return [orders[target], orders[target + 1] ?? null];
}

type Plain<T> = Partial<Omit<T, 'id' | 'text'>>;

function setFields(map: Y.Map<Y.Map<unknown>>, id: string, fields: object): void {
	const m = map.get(id);
	if (!(m instanceof Y.Map)) return;
	m.doc?.transact(() => {
		for (const [key, value] of Object.entries(fields)) if (m.get(key) !== value) m.set(key, value);
	});
}

/** Sets plain fields of a blocker; resolving stamps resolvedAt. */
export function updateBlocker(doc: Y.Doc, id: string, fields: Plain<Blocker>, at = new Date()) {
	const stamp =
		fields.status === 'resolved'
			? { resolvedAt: at.toISOString() }
			: fields.status === 'open'
				? { resolvedAt: null }
				: {};
	setFields(blockersMap(doc), id, { ...fields, ...stamp });
}

/** Sets plain fields of an action; done or dropped stamps doneAt. */
export function updateAction(doc: Y.Doc, id: string, fields: Plain<Action>, at = new Date()) {
	const stamp =
		fields.status === undefined
			? {}
			: { doneAt: fields.status === 'open' ? null : at.toISOString() };
	setFields(actionsMap(doc), id, { ...fields, ...stamp });
}

export function updateInsight(doc: Y.Doc, id: string, fields: Plain<Insight>) {
	setFields(insightsMap(doc), id, fields);
}

export function updateObjective(doc: Y.Doc, id: string, fields: { ownerId?: string | null }) {
	setFields(objectivesMap(doc), id, fields);
}

/** Deletes one blocker, action or insight. */
export function deleteEntry(doc: Y.Doc, kind: 'blockers' | 'actions' | 'insights', id: string) {
	doc.getMap(kind).delete(id);
}

/** Sets one KR field without stamping a check-in: the live preview while a slider is dragged. */
export function previewKrField(doc: Y.Doc, krId: string, key: 'confidence', value: number): void {
	const m = krsMap(doc).get(krId);
	if (m instanceof Y.Map && m.get(key) !== value) m.set(key, value);
}

/**
 * Stamps the KR as updated and records its value and confidence as a check-in, even when
 * unchanged: re-confirming a score before the meeting is an update (it makes the row ready).
 */
export function stampCheckin(doc: Y.Doc, krId: string, by: string | null, at = new Date()): void {
	const m = krsMap(doc).get(krId);
	if (!(m instanceof Y.Map)) return;
	doc.transact(() => {
		m.set('updatedAt', at.toISOString());
		m.set('updatedBy', by);
		const kr = readKr(krId, m);
		if (kr)
			appendCheckin(doc, krId, {
				at: at.toISOString(),
				by,
				value: kr.current,
				confidence: kr.confidence,
				note: '',
			});
	});
}
