import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoard, signup, type ApiUser } from '../helpers/api.ts';
import { boardContent, connectClient, waitConverged, type Client } from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

type Op =
	| { kind: 'set'; client: number; key: string; value: number }
	| { kind: 'insert'; client: number; at: number; text: string }
	| { kind: 'delete'; client: number; at: number; len: number }
	| { kind: 'toggle'; client: number };

const op: fc.Arbitrary<Op> = fc.oneof(
	fc.record({
		kind: fc.constant('set' as const),
		client: fc.nat(2),
		key: fc.constantFrom('a', 'b', 'c', 'd'),
		value: fc.integer(),
	}),
	fc.record({
		kind: fc.constant('insert' as const),
		client: fc.nat(2),
		at: fc.nat(40),
		text: fc.string({ minLength: 1, maxLength: 4 }),
	}),
	fc.record({
		kind: fc.constant('delete' as const),
		client: fc.nat(2),
		at: fc.nat(40),
		len: fc.integer({ min: 1, max: 3 }),
	}),
	fc.record({ kind: fc.constant('toggle' as const), client: fc.nat(2) }),
);

function apply(c: Client, o: Op): void {
	const text = c.doc.getMap('objectives').get('o') as Y.Map<unknown>;
	const title = text.get('title') as Y.Text;
	switch (o.kind) {
		case 'set':
			c.doc.getMap('krs').set(o.key, o.value);
			return;
		case 'insert':
			title.insert(Math.min(o.at, title.length), o.text);
			return;
		case 'delete': {
			const at = Math.min(o.at, title.length);
			title.delete(at, Math.min(o.len, title.length - at));
			return;
		}
		case 'toggle':
			if (c.provider.shouldConnect) c.provider.disconnect();
			else c.provider.connect();
	}
}

describe('convergence (property)', () => {
	let server: TestServer;
	let lead: ApiUser;
	beforeAll(async () => {
		server = await startTestServer();
		lead = await signup(server.url, 'Lead');
	});
	afterAll(() => server.dispose());

	it('any interleaving of edits, disconnects and reconnects converges through the server', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
				const boardId = await createBoard(server.url, lead);
				const clients = [0, 1, 2].map(() => connectClient(server.wsUrl, boardId, lead.cookie));
				try {
					await Promise.all(clients.map((c) => c.synced()));
					clients[0].doc
						.getMap('objectives')
						.set('o', new Y.Map([['title', new Y.Text('seed')]]) as Y.Map<unknown>);
					await waitConverged(clients);
					for (const o of ops) {
						apply(clients[o.client], o);
						if (o.kind === 'toggle') await new Promise((r) => setImmediate(r));
					}
					for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
					await Promise.all(clients.map((c) => c.synced()));
					await waitConverged(clients);
					// And the journal alone rebuilds the same board.
					const stored = await server.services.store.load(boardId);
					const rebuilt = new Y.Doc();
					if (stored.checkpoint) Y.applyUpdate(rebuilt, stored.checkpoint.state);
					for (const u of stored.tail) Y.applyUpdate(rebuilt, u.data);
					expect(boardContent(rebuilt)).toEqual(boardContent(clients[0].doc));
				} finally {
					for (const c of clients) c.destroy();
				}
			}),
			{ numRuns: 15, seed: 20261123 },
		);
	});
});
