import { sveltekit } from '@sveltejs/kit/vite';
import { getRequestListener } from '@hono/node-server';
import { EventEmitter } from 'node:events';
import { defineConfig, type Plugin } from 'vite';
import { readEnv } from './server/env.ts';
import { createPulse } from './server/index.ts';

/** In dev, /api requests and /ws upgrades go to the same Hono app `npm start` serves; HMR stays Vite's. */
function pulseDev(): Plugin {
	return {
		name: 'pulse-dev',
		apply: 'serve',
		async configureServer(server) {
			const port = server.config.server.port ?? 5173;
			const env = readEnv({
				...process.env,
				PORT: String(port),
				PULSE_DEMO: process.env.PULSE_DEMO ?? '1',
			});
			process.env.ORIGIN = env.origin;
			const { app, injectWebSocket } = await createPulse(env, process.cwd());
			const listener = getRequestListener(app.fetch);
			server.middlewares.use((req, res, next) => {
				if (req.url?.startsWith('/api/')) void listener(req, res);
				else next();
			});
			// node-ws listens on a stand-in emitter; only /ws/ upgrades are forwarded to it.
			const upgrades = new EventEmitter();
			injectWebSocket(upgrades as unknown as Parameters<typeof injectWebSocket>[0]);
			server.httpServer?.on('upgrade', (req, socket, head) => {
				if (req.url?.startsWith('/ws/')) upgrades.emit('upgrade', req, socket, head);
			});
		},
	};
}

export default defineConfig({
	plugins: [pulseDev(), sveltekit()],
});
