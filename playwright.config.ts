import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, systemChromium } from './scripts/chromium.js';

const port = Number(process.env.PULSE_E2E_PORT ?? 4321);
const dataDir = process.env.PULSE_E2E_DIR ?? mkdtempSync(join(tmpdir(), 'pulse-e2e-'));
process.env.PULSE_E2E_DIR = dataDir;

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		trace: 'retain-on-failure',
		launchOptions: { executablePath: systemChromium(), args: chromiumArgs },
	},
	webServer: {
		command: 'node build-server/index.js',
		url: `http://localhost:${port}/api/health`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://localhost:${port}`,
			DATABASE_PATH: join(dataDir, 'pulse.db'),
			PULSE_DEMO: '0',
			LOG_LEVEL: 'warn',
			PULSE_LOGIN_LIMIT_IP: '10000',
		},
	},
});
