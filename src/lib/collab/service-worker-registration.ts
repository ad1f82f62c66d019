/** Registers the app-shell service worker (src/service-worker.ts) so a board reloads offline. */
import { dev } from '$app/environment';

export function registerServiceWorker(): void {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	// In dev the worker is an ES module served by Vite; the build emits a classic script.
	navigator.serviceWorker
		.register('/service-worker.js', { type: dev ? 'module' : 'classic' })
		.catch((err: unknown) => console.warn('Offline support unavailable:', err));
}
