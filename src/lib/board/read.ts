/** Typed, defensive readers: any entry with the schema's fields renders; malformed ones are skipped. */
import * as Y from 'yjs';
import {
	DEFAULT_BANDS,
	actionsMap,
	blockersMap,
	boardMap,
	checkinsMap,
	insightsMap,
	krsMap,
	meetingMap,
	objectivesMap,
	type Action,
	type Bands,
	type Blocker,
	type BoardSettings,
	type BoardSnapshot,
	type CheckinEntry,
	type Insight,
	type KeyResult,
	type MeetingState,
	type Objective,
} from './schema.ts';

type Raw = Y.Map<unknown> | Record<string, unknown>;

function field(raw: Raw, key: string): unknown {
	return raw instanceof Y.Map ? raw.get(key) : raw[key];
}

/** A Y.Text or a plain string (readers accept both), as a string. */
export function textOf(value: unknown): string {
	if (value instanceof Y.Text) return value.toString();
	return typeof value === 'string' ? value : '';
}

function str(value: unknown): string | null {
	return typeof value === 'string' ? value : null;
}

function num(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
	return allowed.includes(value as T) ? (value as T) : fallback;
}

function entries(map: Y.Map<Y.Map<unknown>>): [string, Raw][] {
	const out: [string, Raw][] = [];
	map.forEach((value, key) => {
		if (
			value instanceof Y.Map ||
			(value !== null && typeof value === 'object' && !Array.isArray(value))
		)
			out.push([key, value as Raw]);
	});
	return out;
}

export function readObjective(id: string, raw: Raw): Objective {
	return {
		id,
		title: textOf(field(raw, 'title')),
		ownerId: str(field(raw, 'ownerId')),
		order: str(field(raw, 'order')) ?? id,
	};
}

export function readConfidence(value: unknown): number | null {
	const n = num(value);
	return n !== null && Number.isInteger(n) && n >= 1 && n <= 10 ? n : null;
}

export function readKr(id: string, raw: Raw): KeyResult | null {
	const objectiveId = str(field(raw, 'objectiveId'));
	if (!objectiveId) return null;
	return {
		id,
		objectiveId,
		title: textOf(field(raw, 'title')),
		ownerId: str(field(raw, 'ownerId')),
		unit: str(field(raw, 'unit')) ?? '',
		direction: oneOf(field(raw, 'direction'), ['up', 'down'], 'up'),
		start: num(field(raw, 'start')),
		target: num(field(raw, 'target')),
		current: num(field(raw, 'current')),
		confidence: readConfidence(field(raw, 'confidence')),
		state: oneOf(field(raw, 'state'), ['active', 'on_hold', 'done', 'dropped'], 'active'),
		context: textOf(field(raw, 'context')),
		order: str(field(raw, 'order')) ?? id,
		updatedAt: str(field(raw, 'updatedAt')),
		updatedBy: str(field(raw, 'updatedBy')),
	};
}

export function readBlocker(id: string, raw: Raw): Blocker | null {
	const krId = str(field(raw, 'krId'));
	if (!krId) return null;
	return {
		id,
		krId,
		text: textOf(field(raw, 'text')),
		ownerId: str(field(raw, 'ownerId')),
		dueDate: str(field(raw, 'dueDate')),
		escalated: field(raw, 'escalated') === true,
		dependsOn: str(field(raw, 'dependsOn')) ?? '',
		status: oneOf(field(raw, 'status'), ['open', 'resolved'], 'open'),
		createdAt: str(field(raw, 'createdAt')),
		createdBy: str(field(raw, 'createdBy')),
		resolvedAt: str(field(raw, 'resolvedAt')),
	};
}

export function readAction(id: string, raw: Raw): Action | null {
	const krId = str(field(raw, 'krId'));
	if (!krId) return null;
	return {
		id,
		krId,
		blockerId: str(field(raw, 'blockerId')),
		text: textOf(field(raw, 'text')),
		ownerId: str(field(raw, 'ownerId')),
		dueDate: str(field(raw, 'dueDate')),
		status: oneOf(field(raw, 'status'), ['open', 'done', 'dropped'], 'open'),
		createdAt: str(field(raw, 'createdAt')),
		createdBy: str(field(raw, 'createdBy')),
		doneAt: str(field(raw, 'doneAt')),
	};
}

export function readInsight(id: string, raw: Raw): Insight {
	return {
		id,
		krId: str(field(raw, 'krId')),
		text: textOf(field(raw, 'text')),
		by: str(field(raw, 'by')),
		at: str(field(raw, 'at')),
		starred: field(raw, 'starred') === true,
	};
}

export function readBands(value: unknown): Bands {
	if (value && typeof value === 'object') {
		const green = num((value as Record<string, unknown>).green);
		const yellow = num((value as Record<string, unknown>).yellow);
		if (green !== null && yellow !== null && yellow < green) return { green, yellow };
	}
	return { ...DEFAULT_BANDS };
}

export function readSettings(doc: Y.Doc): BoardSettings {
	const map = boardMap(doc);
	const cadence = map.get('cadence') as BoardSettings['cadence'] | undefined;
	return {
		title: str(map.get('title')) ?? 'Untitled board',
		cycleStart: str(map.get('cycleStart')) ?? '',
		cycleEnd: str(map.get('cycleEnd')) ?? '',
		bands: readBands(map.get('bands')),
		schemaVersion: num(map.get('schemaVersion')) ?? 0,
		...(cadence && typeof cadence === 'object' ? { cadence } : {}),
	};
}

export function readMeeting(doc: Y.Doc): MeetingState {
	const m = meetingMap(doc);
	return {
		status: m.get('status') === 'running' ? 'running' : 'idle',
		meetingId: str(m.get('meetingId')),
		startedAt: str(m.get('startedAt')),
		startedBy: str(m.get('startedBy')),
		segment: str(m.get('segment')),
		segmentStartedAt: str(m.get('segmentStartedAt')),
		spotlightKrId: str(m.get('spotlightKrId')),
	};
}

function readCheckins(doc: Y.Doc): Record<string, CheckinEntry[]> {
	const out: Record<string, CheckinEntry[]> = {};
	checkinsMap(doc).forEach((arr, krId) => {
		if (!(arr instanceof Y.Array)) return;
		out[krId] = arr
			.toArray()
			.filter((e): e is CheckinEntry => !!e && typeof e === 'object' && typeof e.at === 'string');
	});
	return out;
}

const byOrder = <T extends { order: string; id: string }>(a: T, b: T) =>
	a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1;

function readAll<T>(map: Y.Map<Y.Map<unknown>>, read: (id: string, raw: Raw) => T | null): T[] {
	const out: T[] = [];
	for (const [id, raw] of entries(map)) {
		const item = read(id, raw);
		if (item) out.push(item);
	}
	return out;
}

/** The whole board as plain JSON, sorted by order keys. */
export function readBoard(doc: Y.Doc): BoardSnapshot {
	return {
		board: readSettings(doc),
		objectives: readAll(objectivesMap(doc), readObjective).sort(byOrder),
		krs: readAll(krsMap(doc), readKr).sort(byOrder),
		checkins: readCheckins(doc),
		blockers: readAll(blockersMap(doc), readBlocker),
		actions: readAll(actionsMap(doc), readAction),
		insights: readAll(insightsMap(doc), readInsight),
		meeting: readMeeting(doc),
	};
}
