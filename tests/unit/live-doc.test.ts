import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { createLogger } from '../../server/log.ts';
import { MemoryDocStore } from '../../server/store/memory-doc-store.ts';
import { InProcessBus } from '../../server/sync/bus.ts';
import { LiveDoc, type Peer } from '../../server/sync/live-doc.ts';

const log = createLogger('silent');

function peer(userId: string): Peer & { received: Uint8Array[] } {
	const received: Uint8Array[] = [];
	return { userId, awarenessIds: new Set(), received, send: (m) => received.push(m) };
}

/** The Yjs updates (sync step 2 or update messages) a peer received, applied to a fresh doc. */
function replay(p: { received: Uint8Array[] }): Y.Doc {
	const doc = new Y.Doc();
	for (const m of p.received) {
		const d = decoding.createDecoder(m);
		if (decoding.readVarUint(d) !== 0) continue;
		if (decoding.readVarUint(d) === 0) continue;
		Y.applyUpdate(doc, decoding.readVarUint8Array(d));
	}
	return doc;
}

function update(fn: (doc: Y.Doc) => void, base?: Y.Doc): Uint8Array {
	const doc = base ?? new Y.Doc();
	let out: Uint8Array = new Uint8Array();
	doc.once('update', (u: Uint8Array) => (out = u));
	fn(doc);
	return out;
}

async function open(store: MemoryDocStore, checkpointEvery = 1000): Promise<LiveDoc> {
	return LiveDoc.load({
		boardId: 'b1',
		store,
		bus: new InProcessBus(),
		nodeId: 'n1',
		checkpointEvery,
		log,
	});
}

describe('LiveDoc', () => {
	it('relays an update only after the journal holds it, to everyone but its sender', async () => {
		const store = new MemoryDocStore();
		const live = await open(store);
		const alice = peer('alice');
		const bob = peer('bob');
		live.addPeer(alice);
		live.addPeer(bob);
		const before = bob.received.length;
		live.applyFrom(
			alice,
			update((d) => d.getMap('krs').set('k', 1)),
		);
		expect(bob.received.length).toBe(before);
		expect(store.journal.get('b1')).toBeUndefined();
		await live.flush();
		expect(store.journal.get('b1')).toHaveLength(1);
		expect(store.journal.get('b1')![0].userId).toBe('alice');
		expect(replay(bob).getMap('krs').get('k')).toBe(1);
		expect(replay(alice).getMap('krs').has('k')).toBe(false);
		live.destroy();
	});

	it('holds a sync step 2 until the pending batch is committed', async () => {
		const store = new MemoryDocStore();
		const live = await open(store);
		const alice = peer('alice');
		const carol = peer('carol');
		live.addPeer(alice);
		live.addPeer(carol);
		live.applyFrom(
			alice,
			update((d) => d.getMap('krs').set('k', 2)),
		);
		const sent = carol.received.length;
		live.answerSyncStep1(carol, Y.encodeStateVector(new Y.Doc()));
		expect(carol.received.length).toBe(sent);
		await live.flush();
		expect(replay(carol).getMap('krs').get('k')).toBe(2);
		live.destroy();
	});

	it('keeps updates in memory and retries when the journal write fails', async () => {
		const store = new MemoryDocStore();
		store.failNext = 2;
		const live = await open(store);
		const alice = peer('alice');
		const bob = peer('bob');
		live.addPeer(alice);
		live.addPeer(bob);
		live.applyFrom(
			alice,
			update((d) => d.getMap('krs').set('k', 3)),
		);
		await live.flush();
		expect(store.failNext).toBe(0);
		expect(store.journal.get('b1')).toHaveLength(1);
		expect(replay(bob).getMap('krs').get('k')).toBe(3);
		live.destroy();
	});

	it('checkpoints every N updates and loads from the checkpoint plus the tail', async () => {
		const store = new MemoryDocStore();
		const live = await open(store, 5);
		const alice = peer('alice');
		live.addPeer(alice);
		const source = new Y.Doc();
		for (let i = 0; i < 12; i++) {
			live.applyFrom(
				alice,
				update((d) => d.getMap('krs').set(`k${i}`, i), source),
			);
			await live.flush();
		}
		await live.checkpoint();
		live.destroy();
		const cps = store.checkpoints.get('b1')!;
		expect(cps.map((c) => c.seq)).toEqual([5, 10, 12]);
		const loaded = await store.load('b1');
		expect(loaded.tail).toHaveLength(0);
		const again = await open(store);
		expect(again.doc.getMap('krs').size).toBe(12);
		expect(again.seq).toBe(12);
		again.destroy();
	});

	it('answers new clients from the stored full state, and never from a stale one', async () => {
		const store = new MemoryDocStore();
		const source = new Y.Doc();
		source.getMap('krs').set('old', 1);
		await store.checkpoint('b1', 1, Y.encodeStateAsUpdate(source), Date.now());
		const live = await open(store);
		const empty = Y.encodeStateVector(new Y.Doc());
		const first = peer('first');
		live.addPeer(first);
		live.answerSyncStep1(first, empty);
		expect(replay(first).getMap('krs').toJSON()).toEqual({ old: 1 });
		live.applyFrom(
			first,
			update((d) => d.getMap('krs').set('new', 2), source),
		);
		await live.flush();
		const second = peer('second');
		live.addPeer(second);
		live.answerSyncStep1(second, empty);
		expect(replay(second).getMap('krs').toJSON()).toEqual({ old: 1, new: 2 });
		await live.checkpoint();
		const third = peer('third');
		live.addPeer(third);
		live.answerSyncStep1(third, empty);
		expect(replay(third).getMap('krs').toJSON()).toEqual({ old: 1, new: 2 });
		live.destroy();
	});

	it('never yields a doc when the load fails', async () => {
		const store = new MemoryDocStore();
		store.failLoad = true;
		await expect(open(store)).rejects.toThrow(/load failed/);
	});
});
