import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { createBoard, signup, type ApiUser } from '../helpers/api.ts';
import { connectClient, waitFor } from '../helpers/client.ts';
import { startTestServer, until, type TestServer } from '../helpers/server.ts';

interface Received {
	kind: string;
	update?: Uint8Array;
}

function decode(data: Buffer): Received {
	const d = decoding.createDecoder(new Uint8Array(data));
	const type = decoding.readVarUint(d);
	if (type !== 0) return { kind: type === 1 ? 'awareness' : `type-${type}` };
	const step = decoding.readVarUint(d);
	const payload = decoding.readVarUint8Array(d);
	return step === 0
		? { kind: 'step1' }
		: { kind: step === 1 ? 'step2' : 'update', update: payload };
}

function step1(doc: Y.Doc): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
	return encoding.toUint8Array(e);
}

/** Opens a raw socket, sends `first` on open (if any), and collects the first `count` messages. */
function rawSession(url: string, cookie: string, first: Uint8Array | null, count: number) {
	const ws = new WebSocket(url, { headers: { cookie } });
	const received: Received[] = [];
	const done = new Promise<Received[]>((resolve, reject) => {
		ws.once('open', () => first && ws.send(first));
		ws.on('message', (data: Buffer) => {
			received.push(decode(data));
			if (received.length === count) resolve(received);
		});
		ws.once('close', (code) => reject(new Error(`closed ${code}`)));
	});
	return { ws, done };
}

describe('cold load', () => {
	let server: TestServer;
	let lead: ApiUser;
	let boardId: string;

	beforeAll(async () => {
		server = await startTestServer();
		lead = await signup(server.url, 'Lead');
		boardId = await createBoard(server.url, lead, 'Cold board');
		const writer = connectClient(server.wsUrl, boardId, lead.cookie);
		await writer.synced();
		for (let i = 0; i < 200; i++) writer.doc.getMap('krs').set(`k${i}`, i);
		const witness = connectClient(server.wsUrl, boardId, lead.cookie);
		await waitFor(witness.doc, () => witness.doc.getMap('krs').size === 200);
		writer.destroy();
		witness.destroy();
	});
	afterAll(() => server.dispose());

	const unloaded = () => until(() => !server.services.sync.isLoaded(boardId));

	it('answers a new client from the stored checkpoint before building the doc', async () => {
		await unloaded();
		const { ws, done } = rawSession(
			`${server.wsUrl}/${boardId}`,
			lead.cookie,
			step1(new Y.Doc()),
			2,
		);
		const [firstMessage, second] = await done;
		ws.close();
		// The early answer comes before the server's own sync step 1 (sent once the doc is built).
		expect(firstMessage.kind).toBe('step2');
		expect(second.kind).toBe('step1');
		const doc = new Y.Doc();
		Y.applyUpdate(doc, firstMessage.update!);
		expect(doc.getMap('krs').size).toBe(200);
		expect(doc.getMap('board').get('title')).toBe('Cold board');
	});

	it('answers a client that already has content from the built doc, as before', async () => {
		await unloaded();
		const has = new Y.Doc();
		has.getMap('krs').set('mine', 1);
		const { ws, done } = rawSession(`${server.wsUrl}/${boardId}`, lead.cookie, step1(has), 2);
		const [firstMessage, second] = await done;
		ws.close();
		expect(firstMessage.kind).toBe('step1');
		expect(second.kind).toBe('step2');
		Y.applyUpdate(has, second.update!);
		expect(has.getMap('krs').size).toBe(201);
	});

	it('builds the doc anyway when the client sends nothing', async () => {
		await unloaded();
		const { ws, done } = rawSession(`${server.wsUrl}/${boardId}`, lead.cookie, null, 1);
		const [firstMessage] = await done;
		ws.close();
		expect(firstMessage.kind).toBe('step1');
	});
});
