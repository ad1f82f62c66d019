// Runs Playwright against the built app, in the system Chromium when present, else Playwright's own.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { systemChromium } from './chromium.js';

if (!systemChromium()) {
	const { chromium } = await import('@playwright/test');
	if (!existsSync(chromium.executablePath())) {
		console.log('No system Chromium: installing Playwright’s own…');
		const r = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
		if (r.status !== 0) process.exit(r.status ?? 1);
	}
}

const port = await new Promise((resolve) => {
	const srv = createServer().listen(0, '127.0.0.1', () => {
		const { port } = srv.address();
		srv.close(() => resolve(port));
	});
});

const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
	stdio: 'inherit',
	env: { ...process.env, PULSE_E2E_PORT: String(port) },
});
process.exit(result.status ?? 1);
