/**
 * The board document schema: the single definition of what a board's Y.Doc holds.
 * Pure TypeScript (no Svelte, no DOM): used by the client, the server and tests.
 */
import * as Y from 'yjs';

export const SCHEMA_VERSION = 1;

export type KrDirection = 'up' | 'down';
export type KrState = 'active' | 'on_hold' | 'done' | 'dropped';
export type BlockerStatus = 'open' | 'resolved';
export type ActionStatus = 'open' | 'done' | 'dropped';
export type Band = 'green' | 'yellow' | 'red';

export interface Bands {
	green: number;
	yellow: number;
}
export const DEFAULT_BANDS: Bands = { green: 7, yellow: 4 };

export interface BoardSettings {
	title: string;
	cycleStart: string;
	cycleEnd: string;
	bands: Bands;
	schemaVersion: number;
	cadence?: { weekday: number; time: string; timeZone: string };
}

export interface Objective {
	id: string;
	title: string;
	ownerId: string | null;
	order: string;
}

export interface KeyResult {
	id: string;
	objectiveId: string;
	title: string;
	ownerId: string | null;
	unit: string;
	direction: KrDirection;
	start: number | null;
	target: number | null;
	current: number | null;
	confidence: number | null;
	state: KrState;
	context: string;
	order: string;
	updatedAt: string | null;
	updatedBy: string | null;
}

export interface CheckinEntry {
	at: string;
	by: string | null;
	value: number | null;
	confidence: number | null;
	note: string;
}

export interface Blocker {
	id: string;
	krId: string;
	text: string;
	ownerId: string | null;
	dueDate: string | null;
	escalated: boolean;
	dependsOn: string;
	status: BlockerStatus;
	createdAt: string | null;
	createdBy: string | null;
	resolvedAt: string | null;
}

export interface Action {
	id: string;
	krId: string;
	blockerId: string | null;
	text: string;
	ownerId: string | null;
	dueDate: string | null;
	status: ActionStatus;
	createdAt: string | null;
	createdBy: string | null;
	doneAt: string | null;
}

export interface Insight {
	id: string;
	krId: string | null;
	text: string;
	by: string | null;
	at: string | null;
	starred: boolean;
}

export interface MeetingState {
	status: 'idle' | 'running';
	meetingId: string | null;
	startedAt: string | null;
	startedBy: string | null;
	segment: string | null;
	segmentStartedAt: string | null;
	spotlightKrId: string | null;
}

/** A whole board as plain JSON (what GET /api/boards/:id/doc returns). */
export interface BoardSnapshot {
	board: BoardSettings;
	objectives: Objective[];
	krs: KeyResult[];
	checkins: Record<string, CheckinEntry[]>;
	blockers: Blocker[];
	actions: Action[];
	insights: Insight[];
	meeting: MeetingState;
}

/** The top-level shared types of a board doc. */
export const TOP_LEVEL = [
	'board',
	'objectives',
	'krs',
	'checkins',
	'blockers',
	'actions',
	'insights',
	'meeting',
] as const;

export function boardMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('board');
}
export function objectivesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap('objectives');
}
export function krsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap('krs');
}
export function checkinsMap(doc: Y.Doc): Y.Map<Y.Array<CheckinEntry>> {
	return doc.getMap('checkins');
}
export function blockersMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap('blockers');
}
export function actionsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap('actions');
}
export function insightsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap('insights');
}
export function meetingMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('meeting');
}

/** Writes board settings into the doc's `board` map (the server mirrors SQL settings here). */
export function writeBoardSettings(
	doc: Y.Doc,
	settings: Omit<BoardSettings, 'schemaVersion'>,
): void {
	const map = boardMap(doc);
	doc.transact(() => {
		if (map.get('title') !== settings.title) map.set('title', settings.title);
		if (map.get('cycleStart') !== settings.cycleStart) map.set('cycleStart', settings.cycleStart);
		if (map.get('cycleEnd') !== settings.cycleEnd) map.set('cycleEnd', settings.cycleEnd);
		const bands = map.get('bands') as Bands | undefined;
		if (bands?.green !== settings.bands.green || bands?.yellow !== settings.bands.yellow)
			map.set('bands', { green: settings.bands.green, yellow: settings.bands.yellow });
		if (settings.cadence) {
			const c = map.get('cadence') as BoardSettings['cadence'] | undefined;
			if (
				c?.weekday !== settings.cadence.weekday ||
				c?.time !== settings.cadence.time ||
				c?.timeZone !== settings.cadence.timeZone
			)
				map.set('cadence', { ...settings.cadence });
		}
		if (map.get('schemaVersion') !== SCHEMA_VERSION) map.set('schemaVersion', SCHEMA_VERSION);
	});
}

/** A new board doc with its settings written once (by the server, at board creation). */
export function createBoardDoc(settings: Omit<BoardSettings, 'schemaVersion'>): Y.Doc {
	const doc = new Y.Doc();
	writeBoardSettings(doc, settings);
	return doc;
}

/** Runs schema migrations in place; returns true when the doc was changed. */
export function migrateBoardDoc(doc: Y.Doc): boolean {
	const map = boardMap(doc);
	const version = map.get('schemaVersion');
	if (version === SCHEMA_VERSION) return false;
	doc.transact(() => map.set('schemaVersion', SCHEMA_VERSION));
	return true;
}
