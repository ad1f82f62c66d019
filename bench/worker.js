// A client worker process: many editors (each its own Y.Doc and websocket), driven over IPC by
// run.js. Runs in its own process so client work never shares a CPU queue with a server.
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { now, openClient } from './lib/clients.js';

/** @typedef {import('./lib/clients.js').Target} Target */
/** @typedef {import('./lib/clients.js').Client} Client */

/**
 * @typedef {object} Editor
 * @property {number} id
 * @property {Client} client
 * @property {Y.Map<any>} krs
 * @property {number} seq
 */

/** @type {Editor[]} */
let editors = [];
/** @type {Client[]} */
let others = [];
let measuring = false;
/** Edits sent before this time (the warm-up) are not measured. */
let measureFrom = Infinity;
let received = 0;
let coalesced = 0;
let sent = 0;
/** Latencies in ms, grown by doubling. */
let lat = new Float64Array(1 << 16);
let latCount = 0;

/** @param {any} msg */
function reply(msg) {
	/** @type {any} */ (process).send(msg);
}

/** @param {number} v */
function record(v) {
	if (latCount === lat.length) {
		const bigger = new Float64Array(lat.length * 2);
		bigger.set(lat);
		lat = bigger;
	}
	lat[latCount++] = v;
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Counts every remote KR edit an editor's doc receives, and its latency from the sender's stamp.
 * @param {Y.Map<any>} krs
 */
function watch(krs) {
	/** @type {Map<string, number>} */
	const lastSeen = new Map();
	krs.observeDeep((events, tr) => {
		if (tr.local) return;
		const t = now();
		for (const ev of events) {
			if (ev.path.length !== 1 || !ev.keysChanged.has('seq')) continue;
			const kr = /** @type {Y.Map<any>} */ (ev.target);
			const seq = kr.get('seq');
			if (!(seq > 0)) continue;
			const key = String(ev.path[0]);
			const last = lastSeen.get(key) ?? 0;
			if (seq <= last) continue;
			lastSeen.set(key, seq);
			if (!measuring || kr.get('sentAt') < measureFrom) continue;
			received++;
			// Edits the server (or client) merged into one message arrive as one change.
			coalesced += seq - last - 1;
			record(t - kr.get('sentAt'));
		}
	});
}

/**
 * @param {{ target: Target, room: string, cookies: string[], ids: number[] }} m
 */
async function connect(m) {
	const batch = 10;
	for (let i = 0; i < m.ids.length; i += batch) {
		const group = m.ids.slice(i, i + batch).map((id) => {
			const client = openClient(m.target, m.room, m.cookies[id % m.cookies.length]);
			const krs = client.doc.getMap('krs');
			watch(krs);
			return { id, client, krs, seq: 0 };
		});
		await Promise.all(group.map((e) => e.client.synced));
		for (const e of group) {
			const kr = new Y.Map();
			e.client.doc.transact(() => {
				e.krs.set(`kr-${e.id}`, kr);
				kr.set('id', `kr-${e.id}`);
				kr.set('objectiveId', 'obj-1');
				kr.set('title', new Y.Text(`Key result ${e.id}`));
				kr.set('ownerId', null);
				kr.set('unit', '%');
				kr.set('direction', 'up');
				kr.set('start', 0);
				kr.set('target', 100);
				kr.set('current', 0);
				kr.set('confidence', 5);
				kr.set('state', 'active');
				kr.set('seq', 0);
				kr.set('sentAt', 0);
			});
		}
		editors.push(...group);
	}
}

/** Resolves once every local doc holds `total` KRs (every editor's entry arrived everywhere). */
async function waitAll(total, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	while (editors.some((e) => e.krs.size < total)) {
		if (Date.now() > deadline) throw new Error('editors did not all see each other in time');
		await sleep(50);
	}
}

/**
 * Each editor edits its KR at `rate` edits/s from `startAt` for `durationMs`, with a random phase.
 * Only edits sent from `measureFrom` on count (as sent, and as deliveries where they arrive).
 * @param {{ startAt: number, measureFrom: number, durationMs: number, rate: number }} m
 */
function run(m) {
	const period = 1000 / m.rate;
	const end = m.startAt + m.durationMs;
	return Promise.all(
		editors.map(
			(e) =>
				new Promise((resolve) => {
					let next = m.startAt + Math.random() * period;
					const kr = /** @type {Y.Map<any>} */ (e.krs.get(`kr-${e.id}`));
					const tick = () => {
						if (next >= end) return resolve(undefined);
						e.seq++;
						const t = now();
						e.client.doc.transact(() => {
							kr.set('current', e.seq % 101);
							kr.set('confidence', 1 + (e.seq % 10));
							kr.set('updatedAt', new Date(t).toISOString());
							kr.set('seq', e.seq);
							kr.set('sentAt', t);
						});
						if (t >= m.measureFrom) sent++;
						next += period;
						setTimeout(tick, Math.max(0, next - now()));
					};
					setTimeout(tick, Math.max(0, next - now()));
				}),
		),
	);
}

/** @param {Y.Doc} doc */
function fingerprint(doc) {
	/** @param {any} v @returns {any} */
	const sorted = (v) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(
					Object.keys(v)
						.sort()
						.map((k) => [k, sorted(v[k])]),
				)
			: v;
	const sv = [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()].sort(
		(a, b) => a[0] - b[0],
	);
	return createHash('sha1')
		.update(JSON.stringify([sorted(doc.getMap('krs').toJSON()), sv]))
		.digest('hex');
}

/**
 * Waits until `doc` holds `clock` items of client `clientId` (all of a writer's updates).
 * @param {Y.Doc} doc @param {number} clientId @param {number} clock
 */
function hasAll(doc, clientId, clock) {
	return new Promise((resolve) => {
		const check = () => {
			if (Y.getState(doc.store, clientId) < clock) return false;
			doc.off('update', check);
			resolve(now());
			return true;
		};
		if (!check()) doc.on('update', check);
	});
}

/**
 * Creates the burst's KRs in `doc` (one transaction) and returns them with the text written to.
 * @param {Y.Doc} doc
 */
function burstSetup(doc) {
	const krs = doc.getMap('krs');
	/** @type {Y.Map<any>[]} */
	const kr = [];
	doc.transact(() => {
		for (let i = 0; i < 20; i++) {
			const map = new Y.Map();
			krs.set(`burst-${i}`, map);
			map.set('id', `burst-${i}`);
			map.set('current', 0);
			map.set('context', new Y.Text());
			kr.push(map);
		}
	});
	return { kr, text: /** @type {Y.Text} */ (kr[0].get('context')) };
}

/**
 * The burst: `count` updates, each its own transaction and so its own websocket message —
 * alternately a KR's current value and one character typed into a KR's context.
 * @param {Y.Doc} doc @param {Y.Map<any>[]} kr @param {Y.Text} text @param {number} count
 */
function burst(doc, kr, text, count) {
	for (let i = 0; i < count; i++) {
		if (i % 2 === 0) doc.transact(() => kr[(i >> 1) % kr.length].set('current', i));
		else doc.transact(() => text.insert(text.length, 'x'));
	}
}

/** The state of a document like the burst's, built locally. @param {number} count */
function burstState(count) {
	const doc = new Y.Doc();
	const { kr, text } = burstSetup(doc);
	burst(doc, kr, text, count);
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return state;
}

/** @type {{ client: Client, kr: Y.Map<any>[], text: Y.Text } | null} */
let writer = null;

/** @param {any} m */
async function handle(m) {
	switch (m.cmd) {
		case 'connect':
			await connect(m);
			return { ok: true };
		case 'wait-all':
			await waitAll(m.total);
			return { ok: true };
		case 'run':
			measuring = true;
			measureFrom = m.measureFrom;
			await run(m);
			return { sent };
		case 'progress':
			return { received, coalesced, sent };
		case 'report': {
			measuring = false;
			const out = {
				received,
				coalesced,
				sent,
				latencies: lat.slice(0, latCount),
				fingerprints: editors.map((e) => fingerprint(e.client.doc)),
			};
			return out;
		}
		// Journal throughput and cold load: one writer, one observer, fresh loaders.
		case 'writer-prepare': {
			const client = openClient(m.target, m.room, m.cookie);
			await client.synced;
			const doc = client.doc;
			writer = { client, ...burstSetup(doc) };
			return { clientId: doc.clientID, clock: Y.getState(doc.store, doc.clientID) };
		}
		case 'writer-burst': {
			if (!writer) throw new Error('no writer');
			const { client, kr, text } = writer;
			const t0 = now();
			burst(client.doc, kr, text, m.count);
			return { t0, t1: now(), clock: Y.getState(client.doc.store, client.doc.clientID) };
		}
		case 'observer-open': {
			const client = openClient(m.target, m.room, m.cookie);
			await client.synced;
			others.push(client);
			return { ok: true };
		}
		case 'observer-wait': {
			const doc = others[others.length - 1].doc;
			return { tEnd: await hasAll(doc, m.clientId, m.clock) };
		}
		case 'warm': {
			// Warm this process's JIT on the same kind of document, so a cold load times the server.
			const state = burstState(m.count);
			for (let i = 0; i < 5; i++) {
				const doc = new Y.Doc();
				Y.applyUpdate(doc, state);
				Y.encodeStateAsUpdate(doc);
				doc.destroy();
			}
			// And the websocket path, on another board.
			const client = openClient(m.target, m.room, m.cookie);
			await client.synced;
			client.destroy();
			return { ok: true };
		}
		case 'cold-load': {
			const t0 = now();
			const client = openClient(m.target, m.room, m.cookie);
			const timeout = sleep(m.timeoutMs ?? 60_000).then(() => NaN);
			const tEnd = await Promise.race([hasAll(client.doc, m.clientId, m.clock), timeout]);
			if (Number.isNaN(tEnd)) {
				const has = Y.getState(client.doc.store, m.clientId);
				client.destroy();
				throw new Error(`cold load incomplete after timeout: ${has} of ${m.clock} items`);
			}
			const textLength = client.doc.getMap('krs').get('burst-0')?.get('context')?.length ?? -1;
			const tOpen = await client.opened;
			client.destroy();
			return { ms: tEnd - t0, openMs: tOpen - t0, textLength };
		}
		case 'close':
			for (const e of editors) e.client.destroy();
			for (const c of others) c.destroy();
			writer?.client.destroy();
			editors = [];
			others = [];
			writer = null;
			return { ok: true };
		default:
			throw new Error(`unknown command ${m.cmd}`);
	}
}

process.on('message', (/** @type {any} */ m) => {
	handle(m).then(
		(result) => reply({ id: m.id, result }),
		(err) => reply({ id: m.id, error: String(err?.stack ?? err) }),
	);
});
process.on('disconnect', () => process.exit(0));
// y-websocket adds an exit listener per provider; a worker runs many.
process.setMaxListeners(0);
