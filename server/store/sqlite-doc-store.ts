import type Database from 'better-sqlite3';
import type { Checkpoint, DocStore, JournalEntry, LoadedDoc, StoredUpdate } from './doc-store.ts';

interface UpdateRow {
	seq: number;
	at: number;
	user_id: string | null;
	data: Buffer;
}

/**
 * SQLite DocStore. The hot path uses prepared statements directly (not the query builder):
 * appends run for every keystroke of every editor, and each statement is compiled once.
 */
export class SqliteDocStore implements DocStore {
	readonly #lastSeq = new Map<string, number>();
	readonly #insert: Database.Statement;
	readonly #maxSeq: Database.Statement;
	readonly #latestCheckpoint: Database.Statement;
	readonly #tail: Database.Statement;
	readonly #range: Database.Statement;
	readonly #insertCheckpoint: Database.Statement;
	readonly #checkpointAtOrBefore: Database.Statement;
	readonly #seqAt: Database.Statement;
	readonly #appendAll: (entries: JournalEntry[]) => number[];

	constructor(sqlite: Database.Database) {
		this.#insert = sqlite.prepare(
			'INSERT INTO doc_update (board_id, seq, at, user_id, data) VALUES (?, ?, ?, ?, ?)',
		);
		this.#maxSeq = sqlite
			.prepare('SELECT coalesce(max(seq), 0) FROM doc_update WHERE board_id = ?')
			.pluck();
		this.#latestCheckpoint = sqlite.prepare(
			'SELECT seq, at, state FROM doc_checkpoint WHERE board_id = ? ORDER BY seq DESC LIMIT 1',
		);
		this.#tail = sqlite.prepare(
			'SELECT seq, at, user_id, data FROM doc_update WHERE board_id = ? AND seq > ? ORDER BY seq',
		);
		this.#range = sqlite.prepare(
			'SELECT seq, at, user_id, data FROM doc_update WHERE board_id = ? AND seq > ? AND seq <= ? ORDER BY seq',
		);
		this.#insertCheckpoint = sqlite.prepare(
			'INSERT OR REPLACE INTO doc_checkpoint (board_id, seq, at, state) VALUES (?, ?, ?, ?)',
		);
		this.#checkpointAtOrBefore = sqlite.prepare(
			'SELECT seq, at, state FROM doc_checkpoint WHERE board_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
		);
		// Journal `at` never decreases along seq (LiveDoc keeps it monotonic), so the last row at or
		// before a time is the one with the highest seq among them.
		this.#seqAt = sqlite
			.prepare('SELECT coalesce(max(seq), 0) FROM doc_update WHERE board_id = ? AND at <= ?')
			.pluck();
		this.#appendAll = sqlite.transaction((entries: JournalEntry[]) => {
			const seqs: number[] = [];
			const next = new Map<string, number>();
			for (const e of entries) {
				const seq = (next.get(e.boardId) ?? this.#seqOf(e.boardId)) + 1;
				this.#insert.run(e.boardId, seq, e.at, e.userId, e.data);
				next.set(e.boardId, seq);
				seqs.push(seq);
			}
			// Only after the commit succeeds do the cached seqs move forward.
			return seqs;
		});
	}

	#seqOf(boardId: string): number {
		let seq = this.#lastSeq.get(boardId);
		if (seq === undefined) {
			seq = this.#maxSeq.get(boardId) as number;
			this.#lastSeq.set(boardId, seq);
		}
		return seq;
	}

	async load(boardId: string): Promise<LoadedDoc> {
		const cp = this.#latestCheckpoint.get(boardId) as
			{ seq: number; at: number; state: Buffer } | undefined;
		const checkpoint: Checkpoint | null = cp ? { seq: cp.seq, at: cp.at, state: cp.state } : null;
		const tail = (this.#tail.all(boardId, checkpoint?.seq ?? 0) as UpdateRow[]).map(toStored);
		const lastSeq = tail.length ? tail[tail.length - 1].seq : (checkpoint?.seq ?? 0);
		this.#lastSeq.set(boardId, Math.max(lastSeq, this.#maxSeq.get(boardId) as number));
		return { checkpoint, tail, lastSeq };
	}

	async append(entries: JournalEntry[]): Promise<number[]> {
		if (entries.length === 0) return [];
		const seqs = this.#appendAll(entries);
		for (let i = 0; i < entries.length; i++) this.#lastSeq.set(entries[i].boardId, seqs[i]);
		return seqs;
	}

	async checkpoint(boardId: string, seq: number, state: Uint8Array, at: number): Promise<void> {
		this.#insertCheckpoint.run(boardId, seq, at, state);
	}

	async updates(
		boardId: string,
		from: number,
		to = Number.MAX_SAFE_INTEGER,
	): Promise<StoredUpdate[]> {
		return (this.#range.all(boardId, from, to) as UpdateRow[]).map(toStored);
	}

	async checkpointAtOrBefore(boardId: string, seq: number): Promise<Checkpoint | null> {
		const cp = this.#checkpointAtOrBefore.get(boardId, seq) as
			{ seq: number; at: number; state: Buffer } | undefined;
		return cp ? { seq: cp.seq, at: cp.at, state: cp.state } : null;
	}

	async lastSeq(boardId: string): Promise<number> {
		return this.#maxSeq.get(boardId) as number;
	}

	async seqAt(boardId: string, at: number): Promise<number> {
		return this.#seqAt.get(boardId, at) as number;
	}
}

function toStored(row: UpdateRow): StoredUpdate {
	return { seq: row.seq, at: row.at, userId: row.user_id, data: row.data };
}
