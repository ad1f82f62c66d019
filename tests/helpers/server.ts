/** Test factories: the real server on port 0 with a real SQLite file in a temp dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnv } from '../../server/env.ts';
import { startServer, type RunningServer } from '../../server/index.ts';

export interface TestServer extends RunningServer {
	dir: string;
	dbPath: string;
	wsUrl: string;
	/** Stops the server and removes its files. */
	dispose(): Promise<void>;
}

export async function startTestServer(
	vars: Record<string, string> = {},
	opts: { dir?: string; pages?: boolean } = {},
): Promise<TestServer> {
	const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'pulse-test-'));
	const dbPath = join(dir, 'pulse.db');
	const env = readEnv({
		PORT: '0',
		HOST: '127.0.0.1',
		DATABASE_PATH: dbPath,
		LOG_LEVEL: 'silent',
		PULSE_DEMO: '0',
		...vars,
	});
	const running = await startServer({ env, pages: opts.pages ?? false });
	// ORIGIN defaults from PORT, which was 0: point it at the real port for CSRF checks and links.
	running.services.env.origin = running.url.replace('localhost', '127.0.0.1');
	return {
		...running,
		dir,
		dbPath,
		wsUrl: running.url.replace('http', 'ws') + '/ws',
		async dispose() {
			await running.close();
			if (!opts.dir) rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Polls a server-side condition that has no event to await. */
export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 10));
	}
}
