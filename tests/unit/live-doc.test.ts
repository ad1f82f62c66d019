import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { createLogger } from '../../server/log.ts';
import { MemoryDocStore } from '../../server/store/memory-doc-store.ts';
import { InProcessBus } from '../../server/sync/bus.ts';
import { LiveDoc, type Peer } from '../../server/sync/live-doc.ts';
import { until } from '../helpers/server.ts';

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

/** The sync update messages (type 0, step 2) among what a peer received. */
function updateMessages(p: { received: Uint8Array[] }): Uint8Array[] {
	return p.received.filter((m) => m[0] === 0 && m[1] === 2);
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

	it("merges one tick's updates into one message per peer, and journals each with its user", async () => {
		const store = new MemoryDocStore();
		const live = await open(store);
		const alice = peer('alice');
		const bob = peer('bob');
		const carol = peer('carol');
		for (const p of [alice, bob, carol]) live.addPeer(p);
		const counts = () => [alice, bob, carol].map((p) => updateMessages(p).length);
		const before = counts();
		const aliceDoc = new Y.Doc();
		live.applyFrom(
			alice,
			update((d) => d.getMap('krs').set('a1', 1), aliceDoc),
		);
		live.applyFrom(
			alice,
			update((d) => d.getMap('krs').set('a2', 2), aliceDoc),
		);
		live.applyFrom(
			bob,
			update((d) => d.getMap('krs').set('b1', 3)),
		);
		await live.flush();
		expect(store.journal.get('b1')!.map((u) => u.userId)).toEqual(['alice', 'alice', 'bob']);
		// One merged message each; alice and bob get their own edits back inside it.
		expect(counts().map((n, i) => n - before[i])).toEqual([1, 1, 1]);
		expect(replay(carol).getMap('krs').toJSON()).toEqual({ a1: 1, a2: 2, b1: 3 });
		expect(replay(alice).getMap('krs').toJSON()).toEqual({ a1: 1, a2: 2, b1: 3 });

		// A batch that is all one peer's goes to everyone else only.
		const mid = counts();
		live.applyFrom(
			alice,
			update((d) => d.getMap('krs').set('a3', 4), aliceDoc),
		);
		live.applyFrom(
			alice,
			update((d) => d.getMap('krs').set('a4', 5), aliceDoc),
		);
		await live.flush();
		expect(counts().map((n, i) => n - mid[i])).toEqual([0, 1, 1]);
		expect(replay(bob).getMap('krs').get('a4')).toBe(5);
		live.destroy();
	});

	it('sends a burst of awareness changes to each peer as one message', async () => {
		const store = new MemoryDocStore();
		const live = await open(store);
		const peers = Array.from({ length: 5 }, (_, i) => peer(`u${i}`));
		for (const p of peers) live.addPeer(p);
		const awarenessMessages = (p: { received: Uint8Array[] }) =>
			p.received.filter((m) => m[0] === 1).length;
		for (const [i, p] of peers.entries()) {
			const client = new Awareness(new Y.Doc());
			client.setLocalState({ cursor: i });
			live.applyAwareness(p, encodeAwarenessUpdate(client, [client.clientID]));
		}
		await until(() => awarenessMessages(peers[0]) > 0);
		await new Promise((r) => setTimeout(r, 50));
		for (const p of peers) expect(awarenessMessages(p)).toBe(1);
		expect(live.awareness.getStates().size).toBe(5);
		expect(peers[0].awarenessIds.size).toBe(1);
		// A peer that leaves has its state removed for everyone.
		live.removePeer(peers[4]);
		expect(live.awareness.getStates().size).toBe(4);
		await until(() => awarenessMessages(peers[0]) === 2);
		live.destroy();
	});

	it('never yields a doc when the load fails', async () => {
		const store = new MemoryDocStore();
		store.failLoad = true;
		await expect(open(store)).rejects.toThrow(/load failed/);
	});
});
