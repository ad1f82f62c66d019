import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { binaryFrame, frameOf, rawFrameWriter } from '../../server/sync/frames.ts';

describe('pre-built websocket frames', () => {
	let wss: WebSocketServer;
	let url: string;
	beforeAll(async () => {
		wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
		await once(wss, 'listening');
		url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise<void>((resolve) => wss.close(() => resolve())));

	async function pair(): Promise<{ server: WebSocket; client: WebSocket }> {
		const accepted = once(wss, 'connection') as Promise<[WebSocket]>;
		const client = new WebSocket(url);
		const [[server]] = await Promise.all([accepted, once(client, 'open')]);
		return { server, client };
	}

	it('writes frames of every length class that a ws client reads as the same binary messages', async () => {
		const { server, client } = await pair();
		const write = rawFrameWriter(server);
		expect(write).not.toBeNull();
		// 7-bit, 16-bit and 64-bit payload lengths, and a ws.send in between to keep the order.
		const payloads = [5, 125, 126, 300, 65_535, 65_536, 200_000].map((n) =>
			Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff),
		);
		const received: Buffer[] = [];
		const all = new Promise<void>((resolve) =>
			client.on('message', (data: Buffer, isBinary: boolean) => {
				expect(isBinary).toBe(true);
				received.push(data);
				if (received.length === payloads.length + 1) resolve();
			}),
		);
		for (const [i, p] of payloads.entries()) {
			expect(write!(binaryFrame(p))).toBe(true);
			if (i === 2) server.send(Buffer.from('via ws'));
		}
		await all;
		const expected = [...payloads.slice(0, 3), Buffer.from('via ws'), ...payloads.slice(3)];
		expect(received.map((b, i) => b.equals(expected[i]))).toEqual(expected.map(() => true));
		client.close();
	});

	it('frames a relayed message once, however many sockets it goes to', () => {
		const message = new Uint8Array([0, 2, 1, 7]);
		expect(frameOf(message)).toBe(frameOf(message));
		expect([...frameOf(message)]).toEqual([0x82, 4, 0, 2, 1, 7]);
	});

	it('leaves sockets with permessage-deflate to ws', async () => {
		const deflating = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: true });
		await once(deflating, 'listening');
		const accepted = once(deflating, 'connection') as Promise<[WebSocket]>;
		const client = new WebSocket(`ws://127.0.0.1:${(deflating.address() as AddressInfo).port}`, {
			perMessageDeflate: true,
		});
		const [[server]] = await Promise.all([accepted, once(client, 'open')]);
		expect(rawFrameWriter(server)).toBeNull();
		client.close();
		await new Promise<void>((resolve) => deflating.close(() => resolve()));
	});
});
