/** Who is on the board and which field each person is editing, from y-protocols awareness. */
import { createSubscriber } from 'svelte/reactivity';
import type { Awareness } from 'y-protocols/awareness';

export interface PresenceUser {
	id: string;
	name: string;
	color: string;
}
export interface Focus {
	krId: string;
	field: string;
}
export interface Peer {
	clientId: number;
	user: PresenceUser;
	focus: Focus | null;
}

function readUser(value: unknown): PresenceUser | null {
	if (!value || typeof value !== 'object') return null;
	const u = value as Record<string, unknown>;
	if (typeof u.id !== 'string' || typeof u.name !== 'string') return null;
	return { id: u.id, name: u.name, color: typeof u.color === 'string' ? u.color : '#2457d6' };
}

function readFocus(value: unknown): Focus | null {
	if (!value || typeof value !== 'object') return null;
	const f = value as Record<string, unknown>;
	return typeof f.krId === 'string' && typeof f.field === 'string'
		? { krId: f.krId, field: f.field }
		: null;
}

export class Presence {
	#awareness: Awareness;
	#subscribe: () => void;

	constructor(awareness: Awareness, me: PresenceUser) {
		this.#awareness = awareness;
		// The server replaces `user` with the session's identity; ours is only a first guess.
		awareness.setLocalState({ user: me, focus: null });
		this.#subscribe = createSubscriber((update) => {
			awareness.on('change', update);
			return () => awareness.off('change', update);
		});
	}

	/** Other connections' states (not this tab's), skipping malformed ones. */
	get peers(): Peer[] {
		this.#subscribe();
		const out: Peer[] = [];
		this.#awareness.getStates().forEach((state, clientId) => {
			if (clientId === this.#awareness.clientID) return;
			const user = readUser(state.user);
			if (user) out.push({ clientId, user, focus: readFocus(state.focus) });
		});
		return out;
	}

	/** Everyone else on the board, one entry per person even with several tabs. */
	get others(): PresenceUser[] {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, not state
		const seen = new Map<string, PresenceUser>();
		for (const p of this.peers) if (!seen.has(p.user.id)) seen.set(p.user.id, p.user);
		return [...seen.values()];
	}

	/** The people editing this field of this KR right now. */
	editing(krId: string, field: string): PresenceUser[] {
		return this.peers
			.filter((p) => p.focus?.krId === krId && p.focus.field === field)
			.map((p) => p.user);
	}

	/** The user behind a doc client id (awareness ids are the doc's client ids). */
	userOf(clientId: number): PresenceUser | null {
		return readUser(this.#awareness.getStates().get(clientId)?.user);
	}

	setFocus(focus: Focus | null) {
		this.#awareness.setLocalStateField('focus', focus);
	}
}
