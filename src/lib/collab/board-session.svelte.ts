/** One open board in the browser: the Y.Doc, its server connection, offline copy, presence and undo. */
import { WebsocketProvider } from 'y-websocket';
import type { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { boardMap } from '$lib/board/schema';
import { BoardView } from './board-view.svelte.ts';
import { ConnectionState } from './connection.svelte.ts';
import { openOfflineStore } from './offline-store.ts';
import { Presence, type PresenceUser } from './presence.svelte.ts';
import { RemoteChanges } from './remote-changes.svelte.ts';
import { UndoHistory } from './undo.svelte.ts';

/** The sync endpoint on this page's own origin: http → ws, https → wss. */
export function syncUrl(): string {
	return `${location.origin.replace(/^http/, 'ws')}/ws`;
}

export class BoardSession {
	readonly doc = new Y.Doc();
	/** The origin of this user's own transactions: what undo tracks and pending counts. */
	readonly origin = { local: true };
	readonly provider: WebsocketProvider;
	readonly store: IndexeddbPersistence;
	readonly view: BoardView;
	readonly presence: Presence;
	readonly undo: UndoHistory;
	readonly connection: ConnectionState;
	readonly remote: RemoteChanges;
	/** True once the board's content is here (from this device or from the server). */
	loaded = $state(false);

	/** Whether this page may edit: the role's, and it changes live (a lead demotes or promotes). */
	readOnly = $state(false);

	constructor(boardId: string, me: PresenceUser, readOnly: boolean) {
		this.readOnly = readOnly;
		const doc = this.doc;
		this.store = openOfflineStore(me.id, boardId, doc);
		// disableBc: the server stays the only relay, so its access checks always apply.
		this.provider = new WebsocketProvider(syncUrl(), boardId, doc, {
			disableBc: true,
			maxBackoffTime: 5000,
		});
		this.view = new BoardView(doc);
		this.presence = new Presence(this.provider.awareness, me);
		this.undo = new UndoHistory(doc, this.origin);
		const isLocal = (o: unknown) => o === this.origin || o === this.undo.manager;
		this.connection = new ConnectionState(
			this.provider,
			doc,
			isLocal,
			`pulse-pending:${me.id}:${boardId}`,
		);
		this.remote = new RemoteChanges(doc, this.presence, (o) => o === this.store);
		void this.store.whenSynced.then(() => {
			if (boardMap(doc).size > 0) this.loaded = true;
		});
		this.provider.on('sync', (synced: boolean) => {
			if (!synced) return;
			this.loaded = true;
			this.remote.enabled = true;
		});
	}

	/** Runs `fn` as one of this user's edits (undoable, counted while offline); no-op for viewers. */
	edit(fn: (doc: Y.Doc) => void): void {
		if (this.readOnly) return;
		this.doc.transact(() => fn(this.doc), this.origin);
	}

	destroy() {
		this.remote.destroy();
		this.connection.destroy();
		this.undo.destroy();
		this.view.destroy();
		this.provider.destroy();
		void this.store.destroy();
		this.doc.destroy();
	}
}
