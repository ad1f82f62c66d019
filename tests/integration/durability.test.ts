import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteDocStore } from '../../server/store/sqlite-doc-store.ts';
import { createBoard, signup } from '../helpers/api.ts';
import { startChildServer } from '../helpers/child-server.ts';
import { connectClient, waitFor, type Client } from '../helpers/client.ts';
import { startTestServer } from '../helpers/server.ts';

const dirs: string[] = [];
function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'pulse-durable-'));
	dirs.push(dir);
	return dir;
}
afterAll(() => {
	for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('durability', () => {
	it('keeps content across a restart and has it at the first synced event', async () => {
		const dir = tempDir();
		const first = await startTestServer({}, { dir });
		const lead = await signup(first.url, 'Lead');
		const boardId = await createBoard(first.url, lead, 'Durable');
		const writer = connectClient(first.wsUrl, boardId, lead.cookie);
		await writer.synced();
		const title = new Y.Text('Grow revenue');
		writer.doc.getMap('objectives').set('o1', new Y.Map([['title', title]]) as Y.Map<unknown>);
		for (let i = 0; i < 50; i++) writer.doc.getMap('krs').set(`k${i}`, i);
		const observer = connectClient(first.wsUrl, boardId, lead.cookie);
		await observer.synced();
		await waitFor(observer.doc, () => observer.doc.getMap('krs').size === 50);
		writer.destroy();
		observer.destroy();
		await first.close();

		const second = await startTestServer({}, { dir });
		try {
			const reader = connectClient(second.wsUrl, boardId, lead.cookie);
			const atFirstSync = await new Promise<{ krs: number; title: string }>((resolve) =>
				reader.provider.once('sync', () =>
					resolve({
						krs: reader.doc.getMap('krs').size,
						title: String(
							(reader.doc.getMap('objectives').get('o1') as Y.Map<unknown>)?.get('title'),
						),
					}),
				),
			);
			expect(atFirstSync).toEqual({ krs: 50, title: 'Grow revenue' });
			expect(reader.doc.getMap('board').get('title')).toBe('Durable');
			reader.destroy();
		} finally {
			await second.close();
		}
	});

	it('writes checkpoints so a load reads the latest checkpoint plus a short tail', async () => {
		const dir = tempDir();
		const server = await startTestServer({ PULSE_CHECKPOINT_EVERY: '40' }, { dir });
		const lead = await signup(server.url, 'Lead');
		const boardId = await createBoard(server.url, lead);
		const a = connectClient(server.wsUrl, boardId, lead.cookie);
		const b = connectClient(server.wsUrl, boardId, lead.cookie);
		await Promise.all([a.synced(), b.synced()]);
		// Separate ticks so each edit is its own journal row.
		for (let i = 0; i < 130; i++) {
			a.doc.getMap('krs').set(`k${i}`, i);
			await new Promise((r) => setImmediate(r));
		}
		await waitFor(b.doc, () => b.doc.getMap('krs').size === 130);
		a.destroy();
		b.destroy();
		await server.close();

		const sqlite = new Database(join(dir, 'pulse.db'));
		try {
			const store = new SqliteDocStore(sqlite);
			const loaded = await store.load(boardId);
			expect(loaded.checkpoint).not.toBeNull();
			// The unload checkpoint covers everything: nothing left to replay.
			expect(loaded.tail.length).toBeLessThan(40);
			expect(loaded.checkpoint!.seq + loaded.tail.length).toBe(loaded.lastSeq);
			const doc = new Y.Doc();
			Y.applyUpdate(doc, loaded.checkpoint!.state);
			for (const u of loaded.tail) Y.applyUpdate(doc, u.data);
			expect(doc.getMap('krs').size).toBe(130);
			const checkpoints = sqlite
				.prepare('SELECT count(*) FROM doc_checkpoint WHERE board_id = ?')
				.pluck()
				.get(boardId) as number;
			expect(checkpoints).toBeGreaterThanOrEqual(2);
			const journal = sqlite
				.prepare('SELECT count(*) FROM doc_update WHERE board_id = ?')
				.pluck()
				.get(boardId) as number;
			expect(journal).toBe(loaded.lastSeq);
		} finally {
			sqlite.close();
		}
	});

	it('loses no update another client received when the server is killed with SIGKILL', async () => {
		const dir = tempDir();
		const dbPath = join(dir, 'pulse.db');
		let server = await startChildServer(dbPath);
		const lead = await signup(server.url, 'Lead');
		const boardId = await createBoard(server.url, lead);
		const writer = connectClient(server.wsUrl, boardId, lead.cookie);
		const observer = connectClient(server.wsUrl, boardId, lead.cookie);
		const clients: Client[] = [writer, observer];
		await Promise.all(clients.map((c) => c.synced()));
		const received = new Set<string>();
		observer.doc.getMap('krs').observe((e) => {
			for (const key of e.keysChanged) received.add(key);
		});
		let killed: Promise<number | null> | null = null;
		const killedAfter = new Promise<void>((resolve) => {
			observer.doc.getMap('krs').observe(() => {
				if (received.size >= 300 && !killed) {
					// Snapshot what the observer has seen at the moment of the kill.
					killed = server.kill('SIGKILL');
					resolve();
				}
			});
		});
		for (let i = 0; i < 2000; i++) {
			writer.doc.getMap('krs').set(`k${i}`, i);
			if (i % 20 === 0) await new Promise((r) => setImmediate(r));
			if (killed) break;
		}
		await killedAfter;
		const seen = new Set(received);
		await killed;
		for (const c of clients) c.destroy();

		server = await startChildServer(dbPath);
		try {
			const reader = connectClient(server.wsUrl, boardId, lead.cookie);
			await reader.synced();
			const stored = new Set(reader.doc.getMap('krs').keys());
			const missing = [...seen].filter((k) => !stored.has(k));
			expect(seen.size).toBeGreaterThanOrEqual(300);
			expect(missing).toEqual([]);
			reader.destroy();
		} finally {
			await server.kill('SIGTERM');
		}
	});

	it('exits 0 and flushes on SIGTERM', async () => {
		const dir = tempDir();
		const server = await startChildServer(join(dir, 'pulse.db'));
		const lead = await signup(server.url, 'Lead');
		const boardId = await createBoard(server.url, lead);
		const c = connectClient(server.wsUrl, boardId, lead.cookie);
		const witness = connectClient(server.wsUrl, boardId, lead.cookie);
		await Promise.all([c.synced(), witness.synced()]);
		c.doc.getMap('krs').set('last', 1);
		await waitFor(witness.doc, () => witness.doc.getMap('krs').get('last') === 1);
		const closed = new Promise<number>((resolve) =>
			c.provider.once('connection-close', (e) => resolve(e?.code ?? 0)),
		);
		const code = await server.kill('SIGTERM');
		expect(code).toBe(0);
		expect([1001, 1012]).toContain(await closed);
		c.destroy();
		witness.destroy();
		const sqlite = new Database(join(dir, 'pulse.db'), { readonly: true });
		try {
			const store = new SqliteDocStore(sqlite);
			const loaded = await store.load(boardId);
			const doc = new Y.Doc();
			if (loaded.checkpoint) Y.applyUpdate(doc, loaded.checkpoint.state);
			for (const u of loaded.tail) Y.applyUpdate(doc, u.data);
			expect(doc.getMap('krs').get('last')).toBe(1);
		} finally {
			sqlite.close();
		}
	});
});
