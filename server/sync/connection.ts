/** One websocket on one board: limits, decoding, and routing of y-websocket messages. */
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { CloseCode } from '../../src/lib/close-codes.ts';
import type { Role } from '../db/schema.ts';
import type { Logger } from '../log.ts';
import { stampIdentity, type AwarenessUser } from './awareness-identity.ts';
import { stripBoardWrites } from './board-guard.ts';
import { frameOf, rawFrameWriter } from './frames.ts';
import type { LiveDoc, Peer } from './live-doc.ts';
import {
	decodeMessage,
	encodePermissionDenied,
	encodeSyncStep2,
	isEmptyStateVector,
	type Incoming,
} from './protocol.ts';
import { encodeNotice, type SyncNotice } from '../../src/lib/sync-notices.ts';

/** Bytes queued on a socket beyond which the client is too slow to keep up. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** Messages held while the board loads. */
const MAX_QUEUED_MESSAGES = 10_000;
/** A read-only connection hears "refused" at most this often, however many updates it sends. */
const REFUSED_NOTICE_MS = 2000;

export interface ConnectionInfo {
	boardId: string;
	user: AwarenessUser;
	sessionId: string;
	role: Role;
}

export class Connection implements Peer {
	readonly awarenessIds = new Set<number>();
	readonly boardId: string;
	readonly user: AwarenessUser;
	readonly sessionId: string;
	role: Role;
	alive = true;
	#live: LiveDoc | null = null;
	#refusedNoticeAt = 0;
	#queue: Buffer[] | null = [];
	#wake: (() => void) | null = null;
	readonly #ws: WebSocket;
	/** Writes a pre-built frame straight to the socket; null means every send goes through ws. */
	readonly #writeFrame: ReturnType<typeof rawFrameWriter>;
	readonly #maxMessageBytes: number;
	readonly #log: Logger;

	constructor(ws: WebSocket, info: ConnectionInfo, maxMessageBytes: number, log: Logger) {
		this.#ws = ws;
		this.#writeFrame = rawFrameWriter(ws);
		this.boardId = info.boardId;
		this.user = info.user;
		this.sessionId = info.sessionId;
		this.role = info.role;
		this.#maxMessageBytes = maxMessageBytes;
		this.#log = log;
		ws.on('pong', () => (this.alive = true));
		ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => this.#onMessage(toBuffer(data)));
	}

	get userId(): string {
		return this.user.id;
	}

	get open(): boolean {
		return this.#ws.readyState === WebSocket.OPEN;
	}

	onClose(listener: () => void): void {
		this.#ws.on('close', listener);
	}

	/** Joins the loaded doc and processes the messages that arrived while it loaded, in order. */
	attach(live: LiveDoc): void {
		if (!this.open) return;
		this.#live = live;
		live.addPeer(this);
		const queued = this.#queue ?? [];
		this.#queue = null;
		for (const data of queued) this.#handle(data);
	}

	/** Resolves once a message is queued (or the socket closes, or after `ms`). */
	firstMessage(ms: number): Promise<void> {
		if (!this.#queue || this.#queue.length > 0 || !this.open) return Promise.resolve();
		return new Promise((resolve) => {
			const done = () => {
				clearTimeout(timer);
				this.#wake = null;
				this.#ws.off('close', done);
				resolve();
			};
			const timer = setTimeout(done, ms);
			this.#wake = done;
			this.#ws.once('close', done);
		});
	}

	/**
	 * Before the doc is built: answers a queued sync step 1 from a client that has nothing with
	 * the stored full state (exactly what the doc will hold once built). Anything else waits.
	 * Resolves once the answer is handed to the kernel (at once when there was none to give).
	 */
	answerEarly(fullState: Uint8Array): Promise<void> {
		const next = this.#queue?.[0];
		if (!next || !this.open) return Promise.resolve();
		try {
			const message = decodeMessage(next);
			if (message.type !== 'sync-step-1') return Promise.resolve();
			if (!isEmptyStateVector(message.stateVector)) return Promise.resolve();
		} catch {
			return Promise.resolve(); // Handled (and refused) in order once the doc is attached.
		}
		this.#queue!.shift();
		return new Promise((resolve) => this.send(encodeSyncStep2(fullState), resolve));
	}

	/** Sends one message; `written` runs once it has left the process (or was not sent). */
	send(message: Uint8Array, written?: () => void): void {
		if (this.#ws.readyState !== WebSocket.OPEN) return written?.();
		if (this.#ws.bufferedAmount > MAX_BUFFERED_BYTES) {
			this.close(CloseCode.Overloaded, 'send queue full');
			return written?.();
		}
		if (!this.#writeFrame?.(frameOf(message), written))
			this.#ws.send(message, { binary: true }, written && (() => written()));
	}

	/** Tells this client something it must act on at once (see src/lib/sync-notices.ts). */
	notify(notice: SyncNotice): void {
		this.send(encodePermissionDenied(encodeNotice(notice)));
	}

	close(code: number, reason: string): void {
		if (this.#ws.readyState === WebSocket.OPEN || this.#ws.readyState === WebSocket.CONNECTING)
			this.#ws.close(code, reason);
	}

	/** Ping; a connection that did not answer the previous ping is dropped. */
	heartbeat(): void {
		if (!this.alive) {
			this.#log.info({ boardId: this.boardId, userId: this.userId }, 'dropping dead connection');
			this.#ws.terminate();
			return;
		}
		this.alive = false;
		if (this.#ws.readyState === WebSocket.OPEN) this.#ws.ping();
	}

	#onMessage(data: Buffer): void {
		this.alive = true;
		if (data.byteLength > this.#maxMessageBytes) {
			this.#log.warn(
				{ boardId: this.boardId, userId: this.userId, bytes: data.byteLength },
				'message over the size limit',
			);
			this.close(CloseCode.TooLarge, `message over ${this.#maxMessageBytes} bytes`);
			return;
		}
		if (this.#queue) {
			if (this.#queue.length >= MAX_QUEUED_MESSAGES)
				this.close(CloseCode.Overloaded, 'too many messages');
			else this.#queue.push(data);
			this.#wake?.();
			return;
		}
		this.#handle(data);
	}

	#handle(data: Uint8Array): void {
		const live = this.#live;
		if (!live || !this.open) return;
		try {
			this.#dispatch(live, decodeMessage(data));
		} catch (err) {
			this.#log.warn(
				{ boardId: this.boardId, userId: this.userId, err: (err as Error).message },
				'malformed message; closing this connection',
			);
			this.close(CloseCode.BadMessage, 'malformed message');
		}
	}

	#dispatch(live: LiveDoc, message: Incoming): void {
		switch (message.type) {
			case 'sync-step-1':
				live.answerSyncStep1(this, message.stateVector);
				return;
			case 'sync-step-2':
			case 'update': {
				const update = this.#writable(live, message.update);
				if (update) live.applyFrom(this, update);
				return;
			}
			case 'awareness': {
				const { update } = stampIdentity(message.update, this.user);
				live.applyAwareness(this, update);
				return;
			}
			case 'query-awareness':
				live.sendAwarenessStates(this);
				return;
			case 'auth':
				return;
		}
	}

	/**
	 * What of an update this connection may apply: nothing for viewers; for members, all but
	 * their writes to the lead-only `board` map; for leads, everything.
	 */
	#writable(live: LiveDoc, update: Uint8Array): Uint8Array | null {
		if (this.role === 'viewer') {
			// Its edits stay in that client's doc: tell it, so the page can discard them.
			const now = Date.now();
			if (now - this.#refusedNoticeAt >= REFUSED_NOTICE_MS) {
				this.#refusedNoticeAt = now;
				this.notify({ kind: 'refused', why: 'read-only' });
			}
			return null;
		}
		// Decoding validates the update before it can touch the doc (throws when malformed).
		if (this.role === 'lead') {
			Y.decodeUpdate(update);
			return update;
		}
		const stripped = stripBoardWrites(live.doc, update);
		if (!stripped) return update;
		this.#log.info(
			{ boardId: this.boardId, userId: this.userId },
			"stripped a non-lead's writes to board settings",
		);
		return stripped;
	}
}

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
	if (Array.isArray(data)) return Buffer.concat(data);
	if (data instanceof ArrayBuffer) return Buffer.from(data);
	return data;
}
