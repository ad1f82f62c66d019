// `npm start`: builds when the build is missing or older than the sources, then serves.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = [
	'src',
	'server',
	'drizzle',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json',
];
const OUTPUTS = ['build/handler.js', 'build-server/index.js'];

function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let max = stat.mtimeMs;
	for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
	return max;
}

const built = Math.min(...OUTPUTS.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)));
if (built === 0 || Math.max(...SOURCES.map(newest)) > built) {
	console.log('pulse: building (first start or sources changed)…');
	const result = spawnSync('npm', ['run', 'build'], {
		stdio: 'inherit',
		shell: process.platform === 'win32',
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.PULSE_DEMO ??= '1';
const { main } = await import('../build-server/index.js');
await main();
