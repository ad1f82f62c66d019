/** The browser's offline copy of a board (y-indexeddb), one database per user and board. */
import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

const PREFIX = 'pulse-board:';
/** The Cache Storage name the service worker uses for pages and data (cleared with the boards). */
export const PAGE_CACHE_PREFIX = 'pulse-pages';

function storeName(userId: string, boardId: string): string {
	return `${PREFIX}${userId}:${boardId}`;
}

/** Keeps `doc` in IndexedDB so edits survive a reload, also while offline. */
export function openOfflineStore(
	userId: string,
	boardId: string,
	doc: Y.Doc,
): IndexeddbPersistence {
	return new IndexeddbPersistence(storeName(userId, boardId), doc);
}

/**
 * Deletes every board kept on this device (for one user, or for all) and the cached pages.
 * Sign-out calls this so the next person on the device cannot read the boards.
 */
export async function clearOfflineStore(userId?: string): Promise<void> {
	if (typeof indexedDB === 'undefined') return;
	const prefix = userId ? `${PREFIX}${userId}:` : PREFIX;
	const dbs = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
	await Promise.all(
		dbs
			.map((d) => d.name)
			.filter((name): name is string => !!name && name.startsWith(prefix))
			.map(
				(name) =>
					new Promise<void>((resolve) => {
						const req = indexedDB.deleteDatabase(name);
						req.onsuccess = req.onerror = req.onblocked = () => resolve();
					}),
			),
	);
	try {
		for (const key of Object.keys(localStorage))
			if (key.startsWith(userId ? `pulse-pending:${userId}:` : 'pulse-pending:'))
				localStorage.removeItem(key);
	} catch {
		// Storage may be disabled; the counters are only hints.
	}
	if (typeof caches !== 'undefined') {
		const names = await caches.keys();
		await Promise.all(
			names.filter((n) => n.startsWith(PAGE_CACHE_PREFIX)).map((n) => caches.delete(n)),
		);
	}
}
