/** One open board: its Y.Doc, awareness, peers, and the journal-before-relay pipeline. */
import {
	Awareness,
	applyAwarenessUpdate,
	encodeAwarenessUpdate,
	removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { Bus } from './bus.ts';
import type { DocStore, LoadedDoc } from '../store/doc-store.ts';
import {
	encodeAwareness,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate,
	isEmptyStateVector,
} from './protocol.ts';

/** Who caused a change: a connection, or the server acting for a user. */
export interface Origin {
	readonly userId: string | null;
	/**
	 * A server-owned write: the server writing its own truth into the `board` (settings) or
	 * `meeting` map. Those maps accept no other writer.
	 */
	readonly owned?: boolean;
}

/** A connection as the doc sees it. */
export interface Peer extends Origin {
	readonly awarenessIds: Set<number>;
	send(message: Uint8Array): void;
}

/** An update once it is in the journal. */
export interface CommittedUpdate {
	seq: number;
	at: number;
	userId: string | null;
	update: Uint8Array;
}

export interface LiveDocOptions {
	boardId: string;
	store: DocStore;
	bus: Bus;
	nodeId: string;
	checkpointEvery: number;
	log: Logger;
	/** Runs after each committed batch (derivation hooks in here). */
	onCommit?: (live: LiveDoc, committed: CommittedUpdate[]) => void;
}

const LOADING = Symbol('loading');
const FROM_BUS = Symbol('bus');
const MAX_RETRY_MS = 5000;
/**
 * At most this many updates go into one merged relay message. `Y.mergeUpdates` stays linear (about
 * 8 µs per small update) up to a few hundred, then grows faster; a client applies 256 merged
 * updates about 5× faster than one by one.
 */
const MAX_MERGED_UPDATES = 256;
/** Awareness fan-out runs at most once per this many ms; changes in between are sent together. */
const AWARENESS_INTERVAL_MS = 20;

interface Pending {
	origin: Origin;
	update: Uint8Array;
}

export class LiveDoc {
	readonly boardId: string;
	readonly doc = new Y.Doc();
	readonly awareness = new Awareness(this.doc);
	readonly peers = new Set<Peer>();
	/** Server-side users of the doc (API writes) that keep it loaded. */
	holds = 0;
	seq = 0;
	checkpointSeq = 0;
	/** The newest journal time: `at` never goes backwards along seq, even when the clock does. */
	lastAt = 0;
	#pending: Pending[] = [];
	#inFlight = false;
	#scheduled = false;
	#running = false;
	#afterCommit: (() => void)[] = [];
	/** The doc's full state as one update while no update has changed it since; else null. */
	#fullState: Uint8Array | null = null;
	#idleWaiters: (() => void)[] = [];
	#retryMs = 0;
	#retryTimer: NodeJS.Timeout | null = null;
	/** Awareness client ids changed since the last fan-out. */
	#awarenessChanged = new Set<number>();
	#awarenessTimer: NodeJS.Timeout | null = null;
	#awarenessSentAt = 0;
	#unsubscribe: () => void;
	readonly #opts: LiveDocOptions;

	private constructor(opts: LiveDocOptions) {
		this.#opts = opts;
		this.boardId = opts.boardId;
		this.awareness.setLocalState(null);
		this.#unsubscribe = () => {};
	}

	/** Loads the latest checkpoint plus the journal tail; throws (never yields an empty doc) on failure. */
	static async load(opts: LiveDocOptions): Promise<LiveDoc> {
		return LiveDoc.build(opts, await opts.store.load(opts.boardId));
	}

	/** The stored full state when it needs no tail: all a client with nothing needs. */
	static fullStateOf(stored: LoadedDoc): Uint8Array | null {
		return stored.checkpoint && stored.tail.length === 0 ? stored.checkpoint.state : null;
	}

	/** Builds the in-memory doc from what the store returned. */
	static build(opts: LiveDocOptions, stored: LoadedDoc): LiveDoc {
		const live = new LiveDoc(opts);
		const parts = stored.checkpoint ? [stored.checkpoint.state] : [];
		for (const u of stored.tail) parts.push(u.data);
		if (parts.length) {
			// All parts in one transaction: Y.mergeUpdates is superlinear in the number of updates
			// (20,000 small ones took ~5 s to merge, ~0.1 s to apply one by one; see BENCHMARKS.md).
			live.doc.transact(() => {
				for (const part of parts) Y.applyUpdate(live.doc, part, LOADING);
			}, LOADING);
		}
		// A checkpoint with no tail is the doc's full state: new clients get it without re-encoding.
		live.#fullState = LiveDoc.fullStateOf(stored);
		live.seq = stored.lastSeq;
		live.lastAt = Math.max(stored.checkpoint?.at ?? 0, stored.tail.at(-1)?.at ?? 0);
		live.checkpointSeq = stored.checkpoint?.seq ?? 0;
		live.doc.on('update', (update: Uint8Array, origin: unknown) => live.#onUpdate(update, origin));
		live.awareness.on('update', (change: AwarenessChange, origin: unknown) =>
			live.#onAwareness(change, origin),
		);
		live.#unsubscribe = opts.bus.subscribe(opts.boardId, (m) => {
			if (m.nodeId !== opts.nodeId) Y.applyUpdate(live.doc, m.update, FROM_BUS);
		});
		return live;
	}

	/** Whether updates are waiting for (or in) a journal write. */
	get dirty(): boolean {
		return this.#pending.length > 0 || this.#inFlight;
	}

	addPeer(peer: Peer): void {
		this.peers.add(peer);
		peer.send(encodeSyncStep1(this.doc));
		const states = this.awareness.getStates();
		if (states.size > 0)
			peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, [...states.keys()])));
	}

	removePeer(peer: Peer): void {
		if (!this.peers.delete(peer)) return;
		if (peer.awarenessIds.size > 0)
			removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
	}

	/** Answers sync step 1; waits for the current batch's commit so it never leaks unjournaled data. */
	answerSyncStep1(peer: Peer, stateVector: Uint8Array): void {
		// Decoded now so a malformed state vector throws to the caller, not inside a later flush.
		const empty = isEmptyStateVector(stateVector);
		const send = () => {
			if (this.peers.has(peer)) peer.send(encodeSyncStep2(this.#diffFor(stateVector, empty)));
		};
		if (this.dirty) this.#afterCommit.push(send);
		else send();
	}

	/** The step-2 payload for a state vector: the cached full state for a client that has nothing. */
	#diffFor(stateVector: Uint8Array, empty: boolean): Uint8Array {
		if (this.#fullState && empty) return this.#fullState;
		return Y.encodeStateAsUpdate(this.doc, stateVector);
	}

	/** Applies a client update; the doc's update event queues it for the journal. */
	applyFrom(origin: Origin, update: Uint8Array): void {
		Y.applyUpdate(this.doc, update, origin);
	}

	applyAwareness(peer: Peer, update: Uint8Array): void {
		applyAwarenessUpdate(this.awareness, update, peer);
	}

	sendAwarenessStates(peer: Peer): void {
		const ids = [...this.awareness.getStates().keys()];
		if (ids.length) peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, ids)));
	}

	/** Runs `fn` as one transaction attributed to `origin` and resolves once it is journaled. */
	async write(origin: Origin, fn: (doc: Y.Doc) => void): Promise<void> {
		this.doc.transact(() => fn(this.doc), origin);
		await this.flush();
	}

	/** Resolves once everything pending is in the journal (failed writes are retried until then). */
	flush(): Promise<void> {
		if (!this.dirty) return Promise.resolve();
		return new Promise((resolve) => {
			this.#idleWaiters.push(resolve);
			void this.#run();
		});
	}

	#onUpdate(update: Uint8Array, origin: unknown): void {
		if (origin === LOADING) return;
		this.#fullState = null;
		if (origin === FROM_BUS) {
			// Committed by another node already: relay only.
			const message = encodeUpdate(update);
			for (const peer of this.peers) peer.send(message);
			return;
		}
		const from: Origin =
			origin && typeof origin === 'object' && 'userId' in origin
				? (origin as Origin)
				: { userId: null };
		this.#pending.push({ origin: from, update });
		if (this.#scheduled) return;
		this.#scheduled = true;
		// One transaction per event-loop tick: every update that arrived in this tick.
		setImmediate(() => {
			this.#scheduled = false;
			void this.#run();
		});
	}

	async #run(): Promise<void> {
		if (this.#running) return;
		this.#running = true;
		try {
			while (this.#pending.length > 0 && !this.#retryTimer) await this.#commit();
		} finally {
			this.#running = false;
		}
		if (this.dirty) return;
		const callbacks = this.#afterCommit.splice(0);
		for (const cb of callbacks) cb();
		const waiters = this.#idleWaiters.splice(0);
		for (const resolve of waiters) resolve();
		if (this.seq - this.checkpointSeq >= this.#opts.checkpointEvery) await this.checkpoint();
	}

	async #commit(): Promise<void> {
		const batch = this.#pending;
		this.#pending = [];
		const at = Math.max(Date.now(), this.lastAt);
		let seqs: number[];
		this.#inFlight = true;
		try {
			seqs = await this.#opts.store.append(
				batch.map((p) => ({ boardId: this.boardId, userId: p.origin.userId, at, data: p.update })),
			);
		} catch (err) {
			this.#pending = batch.concat(this.#pending);
			this.#retryMs = Math.min(MAX_RETRY_MS, this.#retryMs ? this.#retryMs * 2 : 50);
			this.#opts.log.error(
				{ err, boardId: this.boardId, updates: batch.length, retryInMs: this.#retryMs },
				'journal write failed; keeping updates in memory and retrying',
			);
			this.#retryTimer = setTimeout(() => {
				this.#retryTimer = null;
				void this.#run();
			}, this.#retryMs);
			return;
		} finally {
			this.#inFlight = false;
		}
		this.#retryMs = 0;
		this.seq = seqs[seqs.length - 1];
		this.lastAt = at;
		this.#relay(batch);
		const committed = batch.map((p, i) => ({
			seq: seqs[i],
			at,
			userId: p.origin.userId,
			update: p.update,
		}));
		try {
			this.#opts.onCommit?.(this, committed);
		} catch (err) {
			this.#opts.log.error({ err, boardId: this.boardId }, 'commit hook failed');
		}
	}

	/**
	 * Sends a committed batch to the peers. One update goes to everyone but its sender. Several
	 * (one tick's worth, under load) are merged, up to MAX_MERGED_UPDATES per message, and each
	 * peer gets one message instead of one per update. A peer that sent some of them gets its own
	 * back inside the merge (Yjs skips what a doc already holds); one that sent all gets nothing.
	 */
	#relay(batch: Pending[]): void {
		for (let i = 0; i < batch.length; i += MAX_MERGED_UPDATES) {
			const chunk = batch.slice(i, i + MAX_MERGED_UPDATES);
			const sender = chunk[0].origin;
			const soleSender = chunk.every((p) => p.origin === sender) ? sender : null;
			const update =
				chunk.length === 1 ? chunk[0].update : Y.mergeUpdates(chunk.map((p) => p.update));
			// Encoded once, then the same bytes go to every peer.
			const message = encodeUpdate(update);
			for (const peer of this.peers) if (peer !== soleSender) peer.send(message);
			this.#opts.bus.publish({ boardId: this.boardId, nodeId: this.#opts.nodeId, update });
		}
	}

	/** Stores the merged state at the current seq when nothing is pending. */
	async checkpoint(): Promise<void> {
		if (this.dirty || this.seq <= this.checkpointSeq) return;
		const seq = this.seq;
		const state = Y.encodeStateAsUpdate(this.doc);
		// Nothing is pending, so this is exactly the doc's state until the next update.
		this.#fullState = state;
		try {
			await this.#opts.store.checkpoint(this.boardId, seq, state, Date.now());
			this.checkpointSeq = Math.max(this.checkpointSeq, seq);
		} catch (err) {
			// The journal still holds everything; a later checkpoint will catch up.
			this.#opts.log.error({ err, boardId: this.boardId, seq }, 'checkpoint failed');
		}
	}

	#onAwareness(change: AwarenessChange, origin: unknown): void {
		if (origin && typeof origin === 'object' && 'awarenessIds' in origin) {
			const peer = origin as Peer;
			for (const id of change.added) peer.awarenessIds.add(id);
			for (const id of change.removed) peer.awarenessIds.delete(id);
		}
		for (const ids of [change.added, change.updated, change.removed])
			for (const id of ids) this.#awarenessChanged.add(id);
		if (this.#awarenessTimer) return;
		// Leading edge at once (next timer tick); a burst (every client renewing its state together)
		// goes out as one message per peer per interval instead of one per change per peer.
		const wait = this.#awarenessSentAt + AWARENESS_INTERVAL_MS - performance.now();
		this.#awarenessTimer = setTimeout(() => this.#sendAwareness(), Math.max(0, wait));
	}

	#sendAwareness(): void {
		this.#awarenessTimer = null;
		this.#awarenessSentAt = performance.now();
		const changed = [...this.#awarenessChanged];
		this.#awarenessChanged.clear();
		if (changed.length === 0) return;
		// Sent to the sender too: y-websocket drops a connection that hears nothing for 30 s.
		const message = encodeAwareness(encodeAwarenessUpdate(this.awareness, changed));
		for (const peer of this.peers) peer.send(message);
	}

	destroy(): void {
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		if (this.#awarenessTimer) clearTimeout(this.#awarenessTimer);
		this.#unsubscribe();
		this.awareness.destroy();
		this.doc.destroy();
	}
}

interface AwarenessChange {
	added: number[];
	updated: number[];
	removed: number[];
}
