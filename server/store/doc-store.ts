/** Durable storage of board documents: an append-only journal plus periodic checkpoints. */

export interface JournalEntry {
	boardId: string;
	userId: string | null;
	at: number;
	data: Uint8Array;
}

export interface StoredUpdate {
	seq: number;
	at: number;
	userId: string | null;
	data: Uint8Array;
}

export interface Checkpoint {
	seq: number;
	at: number;
	state: Uint8Array;
}

export interface LoadedDoc {
	/** The newest checkpoint, or null when none was written yet. */
	checkpoint: Checkpoint | null;
	/** Journal entries after the checkpoint, in seq order. */
	tail: StoredUpdate[];
	/** The highest seq stored for the board (0 when empty). */
	lastSeq: number;
}

export interface DocStore {
	/** Latest checkpoint + journal tail: never the whole journal. */
	load(boardId: string): Promise<LoadedDoc>;
	/** Appends entries atomically (one transaction); returns their seqs in order. */
	append(entries: JournalEntry[]): Promise<number[]>;
	/** Stores the merged state up to and including `seq`. */
	checkpoint(boardId: string, seq: number, state: Uint8Array, at: number): Promise<void>;
	/** Journal entries with from < seq ≤ to (for history and derivation). */
	updates(boardId: string, from: number, to?: number): Promise<StoredUpdate[]>;
	/** The newest checkpoint whose seq is ≤ `seq` (history's index), or null. */
	checkpointAtOrBefore(boardId: string, seq: number): Promise<Checkpoint | null>;
	/** The highest journaled seq of a board (0 when it has none). */
	lastSeq(boardId: string): Promise<number>;
	/** The seq of the last update journaled at or before `at` (ms), or 0 when none was. */
	seqAt(boardId: string, at: number): Promise<number>;
}
