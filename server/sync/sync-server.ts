/** The doc registry: one LiveDoc per open board, shared loads, unload after the last peer, shutdown. */
import type { WebSocket } from 'ws';
import type * as Y from 'yjs';
import { CloseCode } from '../../src/lib/close-codes.ts';
import type { Role } from '../db/schema.ts';
import { newId } from '../ids.ts';
import type { Logger } from '../log.ts';
import type { DocStore } from '../store/doc-store.ts';
import type { Bus } from './bus.ts';
import { Connection, type ConnectionInfo } from './connection.ts';
import { LiveDoc, type CommittedUpdate, type Origin } from './live-doc.ts';

const HEARTBEAT_MS = 30_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
/** How long a cold load waits for the first client's sync step 1 before building the doc anyway. */
const EARLY_ANSWER_WAIT_MS = 50;

export interface SyncServerOptions {
	store: DocStore;
	bus: Bus;
	log: Logger;
	checkpointEvery: number;
	maxMessageBytes: number;
	/** Whether a session still exists and has not expired (checked on every heartbeat). */
	sessionValid?: (sessionId: string) => boolean;
	onCommit?: (live: LiveDoc, committed: CommittedUpdate[]) => void;
}

export class SyncServer {
	readonly nodeId = newId(6);
	readonly #docs = new Map<string, Promise<LiveDoc>>();
	readonly #connections = new Set<Connection>();
	readonly #opts: SyncServerOptions;
	readonly #heartbeat: NodeJS.Timeout;
	#closing = false;

	constructor(opts: SyncServerOptions) {
		this.#opts = opts;
		this.#heartbeat = setInterval(() => this.heartbeat(), HEARTBEAT_MS);
		this.#heartbeat.unref();
	}

	/** Pings every socket, drops dead ones, and closes those whose session expired (4401). */
	heartbeat(): void {
		const valid = this.#opts.sessionValid;
		const checked = new Map<string, boolean>();
		for (const conn of this.#connections) {
			if (valid) {
				let ok = checked.get(conn.sessionId);
				if (ok === undefined) checked.set(conn.sessionId, (ok = valid(conn.sessionId)));
				if (!ok) {
					conn.close(CloseCode.Unauthorized, 'session expired; sign in again');
					continue;
				}
			}
			conn.heartbeat();
		}
	}

	get connectionCount(): number {
		return this.#connections.size;
	}

	/** Whether a board's doc is in memory (loading or loaded). */
	isLoaded(boardId: string): boolean {
		return this.#docs.has(boardId);
	}

	/** Takes an accepted websocket; sync starts only once the board is loaded. */
	accept(ws: WebSocket, info: ConnectionInfo): void {
		const log = this.#opts.log;
		if (this.#closing) {
			ws.close(CloseCode.GoingAway, 'server shutting down');
			return;
		}
		const conn = new Connection(ws, info, this.#opts.maxMessageBytes, log);
		this.#connections.add(conn);
		conn.onClose(() => this.#leave(conn));
		this.#get(info.boardId, conn).then(
			(live) => conn.attach(live),
			(err) => {
				log.error({ err, boardId: info.boardId }, 'board failed to load');
				conn.close(CloseCode.LoadFailed, 'board failed to load; retrying');
			},
		);
	}

	/** Runs a server-side write on a board (loading it if needed); resolves once journaled. */
	async write(boardId: string, origin: Origin, fn: (doc: Y.Doc) => void): Promise<void> {
		const live = await this.#get(boardId);
		live.holds++;
		try {
			await live.write(origin, fn);
		} finally {
			live.holds--;
			if (live.peers.size === 0 && live.holds === 0) void this.#unload(live);
		}
	}

	/** Reads a board's current doc (loading it if needed). */
	async read<T>(boardId: string, fn: (doc: Y.Doc, seq: number) => T): Promise<T> {
		const live = await this.#get(boardId);
		live.holds++;
		try {
			return fn(live.doc, live.seq);
		} finally {
			live.holds--;
			if (live.peers.size === 0 && live.holds === 0) void this.#unload(live);
		}
	}

	/** Closes every socket of a user (sign-out: 4401), optionally only one session's. */
	closeUser(userId: string, code: number, reason: string, sessionId?: string): void {
		for (const conn of this.#connections)
			if (conn.userId === userId && (!sessionId || conn.sessionId === sessionId))
				conn.close(code, reason);
	}

	/**
	 * Applies a membership change at once: removed → close 4403; a viewer given write access →
	 * reconnect (its dropped writes left a gap in that client's clock, a new sync closes it);
	 * otherwise the new role governs writes from now on and the page is told (a notice).
	 */
	setRole(boardId: string, userId: string, role: Role | null): void {
		for (const conn of this.#connections) {
			if (conn.boardId !== boardId || conn.userId !== userId) continue;
			if (role === null) conn.close(CloseCode.Forbidden, 'removed from this board');
			else if (conn.role === 'viewer' && role !== 'viewer')
				conn.close(CloseCode.Reconnect, 'role changed; reconnecting');
			else if (conn.role !== role) {
				conn.role = role;
				conn.notify({ kind: 'role', role });
			}
		}
	}

	/** Closes every socket on a board (board deleted). */
	closeBoard(boardId: string, code: number, reason: string): void {
		for (const conn of this.#connections) if (conn.boardId === boardId) conn.close(code, reason);
	}

	#get(boardId: string, first?: Connection): Promise<LiveDoc> {
		let promise = this.#docs.get(boardId);
		if (!promise) {
			promise = this.#load(boardId, first);
			this.#docs.set(boardId, promise);
			// A failed load is forgotten so the next connection tries again.
			promise.catch(() => {
				if (this.#docs.get(boardId) === promise) this.#docs.delete(boardId);
			});
		}
		return promise;
	}

	async #load(boardId: string, first?: Connection): Promise<LiveDoc> {
		const { store, bus, log, checkpointEvery, onCommit } = this.#opts;
		const opts = { boardId, store, bus, log, checkpointEvery, onCommit, nodeId: this.nodeId };
		const stored = await store.load(boardId);
		const fullState = LiveDoc.fullStateOf(stored);
		if (first && fullState) {
			// Building a large doc takes tens of ms; a new client's sync step 1 (sent right after
			// the socket opens) is answered from the stored bytes first, then the doc is built.
			await first.firstMessage(EARLY_ANSWER_WAIT_MS);
			// A large answer leaves the process in pieces as the socket drains, and draining needs
			// the event loop, so the build (which holds the loop) waits until it is out.
			await Promise.race([first.answerEarly(fullState), sleep(EARLY_ANSWER_WAIT_MS)]);
		}
		return LiveDoc.build(opts, stored);
	}

	#leave(conn: Connection): void {
		this.#connections.delete(conn);
		const promise = this.#docs.get(conn.boardId);
		if (!promise) return;
		promise.then(
			(live) => {
				live.removePeer(conn);
				if (live.peers.size === 0 && live.holds === 0) void this.#unload(live);
			},
			() => {},
		);
	}

	/** Flushes, checkpoints and drops a doc nobody uses; anyone arriving meanwhile keeps it loaded. */
	async #unload(live: LiveDoc): Promise<void> {
		const inUse = () => live.peers.size > 0 || live.holds > 0;
		await live.flush();
		if (inUse()) return;
		await live.checkpoint();
		if (inUse() || live.dirty) return;
		const promise = this.#docs.get(live.boardId);
		if (!promise) return;
		if ((await promise) !== live) return;
		this.#docs.delete(live.boardId);
		live.destroy();
	}

	/** Stops accepting, closes sockets (clients reconnect), flushes and checkpoints every doc. */
	async close(): Promise<void> {
		this.#closing = true;
		clearInterval(this.#heartbeat);
		for (const conn of this.#connections) conn.close(CloseCode.GoingAway, 'server shutting down');
		const docs = await Promise.allSettled([...this.#docs.values()]);
		for (const result of docs) {
			if (result.status !== 'fulfilled') continue;
			await result.value.flush();
			await result.value.checkpoint();
			result.value.destroy();
		}
		this.#docs.clear();
	}
}
