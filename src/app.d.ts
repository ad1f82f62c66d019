// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			user: { id: string; email: string; name: string; color: string } | null;
			/** Calls the JSON API in-process as the current user. */
			api: (path: string, init?: RequestInit) => Promise<Response>;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
	// Set by server/index.ts (or the dev plugin) before SvelteKit loads: one copy of each service.
	var __pulse:
		| {
				validateSession: (token: string) => {
					user: { id: string; email: string; name: string; color: string };
					session: { expiresAt: number };
					fresh: boolean;
				} | null;
				api: (path: string, init?: RequestInit) => Promise<Response>;
				origin: string;
		  }
		| undefined;
}

export {};
