/** A Svelte view of a board doc: reading `current` in an effect re-runs it on any change. */
import { createSubscriber } from 'svelte/reactivity';
import * as Y from 'yjs';
import { readBoard } from '$lib/board/read';
import { TOP_LEVEL, type BoardSnapshot } from '$lib/board/schema';

export type EntryKind = 'objectives' | 'krs' | 'blockers' | 'actions' | 'insights';

export class BoardView {
	#doc: Y.Doc;
	#subscribe: () => void;
	#snapshot: BoardSnapshot | null = null;
	#notify: (() => void) | null = null;
	#off: () => void;

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		// Always observed (not only while subscribed) so the cached snapshot is never stale.
		const onChange = () => {
			this.#snapshot = null;
			this.#notify?.();
		};
		const types = TOP_LEVEL.map((name) => doc.getMap(name));
		for (const t of types) t.observeDeep(onChange);
		this.#off = () => types.forEach((t) => t.unobserveDeep(onChange));
		this.#subscribe = createSubscriber((update) => {
			this.#notify = update;
			return () => (this.#notify = null);
		});
	}

	/** The board as plain data, sorted; recomputed only after the doc changed. */
	get current(): BoardSnapshot {
		this.#subscribe();
		this.#snapshot ??= readBoard(this.#doc);
		return this.#snapshot;
	}

	/** The Y.Map behind an entry, for bindings that write to it. */
	entry(kind: EntryKind, id: string): Y.Map<unknown> | undefined {
		const m = this.#doc.getMap(kind).get(id);
		return m instanceof Y.Map ? (m as Y.Map<unknown>) : undefined;
	}

	destroy() {
		this.#off();
	}
}
