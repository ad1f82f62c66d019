import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const lib = fileURLToPath(new URL('./src/lib', import.meta.url));

export default defineConfig({
	resolve: { alias: { $lib: lib } },
	test: {
		projects: [
			{
				resolve: { alias: { $lib: lib } },
				test: {
					name: 'node',
					environment: 'node',
					include: [
						'tests/unit/**/*.test.ts',
						'tests/integration/**/*.test.ts',
						'server/**/*.test.ts',
					],
					testTimeout: 30_000,
					hookTimeout: 30_000,
				},
			},
			{
				plugins: [svelte()],
				resolve: { alias: { $lib: lib }, conditions: ['browser'] },
				test: {
					name: 'dom',
					environment: 'jsdom',
					include: ['tests/dom/**/*.test.ts', 'src/**/*.svelte.test.ts'],
				},
			},
		],
	},
});
