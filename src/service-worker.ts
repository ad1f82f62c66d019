/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The app shell, cached so /b/[id] reloads while offline: build assets are precached; pages and
 * their data are fetched from the network first and fall back to the last copy seen.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL = `pulse-shell-${version}`;
// Pages hold user data: a separate cache that sign-out clears (see clearOfflineStore).
const PAGES = 'pulse-pages';
const PRECACHE = [...build, ...files];

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(SHELL)
			.then((cache) => cache.addAll(PRECACHE))
			.then(() => sw.skipWaiting()),
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(
					keys
						.filter((k) => k.startsWith('pulse-shell-') && k !== SHELL)
						.map((k) => caches.delete(k)),
				),
			)
			.then(() => sw.clients.claim()),
	);
});

/** Only board pages and their data are kept for offline use; the API and sync stay live-only. */
function isCacheablePage(url: URL): boolean {
	return /^\/b\/[^/]+\/?(__data\.json)?$/.test(url.pathname);
}

async function networkFirst(request: Request): Promise<Response> {
	const cache = await caches.open(PAGES);
	try {
		const response = await fetch(request);
		if (response.ok) await cache.put(request, response.clone());
		return response;
	} catch (err) {
		const cached = await cache.match(request, { ignoreSearch: true });
		if (cached) return cached;
		throw err;
	}
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (PRECACHE.includes(url.pathname)) {
		event.respondWith(caches.match(url.pathname).then((hit) => hit ?? fetch(request)));
	} else if (isCacheablePage(url)) {
		event.respondWith(networkFirst(request));
	}
});
