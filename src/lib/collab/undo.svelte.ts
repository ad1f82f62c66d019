/** Per-user undo and redo: a Y.UndoManager that tracks only this client's own edits. */
import { createSubscriber } from 'svelte/reactivity';
import * as Y from 'yjs';

const TRACKED = ['objectives', 'krs', 'checkins', 'blockers', 'actions', 'insights'] as const;

export class UndoHistory {
	readonly manager: Y.UndoManager;
	#subscribe: () => void;

	constructor(doc: Y.Doc, origin: object) {
		this.manager = new Y.UndoManager(
			TRACKED.map((name) => doc.getMap(name)),
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- Yjs's option, not state
			{ trackedOrigins: new Set([origin]), captureTimeout: 500 },
		);
		const manager = this.manager;
		this.#subscribe = createSubscriber((update) => {
			const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
			for (const e of events) manager.on(e, update);
			return () => events.forEach((e) => manager.off(e, update));
		});
	}

	get canUndo(): boolean {
		this.#subscribe();
		return this.manager.canUndo();
	}

	get canRedo(): boolean {
		this.#subscribe();
		return this.manager.canRedo();
	}

	undo() {
		this.manager.undo();
	}

	redo() {
		this.manager.redo();
	}

	/** Starts a new undo step (e.g. at the start of a slider drag). */
	stopCapturing() {
		this.manager.stopCapturing();
	}

	/**
	 * Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (and Ctrl+Y) anywhere on the page, bound inputs included:
	 * the browser's native undo would fight the CRDT, so it is prevented.
	 */
	handleKey(event: KeyboardEvent): void {
		if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
		const key = event.key.toLowerCase();
		const redo = (key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey);
		if (key !== 'z' && !redo) return;
		event.preventDefault();
		if (redo) this.redo();
		else this.undo();
	}

	destroy() {
		this.manager.destroy();
	}
}
