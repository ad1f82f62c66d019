import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('start-up', () => {
	it('exits 1 naming PORT when PORT is invalid', () => {
		const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
			env: { ...process.env, PORT: 'abc' },
			encoding: 'utf8',
			timeout: 20_000,
		});
		expect(result.status).toBe(1);
		expect(result.stderr).toMatch(/Invalid PORT="abc"/);
	});
});
