/** Real y-websocket clients in Node, with the session cookie on the handshake. */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { isDeepStrictEqual } from 'node:util';
import * as Y from 'yjs';
import { TOP_LEVEL } from '../../src/lib/board/schema.ts';

// Each y-websocket provider adds a process 'exit' listener; a test file opens dozens.
process.setMaxListeners(200);

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	closes: { code: number; reason: string }[];
	synced(): Promise<void>;
	destroy(): void;
}

function polyfillWithCookie(cookie: string | undefined) {
	return class CookieWebSocket extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, cookie ? { headers: { cookie } } : {});
		}
	};
}

/** Opens a provider for a board; `connect: false` leaves it offline until provider.connect(). */
export function connectClient(
	wsUrl: string,
	boardId: string,
	cookie?: string,
	opts: { connect?: boolean; doc?: Y.Doc } = {},
): Client {
	const doc = opts.doc ?? new Y.Doc();
	const provider = new WebsocketProvider(wsUrl, boardId, doc, {
		WebSocketPolyfill: polyfillWithCookie(cookie) as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		connect: opts.connect ?? true,
		maxBackoffTime: 200,
	});
	const closes: { code: number; reason: string }[] = [];
	provider.on('connection-close', (event) => {
		if (event) closes.push({ code: event.code, reason: event.reason });
	});
	return {
		doc,
		provider,
		closes,
		synced: () =>
			provider.synced
				? Promise.resolve()
				: new Promise((resolve) => provider.once('sync', (s: boolean) => s && resolve())),
		destroy() {
			provider.destroy();
			doc.destroy();
		},
	};
}

/** Resolves when `check` holds, re-checking on every doc update (no sleeps). */
export function waitFor(doc: Y.Doc, check: () => boolean, timeoutMs = 5000): Promise<void> {
	if (check()) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			doc.off('update', onUpdate);
			reject(new Error('condition not met in time'));
		}, timeoutMs);
		const onUpdate = () => {
			if (!check()) return;
			clearTimeout(timer);
			doc.off('update', onUpdate);
			resolve();
		};
		doc.on('update', onUpdate);
	});
}

/** Resolves with the close event of a provider's first closed connection. */
export function nextClose(
	client: Client,
	timeoutMs = 5000,
): Promise<{ code: number; reason: string }> {
	if (client.closes.length) return Promise.resolve(client.closes[0]);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no close in time')), timeoutMs);
		client.provider.once('connection-close', (event) => {
			clearTimeout(timer);
			resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' });
		});
	});
}

/** The board's content as JSON (doc.toJSON() lists only the types this replica has accessed). */
export function boardContent(doc: Y.Doc): unknown[] {
	return TOP_LEVEL.map((name) => doc.getMap(name).toJSON());
}

/** Resolves when all clients hold the same board content, re-checking on any doc's update. */
export function waitConverged(clients: Client[], timeoutMs = 10_000): Promise<void> {
	const same = () =>
		clients.every((c) => isDeepStrictEqual(boardContent(c.doc), boardContent(clients[0].doc)));
	return new Promise((resolve, reject) => {
		const check = () => {
			if (!same()) return;
			stop();
			resolve();
		};
		const stop = () => {
			clearTimeout(timer);
			for (const c of clients) c.doc.off('update', check);
		};
		const timer = setTimeout(() => {
			stop();
			const seen = clients.map((c) => JSON.stringify(boardContent(c.doc))).join('\n');
			reject(new Error(`clients did not converge in time:\n${seen}`));
		}, timeoutMs);
		for (const c of clients) c.doc.on('update', check);
		check();
	});
}
