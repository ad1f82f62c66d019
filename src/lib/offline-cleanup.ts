/** Clears this browser's offline board data on sign-out, so the next person on the device sees none. */

type OfflineModule = { clearOfflineData?: () => Promise<void> | void };

// The collab layer owns the offline store; when its module exists it knows best how to clear it.
// import.meta.glob resolves to {} while the module does not exist, so this builds either way.
const collabOffline = import.meta.glob<OfflineModule>('./collab/offline.ts');

const PREFIX = 'pulse:';
const DELETE_TIMEOUT_MS = 2000;

export async function clearOfflineOnSignOut(): Promise<void> {
	try {
		const load = collabOffline['./collab/offline.ts'];
		if (load) await (await load()).clearOfflineData?.();
	} catch (err) {
		console.warn('Could not clear offline board data through the collab module', err);
	}
	await deletePulseDatabases();
}

/** Deletes every IndexedDB database whose name starts with "pulse:". */
async function deletePulseDatabases(): Promise<void> {
	if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
	const list = await indexedDB.databases().catch(() => []);
	const names = list.map((d) => d.name).filter((n): n is string => !!n && n.startsWith(PREFIX));
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
