import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoard, signup, type ApiUser } from '../helpers/api.ts';
import { connectClient, waitConverged, waitFor, type Client } from '../helpers/client.ts';
import { startTestServer, until, type TestServer } from '../helpers/server.ts';

describe('sync server', () => {
	let server: TestServer;
	let lead: ApiUser;
	const clients: Client[] = [];
	const open = (boardId: string, user: ApiUser = lead, connect = true) => {
		const c = connectClient(server.wsUrl, boardId, user.cookie, { connect });
		clients.push(c);
		return c;
	};

	beforeAll(async () => {
		server = await startTestServer();
		lead = await signup(server.url, 'Lead');
	});
	afterAll(async () => {
		for (const c of clients) c.destroy();
		await server.dispose();
	});

	it("converges three clients' concurrent edits", async () => {
		const boardId = await createBoard(server.url, lead);
		const trio = [open(boardId), open(boardId), open(boardId)];
		await Promise.all(trio.map((c) => c.synced()));
		const shared = new Y.Text();
		trio[0].doc.getMap('objectives').set('o1', new Y.Map([['title', shared]]) as Y.Map<unknown>);
		await Promise.all(trio.map((c) => waitFor(c.doc, () => c.doc.getMap('objectives').has('o1'))));
		trio.forEach((c, i) => {
			const title = (c.doc.getMap('objectives').get('o1') as Y.Map<unknown>).get('title') as Y.Text;
			for (let n = 0; n < 30; n++) {
				c.doc.getMap('krs').set(`kr-${i}-${n}`, n);
				title.insert(0, String(i));
			}
		});
		await waitConverged(trio);
		expect(trio[2].doc.getMap('krs').size).toBe(90);
		const title = (trio[1].doc.getMap('objectives').get('o1') as Y.Map<unknown>).get('title');
		expect(String(title)).toHaveLength(90);
	});

	it('merges edits made offline when the client reconnects', async () => {
		const boardId = await createBoard(server.url, lead);
		const a = open(boardId);
		const b = open(boardId);
		await Promise.all([a.synced(), b.synced()]);
		a.provider.disconnect();
		a.doc.getMap('krs').set('offline-edit', 'from A');
		b.doc.getMap('krs').set('online-edit', 'from B');
		await new Promise((r) => setTimeout(r, 100));
		expect(b.doc.getMap('krs').has('offline-edit')).toBe(false);
		a.provider.connect();
		await waitConverged([a, b]);
		expect(a.doc.getMap('krs').get('online-edit')).toBe('from B');
		expect(b.doc.getMap('krs').get('offline-edit')).toBe('from A');
	});

	it('stamps the session identity on awareness and removes it on disconnect', async () => {
		const boardId = await createBoard(server.url, lead);
		const a = open(boardId);
		const b = open(boardId);
		await Promise.all([a.synced(), b.synced()]);
		a.provider.awareness.setLocalState({
			user: { id: 'someone-else', name: 'Mallory', color: '#000' },
			focus: { krId: 'k1', field: 'title' },
		});
		const aId = a.doc.clientID;
		const seen = () => b.provider.awareness.getStates().get(aId) as Record<string, any> | undefined;
		await new Promise<void>((resolve) => {
			const check = () => seen()?.focus && resolve();
			b.provider.awareness.on('change', check);
			check();
		});
		expect(seen()!.user).toEqual({ id: lead.id, name: 'Lead', color: expect.any(String) });
		expect(seen()!.focus).toEqual({ krId: 'k1', field: 'title' });
		const removed = new Promise<void>((resolve) =>
			b.provider.awareness.on('change', () => !seen() && resolve()),
		);
		a.destroy();
		await removed;
		expect(b.provider.awareness.getStates().has(aId)).toBe(false);
	});

	it('loads a board once for concurrent first connections', async () => {
		const boardId = await createBoard(server.url, lead);
		const store = server.services.store;
		const realLoad = store.load.bind(store);
		let loads = 0;
		store.load = async (id) => {
			if (id === boardId) loads++;
			return realLoad(id);
		};
		try {
			const five = Array.from({ length: 5 }, () => open(boardId));
			await Promise.all(five.map((c) => c.synced()));
			expect(loads).toBe(1);
			for (const c of five) expect(c.doc.getMap('board').get('title')).toBe('Test board');
		} finally {
			store.load = realLoad;
		}
	});

	it('refuses with 1011 when a load fails, and the retry gets the stored content', async () => {
		const boardId = await createBoard(server.url, lead);
		const writer = open(boardId);
		await writer.synced();
		writer.doc.getMap('krs').set('kept', 1);
		writer.destroy();
		// The writer's disconnect unloads the board, so the next connection loads it again.
		await until(() => !server.services.sync.isLoaded(boardId));
		const store = server.services.store;
		const realLoad = store.load.bind(store);
		let failures = 0;
		store.load = async (id) => {
			if (id === boardId && failures === 0) {
				failures++;
				throw new Error('disk on fire (test)');
			}
			return realLoad(id);
		};
		try {
			const reader = open(boardId);
			const firstClose = new Promise<number>((resolve) =>
				reader.provider.once('connection-close', (e) => resolve(e?.code ?? 0)),
			);
			expect(await firstClose).toBe(1011);
			await reader.synced();
			expect(reader.doc.getMap('krs').get('kept')).toBe(1);
			expect(failures).toBe(1);
		} finally {
			store.load = realLoad;
		}
	});

	it('journals before relaying and retries failed writes without losing an update', async () => {
		const boardId = await createBoard(server.url, lead);
		const a = open(boardId);
		const b = open(boardId);
		await Promise.all([a.synced(), b.synced()]);
		const store = server.services.store;
		const realAppend = store.append.bind(store);
		const committed = new Set<string>();
		// Updates only integrate in clock order, so committed ones are replayed into one doc.
		const journalView = new Y.Doc();
		let failuresLeft = 2;
		store.append = async (entries) => {
			if (failuresLeft > 0) {
				failuresLeft--;
				throw new Error('database is locked (test)');
			}
			const seqs = await realAppend(entries);
			for (const e of entries) Y.applyUpdate(journalView, e.data);
			for (const key of journalView.getMap('krs').keys()) committed.add(key);
			return seqs;
		};
		const relayedBeforeCommit: string[] = [];
		b.doc.getMap('krs').observe((event) => {
			for (const key of event.keysChanged) if (!committed.has(key)) relayedBeforeCommit.push(key);
		});
		try {
			for (let i = 0; i < 20; i++) a.doc.getMap('krs').set(`k${i}`, i);
			await waitFor(b.doc, () => b.doc.getMap('krs').size === 20);
			expect(failuresLeft).toBe(0);
			expect(relayedBeforeCommit).toEqual([]);
			const stored = await store.updates(boardId, 0);
			const replay = new Y.Doc();
			for (const u of stored) Y.applyUpdate(replay, u.data);
			expect(replay.getMap('krs').size).toBe(20);
			expect(stored.every((u) => u.userId === null || u.userId === lead.id)).toBe(true);
		} finally {
			store.append = realAppend;
		}
	});
});
