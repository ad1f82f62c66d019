/** Cross-node fan-out of committed updates. One process needs none; Redis adds another implementation. */

export interface BusMessage {
	boardId: string;
	nodeId: string;
	update: Uint8Array;
}

export interface Bus {
	publish(message: BusMessage): void;
	/** Calls `handler` for updates committed by other nodes; returns the unsubscribe function. */
	subscribe(boardId: string, handler: (message: BusMessage) => void): () => void;
	close(): Promise<void>;
}

/** Fan-out between sync registries in the same process (one node, or several in a test). */
export class InProcessBus implements Bus {
	readonly #handlers = new Map<string, Set<(message: BusMessage) => void>>();

	publish(message: BusMessage): void {
		for (const handler of this.#handlers.get(message.boardId) ?? []) handler(message);
	}

	subscribe(boardId: string, handler: (message: BusMessage) => void): () => void {
		let set = this.#handlers.get(boardId);
		if (!set) this.#handlers.set(boardId, (set = new Set()));
		set.add(handler);
		return () => {
			set.delete(handler);
			if (set.size === 0) this.#handlers.delete(boardId);
		};
	}

	async close(): Promise<void> {
		this.#handlers.clear();
	}
}
