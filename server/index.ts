/** Entry point: env, database, migrations, Hono app, SvelteKit handler, websockets, shutdown. */
import { serve, type ServerType } from '@hono/node-server';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { LoginLimiter } from './auth/login-limiter.ts';
import { sessionExists } from './auth/session.ts';
import type { Services } from './context.ts';
import { openDb } from './db/client.ts';
import { EnvError, readEnv, type Env } from './env.ts';
import { createLogger } from './log.ts';
import { seedDemo } from './seed.ts';
import { SqliteDocStore } from './store/sqlite-doc-store.ts';
import { InProcessBus } from './sync/bus.ts';
import { SyncServer } from './sync/sync-server.ts';
import { installBridge, mountSvelteKit } from './sveltekit.ts';

export interface StartOptions {
	env: Env;
	/** Project root holding drizzle/ and build/. */
	root?: string;
	/** Serve pages from build/ (default: when a build exists). */
	pages?: boolean;
}

export interface RunningServer {
	url: string;
	port: number;
	services: Services;
	close(): Promise<void>;
}

/** Opens the database and builds the services and the Hono app (no listening, no pages). */
export async function createPulse(env: Env, root: string) {
	const log = createLogger(env.logLevel);
	const db = openDb(env.databasePath, resolve(root, 'drizzle'));
	const store = new SqliteDocStore(db.$client);
	const bus = new InProcessBus();
	const sync = new SyncServer({
		store,
		bus,
		log,
		checkpointEvery: env.checkpointEvery,
		maxMessageBytes: env.maxMessageBytes,
		sessionValid: (sessionId) => sessionExists(db, sessionId),
	});
	const services: Services = {
		env,
		db,
		log,
		store,
		bus,
		sync,
		loginLimiter: new LoginLimiter(env.loginLimitAccount, env.loginLimitIp),
	};
	if (env.demo) await seedDemo(services);
	const { app, injectWebSocket, wss } = createApp(services);
	installBridge(services, app);
	return { services, app, injectWebSocket, wss };
}

/** Starts Pulse; resolves once it listens. */
export async function startServer(opts: StartOptions): Promise<RunningServer> {
	const { env } = opts;
	const root = opts.root ?? process.cwd();
	const { services, app, injectWebSocket, wss } = await createPulse(env, root);
	const { sync, bus, db } = services;
	// ORIGIN is read by the SvelteKit handler at import time.
	process.env.ORIGIN = env.origin;
	if (opts.pages !== false) await mountSvelteKit(app, resolve(root, 'build'));

	const server: ServerType = await new Promise((ready) => {
		const s = serve({ fetch: app.fetch, port: env.port, hostname: env.host }, () => ready(s));
	});
	injectWebSocket(server);
	const port = (server.address() as AddressInfo).port;
	const host = env.host === '0.0.0.0' || env.host === '::' ? 'localhost' : env.host;
	const url = `http://${host}:${port}`;

	let closing: Promise<void> | null = null;
	const close = () =>
		(closing ??= (async () => {
			const stopped = new Promise<void>((done) => server.close(() => done()));
			// Websockets first: they get 1001 (clients reconnect), then every board is flushed.
			await sync.close();
			for (const client of wss.clients) client.terminate();
			(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
			await Promise.race([stopped, new Promise((done) => setTimeout(done, 2000).unref())]);
			await bus.close();
			db.$client.close();
		})());
	return { url, port, services, close };
}

/** Reads and validates the environment, or prints the bad variable and exits 1. */
export function envOrExit(): Env {
	try {
		return readEnv();
	} catch (err) {
		if (!(err instanceof EnvError)) throw err;
		console.error(`pulse: ${err.message}`);
		process.exit(1);
	}
}

/** Starts from the environment and shuts down gracefully on SIGINT/SIGTERM. */
export async function main(): Promise<void> {
	const env = envOrExit();
	const running = await startServer({ env });
	const { log } = running.services;
	log.info({ url: running.url, database: env.databasePath }, `Pulse is listening on ${env.origin}`);
	const stop = (signal: string) => {
		log.info({ signal }, 'shutting down: flushing boards');
		running.close().then(
			() => process.exit(0),
			(err) => {
				log.error({ err }, 'shutdown failed');
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

const entry = process.argv[1] ? resolve(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url)) void main();
