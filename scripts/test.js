// `npm test`: typecheck, lint (ESLint + Prettier), unit + integration (Vitest), build, browser tests.
import { spawnSync } from 'node:child_process';

const steps = [
	['typecheck', 'npm', ['run', 'check']],
	['lint', 'npm', ['run', 'lint']],
	['unit + integration', 'npx', ['vitest', 'run']],
	['build', 'npm', ['run', 'build']],
	['browser', 'node', ['scripts/e2e.js']],
];

for (const [name, cmd, args] of steps) {
	const started = Date.now();
	console.log(`\n▶ ${name}`);
	const result = spawnSync(cmd, args, {
		stdio: 'inherit',
		env: { ...process.env, FORCE_COLOR: '0' },
	});
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (result.status !== 0) {
		console.error(`\n✖ ${name} failed after ${seconds}s`);
		process.exit(result.status ?? 1);
	}
	console.log(`✔ ${name} (${seconds}s)`);
}
