import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryDocStore } from '../store/memory-doc-store.ts';
import { docAt, replayEach } from './replay.ts';

/** A journal of `n` single-key updates to a map, checkpointed every `every`. */
async function journal(n: number, every: number): Promise<MemoryDocStore> {
	const store = new MemoryDocStore();
	const doc = new Y.Doc();
	doc.on('update', (data: Uint8Array) => {
		void store.append([{ boardId: 'b', userId: 'u', at: 1000 + store.journal.size, data }]);
	});
	for (let i = 1; i <= n; i++) {
		doc.getMap('m').set('v', i);
		if (i % every === 0) await store.checkpoint('b', i, Y.encodeStateAsUpdate(doc), 1000 + i);
	}
	return store;
}

describe('replay', () => {
	it('builds the state at any seq from the nearest checkpoint plus the tail', async () => {
		const store = await journal(25, 10);
		for (const seq of [0, 1, 9, 10, 11, 20, 25]) {
			const { doc, seq: reached } = await docAt(store, 'b', seq);
			expect(reached).toBe(seq);
			expect(doc.getMap('m').get('v')).toBe(seq === 0 ? undefined : seq);
			doc.destroy();
		}
	});

	it('never goes past the end of the journal', async () => {
		const store = await journal(5, 100);
		const { doc, seq } = await docAt(store, 'b', 99);
		expect(seq).toBe(5);
		expect(doc.getMap('m').get('v')).toBe(5);
	});

	it('shows the doc after every single update, in seq order', async () => {
		const store = await journal(12, 5);
		const doc = new Y.Doc();
		const seen: [number, unknown][] = [];
		const last = await replayEach(store, 'b', doc, { from: 0, to: 12 }, (entry, d) =>
			seen.push([entry.seq, d.getMap('m').get('v')]),
		);
		expect(last).toBe(12);
		expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => [i + 1, i + 1]));
	});
});
