/** Detects updates that write to the lead-only `board` map, so non-leads' writes can be dropped. */
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

/** Whether applying `update` to `doc` would insert into or delete from `doc.getMap('board')`. */
export function writesBoardMap(doc: Y.Doc, update: Uint8Array): boolean {
	const boardType = doc.getMap('board');
	const { structs, ds } = Y.decodeUpdate(update);
	const local = new Map<string, unknown>();
	for (const struct of structs) {
		if (!(struct instanceof Y.Item)) continue;
		let parent: unknown = struct.parent;
		if (typeof parent === 'string') parent = doc.share.get(parent) ?? parent;
		else if (parent instanceof Y.ID) parent = 'nested';
		else if (struct.origin) parent = parentOf(doc, struct.origin, local);
		else if (struct.rightOrigin) parent = parentOf(doc, struct.rightOrigin, local);
		if (parent === boardType || parent === 'board') return true;
		for (let i = 0; i < struct.length; i++)
			local.set(`${struct.id.client}:${struct.id.clock + i}`, parent);
	}
	for (const [client, deletes] of ds.clients) {
		for (const del of deletes) {
			let clock = del.clock;
			while (clock < del.clock + del.len) {
				let item: Y.Item | Y.GC;
				try {
					item = Y.getItem(doc.store, Y.createID(client, clock)) as Y.Item | Y.GC;
				} catch {
					break;
				}
				if (item instanceof Y.Item && item.parent === boardType) return true;
				clock = item.id.clock + item.length;
			}
		}
	}
	return false;
}
