// `npm start`: validates the environment, builds what is missing or stale, then serves.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let max = stat.mtimeMs;
	for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
	return max;
}

function stale(output, sources) {
	return !existsSync(output) || Math.max(...sources.map(newest)) > statSync(output).mtimeMs;
}

function run(args) {
	const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

// The server bundle builds in well under a second; it validates the environment before the slower page build.
if (stale('build-server/index.js', ['server', 'src/lib', 'package-lock.json']))
	run(['scripts/build-server.js']);
const server = await import('../build-server/index.js');
server.envOrExit();

if (
	stale('build/handler.js', [
		'src',
		'static',
		'svelte.config.js',
		'vite.config.ts',
		'package-lock.json',
	])
) {
	console.log('pulse: building the app (first start or sources changed)…');
	run(['node_modules/vite/bin/vite.js', 'build']);
}

process.env.PULSE_DEMO ??= '1';
await server.main();
