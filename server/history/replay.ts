/**
 * Replays a board's journal into documents of their own, off the live doc: the one module
 * that history (state at a point, diff, restore) and the derived logs (live catch-up, rebuild)
 * build on. A state at seq N is the nearest checkpoint ≤ N plus the journal up to N.
 */
import * as Y from 'yjs';
import type { DocStore, StoredUpdate } from '../store/doc-store.ts';

/** Journal rows read per query while streaming a range. */
const PAGE = 2000;

/** Marks transactions made by a replay (never a user's edit). */
export const REPLAY_ORIGIN = Symbol('replay');

export interface ReplayedDoc {
	doc: Y.Doc;
	/** The seq the doc stands at (≤ the one asked for: never past the journal's end). */
	seq: number;
	/** When the update at `seq` was journaled (ms), or null for an empty board. */
	at: number | null;
}

/** Streams journal entries with from < seq ≤ to, in seq order, a page at a time. */
export async function* journalRange(
	store: DocStore,
	boardId: string,
	from: number,
	to: number,
): AsyncGenerator<StoredUpdate> {
	let cursor = from;
	while (cursor < to) {
		const page = await store.updates(boardId, cursor, Math.min(to, cursor + PAGE));
		// Seqs are gap-free per board, so an empty page means the journal ended.
		if (page.length === 0) return;
		for (const entry of page) yield entry;
		cursor = page[page.length - 1].seq;
	}
}

/**
 * The board as it stood right after the update at `seq`: a fresh Y.Doc from the nearest
 * checkpoint at or before it plus the journal tail (gc off: it is read, never edited, and
 * skipping garbage collection makes the apply cheaper). The caller destroys it.
 */
export async function docAt(store: DocStore, boardId: string, seq: number): Promise<ReplayedDoc> {
	const doc = new Y.Doc({ gc: false });
	if (seq <= 0) return { doc, seq: 0, at: null };
	const checkpoint = await store.checkpointAtOrBefore(boardId, seq);
	let reached = checkpoint?.seq ?? 0;
	let at = checkpoint?.at ?? null;
	// One transaction: observers (none here) and Yjs's own bookkeeping run once, not per update.
	const tail: StoredUpdate[] = [];
	for await (const entry of journalRange(store, boardId, reached, seq)) tail.push(entry);
	doc.transact(() => {
		if (checkpoint) Y.applyUpdate(doc, checkpoint.state, REPLAY_ORIGIN);
		for (const entry of tail) Y.applyUpdate(doc, entry.data, REPLAY_ORIGIN);
	}, REPLAY_ORIGIN);
	if (tail.length) {
		reached = tail[tail.length - 1].seq;
		at = tail[tail.length - 1].at;
	}
	return { doc, seq: reached, at };
}

/**
 * Applies journal entries from < seq ≤ to one at a time to `doc`, calling `onEntry` after
 * each, so a caller (derivation) sees the doc exactly as it stood after every single update.
 * `onPage` runs between pages (yield to the event loop, report progress).
 */
export async function replayEach(
	store: DocStore,
	boardId: string,
	doc: Y.Doc,
	range: { from: number; to: number },
	onEntry: (entry: StoredUpdate, doc: Y.Doc) => void,
	onPage?: (seq: number) => void | Promise<void>,
): Promise<number> {
	let last = range.from;
	let inPage = 0;
	for await (const entry of journalRange(store, boardId, range.from, range.to)) {
		Y.applyUpdate(doc, entry.data, REPLAY_ORIGIN);
		onEntry(entry, doc);
		last = entry.seq;
		if (++inPage === PAGE) {
			inPage = 0;
			await onPage?.(last);
		}
	}
	await onPage?.(last);
	return last;
}
