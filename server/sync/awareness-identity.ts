/** Rewrites awareness updates so each state's `user` is the session user, not what the client claims. */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface AwarenessUser {
	id: string;
	name: string;
	color: string;
}

export interface AwarenessEntry {
	clientId: number;
	clock: number;
	state: Record<string, unknown> | null;
}

export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
	const d = decoding.createDecoder(update);
	const count = decoding.readVarUint(d);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(d);
		const clock = decoding.readVarUint(d);
		const parsed: unknown = JSON.parse(decoding.readVarString(d));
		const state =
			parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
				? (parsed as Record<string, unknown>)
				: null;
		entries.push({ clientId, clock, state });
	}
	return entries;
}

export function encodeAwarenessUpdate(entries: AwarenessEntry[]): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(e, entry.clientId);
		encoding.writeVarUint(e, entry.clock);
		encoding.writeVarString(e, JSON.stringify(entry.state));
	}
	return encoding.toUint8Array(e);
}

/** Stamps the server-known identity on every non-null state. */
export function stampIdentity(
	update: Uint8Array,
	user: AwarenessUser,
): {
	update: Uint8Array;
	clientIds: number[];
} {
	const entries = decodeAwarenessUpdate(update);
	for (const entry of entries) {
		if (entry.state) entry.state = { ...entry.state, user: { ...user } };
	}
	return { update: encodeAwarenessUpdate(entries), clientIds: entries.map((e) => e.clientId) };
}
