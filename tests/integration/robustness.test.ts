import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createBoard, signup, type ApiUser } from '../helpers/api.ts';
import { connectClient, waitFor, type Client } from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/** Opens a raw socket with the session cookie and resolves once it is open. */
function rawSocket(url: string, cookie: string): Promise<WebSocket> {
	const ws = new WebSocket(url, { headers: { cookie } });
	return new Promise((resolve, reject) => {
		ws.once('open', () => resolve(ws));
		ws.once('error', reject);
	});
}

function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
	return new Promise((resolve) =>
		ws.once('close', (code, r) => resolve({ code, reason: r.toString() })),
	);
}

describe('bad input on the socket', () => {
	let server: TestServer;
	let lead: ApiUser;
	let boardId: string;
	let a: Client;
	let b: Client;
	let edits = 0;

	beforeAll(async () => {
		server = await startTestServer();
		lead = await signup(server.url, 'Lead');
		boardId = await createBoard(server.url, lead);
		a = connectClient(server.wsUrl, boardId, lead.cookie);
		b = connectClient(server.wsUrl, boardId, lead.cookie);
		await Promise.all([a.synced(), b.synced()]);
	});
	afterAll(async () => {
		a.destroy();
		b.destroy();
		await server.dispose();
	});

	/** Other clients keep syncing after each attack. */
	async function othersStillSync(): Promise<void> {
		const key = `after-${++edits}`;
		a.doc.getMap('krs').set(key, edits);
		await waitFor(b.doc, () => b.doc.getMap('krs').get(key) === edits);
		expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
	}

	it.each([
		['random bytes', Uint8Array.from({ length: 64 }, (_, i) => (i * 97 + 13) % 256)],
		['a truncated varint', Uint8Array.from([0x00, 0x02, 0xff])],
		['an unknown message type', Uint8Array.from([0x09, 0x00])],
		['an update that is not a Yjs update', Uint8Array.from([0x00, 0x02, 0x05, 1, 2, 3, 4, 5])],
		['a bad awareness payload', Uint8Array.from([0x01, 0x04, 0x01, 0x01, 0x01, 0x7b])],
	])('closes only the sender on %s (4400)', async (_name, frame) => {
		const ws = await rawSocket(`${server.wsUrl}/${boardId}`, lead.cookie);
		const closed = closeOf(ws);
		ws.send(frame);
		const { code, reason } = await closed;
		expect(code).toBe(4400);
		expect(reason).toBe('malformed message');
		await othersStillSync();
	});

	it('closes a 5 MiB frame with 4413 and keeps the board intact', async () => {
		const ws = await rawSocket(`${server.wsUrl}/${boardId}`, lead.cookie);
		const closed = closeOf(ws);
		ws.send(new Uint8Array(5 * 1024 * 1024));
		const { code, reason } = await closed;
		expect(code).toBe(4413);
		expect(reason).toMatch(/over/);
		await othersStillSync();
		const doc = await fetch(`${server.url}/api/boards/${boardId}/doc`, {
			headers: { cookie: lead.cookie },
		});
		expect(doc.status).toBe(200);
		expect((await doc.json()).board.title).toBe('Test board');
	});

	it('answers a text frame with 4400 rather than crashing', async () => {
		const ws = await rawSocket(`${server.wsUrl}/${boardId}`, lead.cookie);
		const closed = closeOf(ws);
		ws.send('hello');
		expect((await closed).code).toBe(4400);
		await othersStillSync();
	});
});
