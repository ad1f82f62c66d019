import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe('foundation', () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server.dispose());

	it('answers /api/health', async () => {
		const res = await fetch(`${server.url}/api/health`);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true });
	});

	it('answers unknown API paths with a JSON 404', async () => {
		const res = await fetch(`${server.url}/api/nope`);
		expect(res.status).toBe(404);
		expect((await res.json()).error.code).toBe('not_found');
	});

	it('upgrades /ws/:board and closes 4401 without a session', async () => {
		const ws = new WebSocket(`${server.wsUrl}/some-board`);
		const opened = new Promise<boolean>((resolve) => {
			ws.once('open', () => resolve(true));
			ws.once('error', () => resolve(false));
		});
		const closed = new Promise<{ code: number; reason: string }>((resolve) =>
			ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
		);
		expect(await opened).toBe(true);
		const { code, reason } = await closed;
		expect(code).toBe(4401);
		expect(reason).toMatch(/sign in/);
	});
});
