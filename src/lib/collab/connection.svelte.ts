/** The board's connection state as the header shows it, driven by the provider and the network. */
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { CloseCode } from '$lib/close-codes';

export type ConnectionKind =
	| 'connecting'
	| 'connected'
	| 'reconnecting'
	| 'offline'
	| 'unauthorized'
	| 'forbidden'
	| 'too-large';

/** Whether this state ended the connection for good (reconnecting cannot fix it). */
export function isTerminal(kind: ConnectionKind): boolean {
	return kind === 'unauthorized' || kind === 'forbidden' || kind === 'too-large';
}

function terminalKind(code: number): ConnectionKind {
	if (code === CloseCode.Unauthorized) return 'unauthorized';
	if (code === CloseCode.TooLarge) return 'too-large';
	return 'forbidden';
}

export class ConnectionState {
	kind = $state<ConnectionKind>('connecting');
	/** Local changes made since the server last confirmed a full sync (kept across reloads). */
	pending = $state(0);
	/** Whether the server has synced this doc at least once in this page's life. */
	everSynced = $state(false);
	#provider: WebsocketProvider;
	#pendingKey: string;
	#cleanup: (() => void)[] = [];

	constructor(
		provider: WebsocketProvider,
		doc: Y.Doc,
		isLocal: (origin: unknown) => boolean,
		pendingKey: string,
	) {
		this.#provider = provider;
		this.#pendingKey = pendingKey;
		this.pending = Number(safeStorage()?.getItem(pendingKey) ?? 0) || 0;
		if (typeof navigator !== 'undefined' && !navigator.onLine) this.kind = 'offline';
		this.#listen(provider, doc, isLocal);
	}

	#listen(provider: WebsocketProvider, doc: Y.Doc, isLocal: (origin: unknown) => boolean) {
		const onStatus = ({ status }: { status: string }) => {
			if (isTerminal(this.kind) || this.kind === 'offline') return;
			if (status === 'disconnected' || (status === 'connecting' && this.everSynced))
				this.kind = 'reconnecting';
		};
		const onSync = (synced: boolean) => {
			if (!synced || isTerminal(this.kind)) return;
			this.kind = 'connected';
			this.everSynced = true;
			this.#setPending(0);
		};
		const onClosed = (event: { code: number }) => (this.kind = terminalKind(event.code));
		const onUpdate = (_u: Uint8Array, origin: unknown) => {
			if (isLocal(origin) && !(provider.wsconnected && provider.synced))
				this.#setPending(this.pending + 1);
		};
		// Sockets are not always closed when the network goes: follow the browser's own signal.
		const onOffline = () => {
			if (isTerminal(this.kind)) return;
			this.kind = 'offline';
			provider.disconnect();
		};
		const onOnline = () => {
			if (isTerminal(this.kind)) return;
			this.kind = 'reconnecting';
			provider.connect();
		};
		provider.on('status', onStatus);
		provider.on('sync', onSync);
		provider.on('closed', onClosed);
		doc.on('update', onUpdate);
		window.addEventListener('offline', onOffline);
		window.addEventListener('online', onOnline);
		this.#cleanup.push(
			() => provider.off('status', onStatus),
			() => provider.off('sync', onSync),
			() => provider.off('closed', onClosed),
			() => doc.off('update', onUpdate),
			() => window.removeEventListener('offline', onOffline),
			() => window.removeEventListener('online', onOnline),
		);
	}

	#setPending(n: number) {
		this.pending = n;
		const storage = safeStorage();
		if (n) storage?.setItem(this.#pendingKey, String(n));
		else storage?.removeItem(this.#pendingKey);
	}

	/** Tries again after a transient failure (the Retry button). */
	retry() {
		if (isTerminal(this.kind)) return;
		this.kind = 'reconnecting';
		this.#provider.connect();
	}

	destroy() {
		for (const off of this.#cleanup) off();
	}
}

function safeStorage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}
