/** The real server as a child process (for kill -9 tests), on port 0 with a given SQLite file. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildServer {
	url: string;
	wsUrl: string;
	process: ChildProcess;
	kill(signal: NodeJS.Signals): Promise<number | null>;
}

export function startChildServer(
	dbPath: string,
	vars: Record<string, string> = {},
): Promise<ChildServer> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			DATABASE_PATH: dbPath,
			PULSE_DEMO: '0',
			LOG_LEVEL: 'info',
			...vars,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code)),
	);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('child server did not start')), 20_000);
		let stderr = '';
		child.stderr!.on('data', (d) => (stderr += d));
		child.once('exit', (code) => reject(new Error(`child server exited ${code}: ${stderr}`)));
		createInterface({ input: child.stdout! }).on('line', (line) => {
			let entry: { url?: string };
			try {
				entry = JSON.parse(line);
			} catch {
				return;
			}
			if (!entry.url) return;
			clearTimeout(timer);
			const url = entry.url.replace('localhost', '127.0.0.1');
			resolve({
				url,
				wsUrl: url.replace('http', 'ws') + '/ws',
				process: child,
				kill(signal) {
					child.kill(signal);
					return exited;
				},
			});
		});
	});
}
