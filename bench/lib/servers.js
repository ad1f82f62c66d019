// Launches the three servers as separate processes on 127.0.0.1, each with its own storage.
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(benchDir, '..');
const HOST = '127.0.0.1';

/** Every server process still running, killed if the harness exits early. */
const live = new Set();
process.once('exit', () => {
	for (const child of live) child.kill('SIGKILL');
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.once(signal, () => process.exit(130));
}

/** @typedef {import('./clients.js').Kind} Kind */
/**
 * @typedef {object} RunningServer
 * @property {Kind} kind
 * @property {number} pid
 * @property {number} port
 * @property {string} httpUrl
 * @property {string} wsUrl
 * @property {string} dbPath the storage this server persists to
 * @property {() => Promise<void>} stop graceful stop (SIGTERM), SIGKILL after 15 s
 */

/** A free TCP port on 127.0.0.1. */
export function freePort() {
	return new Promise((res, rej) => {
		const srv = createServer();
		srv.once('error', rej);
		srv.listen(0, HOST, () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => res(port));
		});
	});
}

/** @param {Kind} kind */
export function storagePath(kind, dir) {
	if (kind === 'pulse') return join(dir, 'pulse.db');
	if (kind === 'reference') return join(dir, 'reference-leveldb');
	return join(dir, 'hocuspocus.db');
}

/**
 * Starts one server.
 * @param {Kind} kind
 * @param {object} opts
 * @param {string} opts.dir folder for its storage and log (reused across restarts)
 * @param {string[]} [opts.nodeArgs] extra node flags, e.g. --cpu-prof
 * @returns {Promise<RunningServer>}
 */
export async function startServer(kind, { dir, nodeArgs = [] }) {
	const port = await freePort();
	const dbPath = storagePath(kind, dir);
	/** @type {string} */
	let script;
	/** @type {Record<string, string>} */
	let env;
	let health = '/';
	if (kind === 'pulse') {
		script = join(repoRoot, 'build-server', 'index.js');
		if (!existsSync(script))
			throw new Error('build-server/index.js is missing: run `npm run build` at the repo root');
		env = {
			PORT: String(port),
			HOST,
			ORIGIN: `http://${HOST}:${port}`,
			DATABASE_PATH: dbPath,
			PULSE_DEMO: '0',
			LOG_LEVEL: 'warn',
			PULSE_LOGIN_LIMIT_IP: '100000',
		};
		health = '/api/health';
	} else if (kind === 'reference') {
		script = join(benchDir, 'node_modules', '@y', 'websocket-server', 'src', 'server.js');
		// YPERSISTENCE: the reference server's own durable storage (y-leveldb), written after relay.
		env = { PORT: String(port), HOST, YPERSISTENCE: dbPath };
	} else {
		script = join(benchDir, 'servers', 'hocuspocus.js');
		env = { PORT: String(port), HOST, DATABASE_PATH: dbPath };
	}
	const logFd = openSync(join(dir, `${kind}.log`), 'a');
	const child = spawn(process.execPath, [...nodeArgs, script], {
		cwd: kind === 'pulse' ? repoRoot : benchDir,
		env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
		stdio: ['ignore', logFd, logFd],
	});
	closeSync(logFd);
	live.add(child);
	let exited = false;
	/** @type {Promise<void>} */
	const exit = new Promise((res) =>
		child.once('exit', () => {
			live.delete(child);
			exited = true;
			res();
		}),
	);
	const httpUrl = `http://${HOST}:${port}`;
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (exited) throw new Error(`${kind} exited during start-up; see ${join(dir, kind + '.log')}`);
		try {
			const res = await fetch(httpUrl + health);
			await res.arrayBuffer();
			break;
		} catch {
			if (Date.now() > deadline) {
				child.kill('SIGKILL');
				throw new Error(`${kind} did not start within 30 s`);
			}
			await new Promise((r) => setTimeout(r, 50));
		}
	}
	const pid = /** @type {number} */ (child.pid);
	return {
		kind,
		pid,
		port,
		httpUrl,
		wsUrl: kind === 'pulse' ? `ws://${HOST}:${port}/ws` : `ws://${HOST}:${port}`,
		dbPath,
		async stop() {
			if (exited) return;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			await exit;
			clearTimeout(timer);
		},
	};
}
