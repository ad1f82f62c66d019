import type { Checkpoint, DocStore, JournalEntry, LoadedDoc, StoredUpdate } from './doc-store.ts';

/** In-memory DocStore for unit tests; `failNext` simulates a failing database write. */
export class MemoryDocStore implements DocStore {
	readonly journal = new Map<string, StoredUpdate[]>();
	readonly checkpoints = new Map<string, Checkpoint[]>();
	failNext = 0;
	failLoad = false;

	async load(boardId: string): Promise<LoadedDoc> {
		if (this.failLoad) throw new Error('load failed (simulated)');
		const cps = this.checkpoints.get(boardId) ?? [];
		const checkpoint = cps.length ? cps[cps.length - 1] : null;
		const all = this.journal.get(boardId) ?? [];
		const tail = all.filter((u) => u.seq > (checkpoint?.seq ?? 0));
		const lastSeq = all.length ? all[all.length - 1].seq : (checkpoint?.seq ?? 0);
		return { checkpoint, tail, lastSeq };
	}

	async append(entries: JournalEntry[]): Promise<number[]> {
		if (this.failNext > 0) {
			this.failNext--;
			throw new Error('append failed (simulated)');
		}
		return entries.map((e) => {
			const list = this.journal.get(e.boardId) ?? [];
			const seq = (list.length ? list[list.length - 1].seq : 0) + 1;
			list.push({ seq, at: e.at, userId: e.userId, data: e.data });
			this.journal.set(e.boardId, list);
			return seq;
		});
	}

	async checkpoint(boardId: string, seq: number, state: Uint8Array, at: number): Promise<void> {
		const list = this.checkpoints.get(boardId) ?? [];
		list.push({ seq, at, state });
		list.sort((a, b) => a.seq - b.seq);
		this.checkpoints.set(boardId, list);
	}

	async updates(
		boardId: string,
		from: number,
		to = Number.MAX_SAFE_INTEGER,
	): Promise<StoredUpdate[]> {
		return (this.journal.get(boardId) ?? []).filter((u) => u.seq > from && u.seq <= to);
	}

	async checkpointAtOrBefore(boardId: string, seq: number): Promise<Checkpoint | null> {
		const cps = (this.checkpoints.get(boardId) ?? []).filter((c) => c.seq <= seq);
		return cps.length ? cps[cps.length - 1] : null;
	}

	async lastSeq(boardId: string): Promise<number> {
		const all = this.journal.get(boardId) ?? [];
		return all.length ? all[all.length - 1].seq : 0;
	}

	async seqAt(boardId: string, at: number): Promise<number> {
		let seq = 0;
		for (const u of this.journal.get(boardId) ?? []) if (u.at <= at) seq = u.seq;
		return seq;
	}
}
