/** Strips writes to the lead-only `board` map from non-leads' updates, keeping the rest. */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

function parentOf(doc: Y.Doc, id: Y.ID, local: Map<string, unknown>): unknown {
	const key = `${id.client}:${id.clock}`;
	if (local.has(key)) return local.get(key);
	try {
		return Y.getItem(doc.store, id).parent;
	} catch {
		return undefined;
	}
}

type Struct = Y.Item | Y.GC | Y.Skip;

/** The `board` map, or the top-level name 'board' while a struct's parent is still a string. */
function structParent(doc: Y.Doc, struct: Y.Item, local: Map<string, unknown>): unknown {
	let parent: unknown = struct.parent;
	if (typeof parent === 'string') parent = doc.share.get(parent) ?? parent;
	else if (parent instanceof Y.ID) parent = 'nested';
	else if (struct.origin) parent = parentOf(doc, struct.origin, local);
	else if (struct.rightOrigin) parent = parentOf(doc, struct.rightOrigin, local);
	return parent;
}

/**
 * Removes the writes to the lead-only `board` map from a (v1) update: inserted items become
 * GC structs of the same ids and length, and deletions of `board` entries leave the delete
 * set. Everything else is kept as it was. Dropping the whole update instead would leave a gap
 * in the sender's clock, so the server would hold every later update of that client as
 * pending and never apply it. Returns null when the update does not touch `board`.
 */
export function stripBoardWrites(doc: Y.Doc, update: Uint8Array): Uint8Array | null {
	const boardType = doc.getMap('board');
	const isBoard = (parent: unknown) => parent === boardType || parent === 'board';
	const { structs, ds } = Y.decodeUpdate(update);
	const local = new Map<string, unknown>();
	let touched = false;
	const kept: Struct[] = (structs as Struct[]).map((struct) => {
		if (!(struct instanceof Y.Item)) return struct;
		const parent = structParent(doc, struct, local);
		for (let i = 0; i < struct.length; i++)
			local.set(`${struct.id.client}:${struct.id.clock + i}`, parent);
		if (!isBoard(parent)) return struct;
		touched = true;
		return new Y.GC(struct.id, struct.length);
	});

	const deletes = new Map<number, { clock: number; len: number }[]>();
	for (const [client, ranges] of ds.clients) {
		const out: { clock: number; len: number }[] = [];
		for (const range of ranges) {
			const end = range.clock + range.len;
			let clock = range.clock;
			while (clock < end) {
				let item: Y.Item | Y.GC;
				try {
					item = Y.getItem(doc.store, Y.createID(client, clock)) as Y.Item | Y.GC;
				} catch {
					// Not in the doc (yet): keep the rest of the range as sent.
					out.push({ clock, len: end - clock });
					break;
				}
				const next = Math.min(end, item.id.clock + item.length);
				if (item instanceof Y.Item && item.parent === boardType) touched = true;
				else out.push({ clock, len: next - clock });
				clock = next;
			}
		}
		if (out.length) deletes.set(client, out);
	}
	if (!touched) return null;
	return encodeUpdate(kept, deletes);
}

/** Encodes structs (in decodeUpdate's order: runs of consecutive clocks per client) and deletions as a v1 update. */
function encodeUpdate(
	structs: Struct[],
	deletes: Map<number, { clock: number; len: number }[]>,
): Uint8Array {
	const runs: Struct[][] = [];
	for (const struct of structs) {
		const run = runs[runs.length - 1];
		if (run && run[0].id.client === struct.id.client) run.push(struct);
		else runs.push([struct]);
	}
	const encoder = new Y.UpdateEncoderV1();
	encoding.writeVarUint(encoder.restEncoder, runs.length);
	for (const run of runs) {
		encoding.writeVarUint(encoder.restEncoder, run.length);
		encoder.writeClient(run[0].id.client);
		encoding.writeVarUint(encoder.restEncoder, run[0].id.clock);
		for (const struct of run) struct.write(encoder, 0);
	}
	encoding.writeVarUint(encoder.restEncoder, deletes.size);
	for (const [client, ranges] of deletes) {
		encoding.writeVarUint(encoder.restEncoder, client);
		encoding.writeVarUint(encoder.restEncoder, ranges.length);
		for (const range of ranges) {
			encoder.writeDsClock(range.clock);
			encoder.writeDsLen(range.len);
		}
	}
	return encoder.toUint8Array();
}
