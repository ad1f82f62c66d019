// Pulse sync benchmark: Pulse vs the y-websocket reference server vs Hocuspocus, side by side.
// Usage: npm run bench [-- --quick] [-- --editors=10,50 --duration=10 --updates=20000 ...]
// See ../BENCHMARKS.md for what is measured and how to read it.
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { now } from './lib/clients.js';
import { cpuMicros, cpuSplitMicros, peakRssMiB } from './lib/proc.js';
import { setUpBoard } from './lib/pulse.js';
import { startServer } from './lib/servers.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
/** @typedef {import('./lib/clients.js').Kind} Kind */

// ---------------------------------------------------------------- options

/** @param {string} name */
function flag(name) {
	const prefix = `--${name}=`;
	const arg = process.argv.find((a) => a === `--${name}` || a.startsWith(prefix));
	if (arg === undefined) return undefined;
	return arg === `--${name}` ? 'true' : arg.slice(prefix.length);
}
/** @param {string} name @param {string} envName */
const opt = (name, envName) => flag(name) ?? process.env[envName];

const quick = ['1', 'true'].includes(opt('quick', 'BENCH_QUICK') ?? '');
const options = {
	quick,
	editors: (opt('editors', 'BENCH_EDITORS') ?? (quick ? '10,50' : '10,50,200'))
		.split(',')
		.map(Number),
	durationS: Number(opt('duration', 'BENCH_DURATION') ?? (quick ? 5 : 15)),
	/** Editing before the measured window (JIT warm-up in servers and clients), not measured. */
	warmupS: Number(opt('warmup', 'BENCH_WARMUP') ?? 2),
	/** Runs per editor count and server; servers take turns, in a rotated order each round. */
	rounds: Number(opt('rounds', 'BENCH_ROUNDS') ?? (quick ? 1 : 3)),
	rate: Number(opt('rate', 'BENCH_RATE') ?? 2),
	updates: Number(opt('updates', 'BENCH_UPDATES') ?? 20_000),
	coldRuns: Number(opt('cold-runs', 'BENCH_COLD_RUNS') ?? (quick ? 3 : 7)),
	/** @type {Kind[]} */
	servers: /** @type {Kind[]} */ (
		(opt('servers', 'BENCH_SERVERS') ?? 'pulse,reference,hocuspocus').split(',')
	),
	/** Scenarios to run: edit (a), journal + cold load (b, c). */
	scenarios: (opt('scenarios', 'BENCH_SCENARIOS') ?? 'edit,journal').split(','),
	/** Distinct Pulse users per board (editors share them round-robin). */
	users: Number(opt('users', 'BENCH_USERS') ?? 20),
	workers: opt('workers', 'BENCH_WORKERS'),
	/** Profile the Pulse server (node --cpu-prof); profiles go to results/profiles/. */
	cpuProf: ['1', 'true'].includes(opt('cpu-prof', 'BENCH_CPU_PROF') ?? ''),
};

// ---------------------------------------------------------------- helpers

const debug = process.env.BENCH_DEBUG
	? (/** @type {string} */ s) => console.error(`[${new Date().toISOString()}] ${s}`)
	: () => {};
/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** A sleep that does not keep the process alive (for races against a result). @param {number} ms */
const deadline = (ms) => new Promise((r) => setTimeout(r, ms).unref());

/** Worker processes still running, killed if the harness exits early. */
const workers = new Set();
process.once('exit', () => {
	for (const child of workers) child.kill('SIGKILL');
});

/**
 * Resolves once the process used under 10 ms of CPU in 500 ms (it finished its background work,
 * e.g. y-leveldb writing updates after relay), or after `maxMs`.
 * @param {number} pid @param {number} [maxMs]
 */
async function quiescent(pid, maxMs = 60_000) {
	const deadline = Date.now() + maxMs;
	let before = cpuMicros(pid);
	while (Date.now() < deadline) {
		await sleep(500);
		const after = cpuMicros(pid);
		if (after - before < 10_000) return;
		before = after;
	}
}

/** A client worker process driven over IPC. */
class Worker {
	#next = 0;
	/** @type {Map<number, { resolve: (v: any) => void, reject: (e: Error) => void }>} */
	#pending = new Map();
	closed = false;
	constructor() {
		this.child = fork(join(benchDir, 'worker.js'), [], {
			serialization: 'advanced',
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		this.child.on('message', (/** @type {any} */ m) => {
			const p = this.#pending.get(m.id);
			if (!p) return;
			this.#pending.delete(m.id);
			if (m.error) p.reject(new Error(m.error));
			else p.resolve(m.result);
		});
		workers.add(this.child);
		this.child.on('error', () => {});
		this.child.on('exit', (code) => {
			workers.delete(this.child);
			for (const p of this.#pending.values()) p.reject(new Error(`worker exited (${code})`));
			this.#pending.clear();
		});
	}
	/** @param {string} cmd @param {Record<string, any>} [args] @returns {Promise<any>} */
	call(cmd, args = {}) {
		const id = this.#next++;
		return new Promise((resolve, reject) => {
			if (!this.child.connected) return reject(new Error('worker is gone'));
			this.#pending.set(id, { resolve, reject });
			this.child.send({ id, cmd, ...args });
		});
	}
	async close() {
		if (this.closed) return;
		this.closed = true;
		try {
			await this.call('close');
		} catch {
			// already gone
		}
		if (this.child.connected) this.child.disconnect();
		await new Promise((r) =>
			this.child.exitCode !== null ? r(undefined) : this.child.once('exit', r),
		);
	}
}

/** @param {number[]} sorted @param {number} p */
function percentile(sorted, p) {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** @param {number[]} xs */
function median(xs) {
	const s = [...xs].sort((a, b) => a - b);
	return s.length
		? s.length % 2
			? s[(s.length - 1) / 2]
			: (s[s.length / 2 - 1] + s[s.length / 2]) / 2
		: NaN;
}

/**
 * One server's rounds at one editor count: the median of each figure, deliveries and loss over
 * all rounds, and whether every round converged.
 * @param {any[]} rounds
 */
function summarise(rounds) {
	const med = (/** @type {(r: any) => number} */ get) => median(rounds.map(get));
	const sum = (/** @type {(r: any) => number} */ get) => rounds.reduce((a, r) => a + get(r), 0);
	return {
		...rounds[0],
		rounds: rounds.length,
		edits: sum((r) => r.edits),
		expectedDeliveries: sum((r) => r.expectedDeliveries),
		deliveries: sum((r) => r.deliveries),
		coalesced: sum((r) => r.coalesced),
		lost: sum((r) => r.lost),
		lossPct: Math.max(...rounds.map((r) => r.lossPct)),
		converged: rounds.every((r) => r.converged),
		latencyMs: {
			p50: med((r) => r.latencyMs.p50),
			p95: med((r) => r.latencyMs.p95),
			p99: med((r) => r.latencyMs.p99),
			max: Math.max(...rounds.map((r) => r.latencyMs.max)),
		},
		p99ByRound: rounds.map((r) => r.latencyMs.p99),
		serverCpuMs: med((r) => r.serverCpuMs),
		systemCpuShare: med((r) => r.systemCpuShare),
		cpuMicrosPerDelivery: med((r) => r.cpuMicrosPerDelivery),
		cpuByRound: rounds.map((r) => r.cpuMicrosPerDelivery),
		peakRssMiB: Math.max(...rounds.map((r) => r.peakRssMiB)),
	};
}

/** @param {string} kind */
function tempDir(kind) {
	return mkdtempSync(join(os.tmpdir(), `pulse-bench-${kind}-`));
}

/** @param {Kind} kind */
function nodeArgs(kind, tag) {
	if (!options.cpuProf || kind !== 'pulse') return [];
	const dir = join(benchDir, 'results', 'profiles');
	mkdirSync(dir, { recursive: true });
	return [
		'--cpu-prof',
		`--cpu-prof-dir=${dir}`,
		`--cpu-prof-name=pulse-${tag}-${Date.now()}.cpuprofile`,
	];
}

/**
 * Board/room and the cookies clients use.
 * @param {import('./lib/servers.js').RunningServer} server
 * @param {number} users
 * @param {string} tag
 */
async function boardFor(server, users, tag) {
	if (server.kind !== 'pulse') return { room: `bench-${tag}`, cookies: [''] };
	const { boardId, cookies } = await setUpBoard(server.httpUrl, users, tag);
	return { room: boardId, cookies };
}

// ---------------------------------------------------------------- scenario (a): editors

/** @param {Kind} kind @param {number} n */
async function editScenario(kind, n) {
	const dir = tempDir(kind);
	const server = await startServer(kind, { dir, nodeArgs: nodeArgs(kind, `edit${n}`) });
	const workerCount = options.workers ? Number(options.workers) : n <= 10 ? 1 : 2;
	const workers = Array.from({ length: workerCount }, () => new Worker());
	try {
		const { room, cookies } = await boardFor(server, Math.min(n, options.users), `edit${n}`);
		const target = { kind, wsUrl: server.wsUrl };
		const ids = workers.map((_, w) =>
			Array.from({ length: n }, (_, i) => i).filter((i) => i % workerCount === w),
		);
		await Promise.all(
			workers.map((w, i) => w.call('connect', { target, room, cookies, ids: ids[i] })),
		);
		await Promise.all(workers.map((w) => w.call('wait-all', { total: n })));
		await sleep(1000);

		const warmupMs = options.warmupS * 1000;
		const durationMs = warmupMs + options.durationS * 1000;
		const startAt = now() + 300;
		const measureFrom = startAt + warmupMs;
		const running = Promise.all(
			workers.map((w) => w.call('run', { startAt, measureFrom, durationMs, rate: options.rate })),
		);
		await sleep(measureFrom - now());
		const cpu0 = cpuSplitMicros(server.pid);
		const sentBy = await running;
		const sent = sentBy.reduce((a, r) => a + r.sent, 0);
		const expected = sent * (n - 1);
		// Drain: wait until every delivery arrived, or nothing moved for 3 s (30 s at most).
		let last = -1;
		let lastChange = Date.now();
		const drainDeadline = Date.now() + 30_000;
		for (;;) {
			const progress = await Promise.all(workers.map((w) => w.call('progress')));
			const got = progress.reduce((a, p) => a + p.received + p.coalesced, 0);
			if (got >= expected) break;
			if (got !== last) {
				last = got;
				lastChange = Date.now();
			} else if (Date.now() - lastChange > 3000) break;
			if (Date.now() > drainDeadline) break;
			await sleep(100);
		}
		const cpu1 = cpuSplitMicros(server.pid);
		const userCpu = cpu1.user - cpu0.user;
		const systemCpu = cpu1.system - cpu0.system;
		const cpu = userCpu + systemCpu;
		const reports = await Promise.all(workers.map((w) => w.call('report')));
		const received = reports.reduce((a, r) => a + r.received, 0);
		const coalesced = reports.reduce((a, r) => a + r.coalesced, 0);
		const all = new Float64Array(reports.reduce((a, r) => a + r.latencies.length, 0));
		let o = 0;
		for (const r of reports) {
			all.set(r.latencies, o);
			o += r.latencies.length;
		}
		all.sort();
		const lat = Array.from(all);
		const prints = new Set(reports.flatMap((r) => r.fingerprints));
		const deliveries = received + coalesced;
		return {
			server: kind,
			editors: n,
			durationS: options.durationS,
			edits: sent,
			expectedDeliveries: expected,
			deliveries,
			coalesced,
			lost: expected - deliveries,
			lossPct: expected ? (100 * (expected - deliveries)) / expected : 0,
			converged: prints.size === 1,
			latencyMs: {
				p50: percentile(lat, 50),
				p95: percentile(lat, 95),
				p99: percentile(lat, 99),
				max: lat[lat.length - 1],
			},
			serverCpuMs: cpu / 1000,
			/** Share of the server's CPU spent in the kernel. */
			systemCpuShare: cpu ? systemCpu / cpu : NaN,
			cpuMicrosPerDelivery: deliveries ? cpu / deliveries : NaN,
			peakRssMiB: peakRssMiB(server.pid),
		};
	} finally {
		await Promise.all(workers.map((w) => w.close()));
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------- scenarios (b) and (c)

/**
 * (c) journal throughput: one client sends `updates` updates back-to-back; a second client that
 * connected before waits for all of them (for Pulse, which journals before relay, that moment is
 * after the last journal commit); for Pulse the harness also polls the journal's max(seq).
 * (b) cold load: the server is restarted, then fresh clients time connect → all content.
 * @param {Kind} kind
 */
async function journalScenario(kind) {
	const dir = tempDir(kind);
	const count = options.updates;
	let server = await startServer(kind, { dir, nodeArgs: nodeArgs(kind, 'journal') });
	const writerW = new Worker();
	const observerW = new Worker();
	let loaderW = null;
	try {
		const { room, cookies } = await boardFor(server, 2, 'journal');
		const warm = await boardFor(server, 1, 'warm');
		const target = { kind, wsUrl: server.wsUrl };
		await observerW.call('observer-open', { target, room, cookie: cookies[1 % cookies.length] });
		const { clientId, clock } = await writerW.call('writer-prepare', {
			target,
			room,
			cookie: cookies[0],
		});
		await sleep(500);
		const finalClock = clock + count;
		const observed = observerW.call('observer-wait', { clientId, clock: finalClock });

		/** @type {Promise<number> | null} */
		let journaled = null;
		let stopPoll = false;
		if (kind === 'pulse') {
			const db = new Database(server.dbPath, { readonly: true, fileMustExist: true });
			const maxSeq = db
				.prepare('SELECT coalesce(max(seq), 0) FROM doc_update WHERE board_id = ?')
				.pluck();
			const base = /** @type {number} */ (maxSeq.get(room));
			journaled = (async () => {
				try {
					while (!stopPoll) {
						if (/** @type {number} */ (maxSeq.get(room)) >= base + count) return now();
						await sleep(1);
					}
					return NaN;
				} finally {
					db.close();
				}
			})();
		}
		debug('burst');
		const cpu0 = cpuMicros(server.pid);
		const burst = await writerW.call('writer-burst', { count });
		if (burst.clock !== finalClock) throw new Error(`writer clock ${burst.clock} != ${finalClock}`);
		const { tEnd } = await Promise.race([
			observed,
			deadline(120_000).then(() => {
				throw new Error('observer did not receive all updates in 120 s');
			}),
		]);
		const tDb = journaled ? await Promise.race([journaled, deadline(30_000).then(() => NaN)]) : NaN;
		stopPoll = true;
		const cpuMs = (cpuMicros(server.pid) - cpu0) / 1000;
		const journal = {
			updates: count,
			sendMs: burst.t1 - burst.t0,
			allRelayedMs: tEnd - burst.t0,
			journaledMs: tDb - burst.t0,
			serverCpuMs: cpuMs,
		};

		// Let the peers persist (y-leveldb writes after relay; Hocuspocus stores on disconnect).
		await writerW.close();
		await observerW.close();
		debug('clients closed');
		await quiescent(server.pid);
		debug('server quiescent');
		await server.stop();
		debug('server stopped');
		server = await startServer(kind, { dir, nodeArgs: nodeArgs(kind, 'cold') });
		const target2 = { kind, wsUrl: server.wsUrl };
		debug('server restarted');
		loaderW = new Worker();
		// Warm the websocket path on another board, so the first run times the doc load itself.
		await loaderW.call('warm', {
			target: target2,
			room: warm.room,
			cookie: warm.cookies[0],
			count,
		});
		/** @type {number[]} */
		const runs = [];
		/** @type {number[]} */
		const opens = [];
		for (let i = 0; i < options.coldRuns; i++) {
			const r = await loaderW.call('cold-load', {
				target: target2,
				room,
				cookie: cookies[0],
				clientId,
				clock: finalClock,
			});
			if (r.textLength !== count / 2) throw new Error(`cold load: text length ${r.textLength}`);
			runs.push(r.ms);
			opens.push(r.openMs);
			// The last client left: every server unloads the doc; the next run loads it again.
			await sleep(750);
		}
		debug('cold loads done');
		return {
			server: kind,
			journal,
			coldLoad: { firstMs: runs[0], medianMs: median(runs), runsMs: runs, wsOpenMs: opens },
			peakRssMiB: peakRssMiB(server.pid),
		};
	} finally {
		await writerW.close();
		await observerW.close();
		await loaderW?.close();
		debug('workers closed');
		await server.stop();
		debug('server stopped');
		rmSync(dir, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------- report

function machine() {
	const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
	return {
		nproc: os.availableParallelism(),
		cpu: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? 'unknown',
		memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
		node: process.version,
		platform: `${os.type()} ${os.release()}`,
		loadavg: os.loadavg().map((x) => +x.toFixed(2)),
	};
}

/** @param {number} x @param {number} [d] */
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
/** @param {number} a @param {number} b */
const ratio = (a, b) =>
	Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—';

/** @param {any} results */
function table(results) {
	const kinds = options.servers;
	const cols = ['metric', ...kinds];
	const has = (/** @type {string} */ k) => kinds.includes(/** @type {Kind} */ (k));
	if (has('pulse') && has('reference')) cols.push('Pulse/ref');
	if (has('pulse') && has('hocuspocus')) cols.push('Pulse/Hocus');
	/** @type {string[][]} */
	const rows = [];
	/** @param {string} name @param {(k: Kind) => number | string} get @param {number} [d] */
	const row = (name, get, d = 1) => {
		const vals = kinds.map(get);
		const r = [name, ...vals.map((v) => (typeof v === 'number' ? fmt(v, d) : v))];
		const p = get('pulse');
		if (cols.includes('Pulse/ref'))
			r.push(typeof p === 'number' ? ratio(p, /** @type {number} */ (get('reference'))) : '');
		if (cols.includes('Pulse/Hocus'))
			r.push(typeof p === 'number' ? ratio(p, /** @type {number} */ (get('hocuspocus'))) : '');
		rows.push(r);
	};
	for (const n of options.editors) {
		const e = (/** @type {Kind} */ k) =>
			results.edit.find((/** @type {any} */ r) => r.server === k && r.editors === n);
		if (!results.edit.some((/** @type {any} */ r) => r.editors === n)) continue;
		row(`${n} editors: p50 latency (ms)`, (k) => e(k)?.latencyMs.p50 ?? NaN, 2);
		row(`${n} editors: p95 latency (ms)`, (k) => e(k)?.latencyMs.p95 ?? NaN, 2);
		row(`${n} editors: p99 latency (ms)`, (k) => e(k)?.latencyMs.p99 ?? NaN, 2);
		if (options.rounds > 1)
			row(`${n} editors: p99 in each round (ms)`, (k) =>
				e(k)
					? e(k)
							.p99ByRound.map((/** @type {number} */ x) => fmt(x, 1))
							.join(' / ')
					: '—',
			);
		row(`${n} editors: deliveries${options.rounds > 1 ? ' (all rounds)' : ''}`, (k) =>
			String(e(k)?.deliveries ?? '—'),
		);
		row(`${n} editors: loss (%)`, (k) => (e(k) ? fmt(e(k).lossPct, 3) : '—'));
		row(`${n} editors: converged`, (k) => (e(k) ? (e(k).converged ? 'yes' : 'NO') : '—'));
		row(`${n} editors: server CPU µs/delivery`, (k) => e(k)?.cpuMicrosPerDelivery ?? NaN, 2);
		if (options.rounds > 1)
			row(`${n} editors: CPU µs/delivery in each round`, (k) =>
				e(k)
					? e(k)
							.cpuByRound.map((/** @type {number} */ x) => fmt(x, 1))
							.join(' / ')
					: '—',
			);
		row(`${n} editors: server peak RSS (MiB)`, (k) => e(k)?.peakRssMiB ?? NaN, 0);
	}
	if (results.journal.length) {
		const j = (/** @type {Kind} */ k) =>
			results.journal.find((/** @type {any} */ r) => r.server === k);
		const u = options.updates;
		row(`${u} updates: client send time (ms)`, (k) => j(k)?.journal.sendMs ?? NaN, 0);
		row(
			`${u} updates: all relayed to 2nd client (ms)`,
			(k) => j(k)?.journal.allRelayedMs ?? NaN,
			0,
		);
		row(
			`${u} updates: all rows in journal (ms)`,
			(k) => (k === 'pulse' ? (j(k)?.journal.journaledMs ?? NaN) : 'n/a'),
			0,
		);
		row(`${u} updates: server CPU (ms)`, (k) => j(k)?.journal.serverCpuMs ?? NaN, 0);
		row(`cold load ${u}: first after restart (ms)`, (k) => j(k)?.coldLoad.firstMs ?? NaN, 1);
		row(
			`cold load ${u}: median of ${options.coldRuns} (ms)`,
			(k) => j(k)?.coldLoad.medianMs ?? NaN,
			1,
		);
	}
	const widths = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => String(r[i]).length)));
	const line = (/** @type {string[]} */ r) =>
		`| ${r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`;
	return [
		line(cols),
		`|${widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|')}|`,
		...rows.map(line),
	].join('\n');
}

// ---------------------------------------------------------------- main

const started = new Date();
const results = {
	machine: machine(),
	options,
	started: started.toISOString(),
	edit: /** @type {any[]} */ ([]),
	journal: /** @type {any[]} */ ([]),
};
/** Every edit-scenario run; `results.edit` holds one summary per server and editor count. */
const runs = /** @type {any[]} */ ([]);
console.log(`pulse bench: ${JSON.stringify(options)}`);
console.log(`machine: ${JSON.stringify(results.machine)}`);

if (options.scenarios.includes('edit')) {
	for (const n of options.editors) {
		for (let round = 0; round < options.rounds; round++) {
			// Rotated each round, so no server always runs first (or right after another).
			const order = options.servers.map(
				(_, i) => options.servers[(i + round) % options.servers.length],
			);
			for (const kind of order) {
				const label = options.rounds > 1 ? ` (round ${round + 1}/${options.rounds})` : '';
				process.stdout.write(
					`  ${n} editors × ${options.rate}/s × ${options.durationS} s on ${kind}${label} … `,
				);
				const r = await editScenario(kind, n);
				runs.push(r);
				console.log(
					`p50 ${fmt(r.latencyMs.p50, 2)} p99 ${fmt(r.latencyMs.p99, 2)} ms, loss ${r.lost}, cpu ${fmt(r.cpuMicrosPerDelivery, 2)} µs/delivery (${fmt(100 * r.systemCpuShare, 0)} % in the kernel), converged ${r.converged}`,
				);
			}
		}
		for (const kind of options.servers)
			results.edit.push(summarise(runs.filter((r) => r.server === kind && r.editors === n)));
	}
}
if (options.scenarios.includes('journal')) {
	for (const kind of options.servers) {
		process.stdout.write(`  ${options.updates} back-to-back updates + cold load on ${kind} … `);
		const r = await journalScenario(kind);
		results.journal.push(r);
		console.log(
			`relayed ${fmt(r.journal.allRelayedMs, 0)} ms, journaled ${fmt(r.journal.journaledMs, 0)} ms, cold load ${r.coldLoad.runsMs.map((/** @type {number} */ x) => fmt(x, 1)).join(' / ')} ms (websocket open after ${r.coldLoad.wsOpenMs.map((/** @type {number} */ x) => fmt(x, 1)).join(' / ')} ms)`,
		);
	}
}
results.machine.loadavg = machine().loadavg;
const finished = new Date();
const out = { ...results, editRuns: runs, finished: finished.toISOString(), table: table(results) };
mkdirSync(join(benchDir, 'results'), { recursive: true });
const file = join(benchDir, 'results', `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(out, null, 2));
if (options.rounds > 1 && results.edit.length)
	console.log(
		`\nEditor rows: the median of ${options.rounds} rounds (deliveries summed, worst loss and RSS), ${options.warmupS} s warm-up + ${options.durationS} s measured each.`,
	);
console.log('\n' + out.table);
console.log(`\nload average at the end: ${results.machine.loadavg.join(' ')}; results: ${file}`);
