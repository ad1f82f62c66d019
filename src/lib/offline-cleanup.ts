/** Clears this browser's offline board data on sign-out, so the next person on the device sees none. */

type OfflineModule = {
	clearOfflineData?: () => Promise<void> | void;
	clearOfflineStore?: () => Promise<void> | void;
};

// The collab layer owns the offline store (y-indexeddb and the page cache) and knows best how to
// clear it. import.meta.glob yields only modules that exist, so this builds whatever they are named.
const collabOffline = import.meta.glob<OfflineModule>('./collab/offline*.ts');

// Pulse's IndexedDB names: "pulse:…" by convention, "pulse-board:…" from the collab offline store.
const PREFIXES = ['pulse:', 'pulse-'];
const DELETE_TIMEOUT_MS = 2000;

/** Clears every board kept on this device (all users: the device may be shared). */
export async function clearOfflineOnSignOut(): Promise<void> {
	for (const load of Object.values(collabOffline)) {
		try {
			const mod = await load();
			await (mod.clearOfflineData ?? mod.clearOfflineStore)?.();
		} catch (err) {
			console.warn('Could not clear offline board data through the collab module', err);
		}
	}
	await deletePulseDatabases();
}

/** Deletes every IndexedDB database Pulse created, whatever module made it. */
async function deletePulseDatabases(): Promise<void> {
	if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
	const list = await indexedDB.databases().catch(() => []);
	const names = list
		.map((d) => d.name)
		.filter((n): n is string => !!n && PREFIXES.some((p) => n.startsWith(p)));
	await Promise.all(names.map(deleteDatabase));
}

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve) => {
		// A tab that still holds the database open blocks deletion; never hold sign-out hostage to it.
		const timer = setTimeout(resolve, DELETE_TIMEOUT_MS);
		const done = () => {
			clearTimeout(timer);
			resolve();
		};
		const req = indexedDB.deleteDatabase(name);
		req.onsuccess = done;
		req.onerror = done;
	});
}
