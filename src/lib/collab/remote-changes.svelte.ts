/** Which fields other people just changed, and in whose colour, so the board can flash them. */
import { SvelteMap } from 'svelte/reactivity';
import * as Y from 'yjs';
import type { Presence } from './presence.svelte.ts';

const WATCHED = ['objectives', 'krs', 'blockers', 'actions', 'insights'] as const;
const FLASH_MS = 1200;

export interface Flash {
	color: string;
	n: number;
}

/** The key of a field in `flashes`: entry id and field name. */
export const fieldKey = (id: string, field: string) => `${id}:${field}`;

export class RemoteChanges {
	readonly flashes = new SvelteMap<string, Flash>();
	/** Off until the first server sync, so loading a board does not flash everything. */
	enabled = false;
	#counter = 0;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- timers, never rendered
	#timers = new Map<string, ReturnType<typeof setTimeout>>();
	#off: () => void;

	constructor(doc: Y.Doc, presence: Presence, ignore: (origin: unknown) => boolean) {
		const onEvents = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => {
			if (!this.enabled || tr.local || ignore(tr.origin)) return;
			const color = editorColor(tr, presence);
			for (const event of events) for (const key of changedFields(event)) this.#flash(key, color);
		};
		const types = WATCHED.map((name) => doc.getMap(name));
		for (const t of types) t.observeDeep(onEvents);
		this.#off = () => types.forEach((t) => t.unobserveDeep(onEvents));
	}

	#flash(key: string, color: string) {
		this.flashes.set(key, { color, n: ++this.#counter });
		clearTimeout(this.#timers.get(key));
		this.#timers.set(
			key,
			setTimeout(() => {
				this.flashes.delete(key);
				this.#timers.delete(key);
			}, FLASH_MS),
		);
	}

	destroy() {
		this.#off();
		for (const t of this.#timers.values()) clearTimeout(t);
	}
}

/** entry:field keys touched by one event (a map field set, or a text typed into). */
function changedFields(event: Y.YEvent<Y.AbstractType<unknown>>): string[] {
	const [id, field] = event.path as string[];
	if (id === undefined) return [];
	if (field !== undefined) return [fieldKey(id, field)];
	if (!(event instanceof Y.YMapEvent)) return [];
	return [...event.keysChanged].filter((k) => k !== 'updatedAt').map((k) => fieldKey(id, k));
}

/** The colour of whoever wrote this transaction: a doc client id is also its awareness id. */
function editorColor(tr: Y.Transaction, presence: Presence): string {
	for (const [client, clock] of tr.afterState) {
		if ((tr.beforeState.get(client) ?? 0) === clock) continue;
		const user = presence.userOf(client);
		if (user) return user.color;
	}
	return 'var(--accent)';
}
