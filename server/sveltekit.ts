/** Mounts SvelteKit's adapter-node handler as the Hono catch-all, sharing services via globalThis. */
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Hono } from 'hono';
import type { AppEnv, Services } from './context.ts';
import { validateSessionToken } from './auth/session.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/** What SvelteKit's server code reads from globalThis.__pulse (one copy of each service). */
export interface PulseBridge {
	validateSession: (token: string) => ReturnType<typeof validateSessionToken>;
	/** Calls the JSON API in-process, as the given cookie's user. */
	api: (path: string, init?: RequestInit) => Promise<Response>;
	origin: string;
}

export function installBridge(services: Services, app: Hono<AppEnv>): void {
	const bridge: PulseBridge = {
		validateSession: (token) => validateSessionToken(services.db, token),
		api: async (path, init) => app.request(path, init),
		origin: services.env.origin,
	};
	(globalThis as { __pulse?: PulseBridge }).__pulse = bridge;
}

/** Adds the catch-all; returns false when there is no build to serve. */
export async function mountSvelteKit(app: Hono<AppEnv>, buildDir: string): Promise<boolean> {
	const handlerPath = `${buildDir}/handler.js`;
	if (!existsSync(handlerPath)) return false;
	const { handler } = (await import(pathToFileURL(handlerPath).href)) as { handler: NodeHandler };
	app.all('*', async (c) => {
		const { incoming, outgoing } = c.env as {
			incoming: IncomingMessage;
			outgoing?: ServerResponse;
		};
		// node-ws passes upgrade requests through the app without a response object.
		if (!outgoing) return c.text('Not found', 404);
		await new Promise<void>((resolve) => {
			outgoing.once('finish', resolve);
			outgoing.once('close', resolve);
			handler(incoming, outgoing, () => {
				outgoing.statusCode = 404;
				outgoing.end('Not found');
			});
		});
		return RESPONSE_ALREADY_SENT;
	});
	return true;
}
