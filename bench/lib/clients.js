// One way to open a real client against each server: y-websocket's WebsocketProvider for Pulse and
// the reference server, @hocuspocus/provider for Hocuspocus (which speaks its own protocol).
import { HocuspocusProvider } from '@hocuspocus/provider';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** @typedef {'pulse' | 'reference' | 'hocuspocus'} Kind */
/** @typedef {{ kind: Kind, wsUrl: string }} Target */
/**
 * @typedef {object} Client
 * @property {Y.Doc} doc
 * @property {Promise<number>} opened resolves (with the time) when the websocket opens
 * @property {Promise<void>} synced resolves at the first completed sync
 * @property {() => void} destroy closes the provider and the doc
 */

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export function now() {
	return performance.timeOrigin + performance.now();
}

/**
 * A `ws` WebSocket class that sends the session cookie on the handshake.
 * @param {string | undefined} cookie
 */
function socketClass(cookie) {
	if (!cookie) return WebSocket;
	return class CookieWebSocket extends WebSocket {
		/** @param {string | URL} url @param {string | string[]} [protocols] */
		constructor(url, protocols) {
			super(url, protocols, { headers: { cookie } });
		}
	};
}

/**
 * Opens a client for `room` on `target`.
 * @param {Target} target
 * @param {string} room board id (Pulse) or document name (peers)
 * @param {string | undefined} cookie Pulse session cookie
 * @param {Y.Doc} [doc]
 * @returns {Client}
 */
export function openClient(target, room, cookie, doc = new Y.Doc()) {
	if (target.kind === 'hocuspocus') {
		const provider = new HocuspocusProvider({
			url: target.wsUrl,
			name: room,
			document: doc,
			WebSocketPolyfill: WebSocket,
		});
		const synced = new Promise((resolve) => {
			if (provider.isSynced) resolve(undefined);
			else provider.on('synced', () => resolve(undefined));
		});
		return wrapProvider(provider, doc, synced);
	}
	const provider = new WebsocketProvider(target.wsUrl, room, doc, {
		WebSocketPolyfill: /** @type {any} */ (socketClass(cookie)),
		// Without this, providers in one process on the same room sync through BroadcastChannel.
		disableBc: true,
		maxBackoffTime: 1000,
	});
	const synced = new Promise((resolve) => {
		if (provider.synced) resolve(undefined);
		else provider.on('sync', (/** @type {boolean} */ s) => s && resolve(undefined));
	});
	return wrapProvider(provider, doc, synced);
}

/**
 * The common client shape over either provider (both emit `status` with `connected`).
 * @param {any} provider
 * @param {Y.Doc} doc
 * @param {Promise<unknown>} synced
 */
function wrapProvider(provider, doc, synced) {
	const opened = new Promise((resolve) =>
		provider.on('status', (/** @type {any} */ e) => e.status === 'connected' && resolve(now())),
	);
	return {
		doc,
		opened: /** @type {Promise<number>} */ (opened),
		synced: /** @type {Promise<void>} */ (synced),
		destroy() {
			provider.destroy();
			doc.destroy();
		},
	};
}
