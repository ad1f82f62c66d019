// Summarises a V8 .cpuprofile (node --cpu-prof): top functions by self time, and time by package.
// Usage: node profile-summary.js results/profiles/<file>.cpuprofile [top=25] [name,name…]
// The optional third argument lists function names whose inclusive time (self + callees) to print.
import { readFileSync } from 'node:fs';

const [file, topArg, namesArg] = process.argv.slice(2);
if (!file) {
	console.error('usage: node profile-summary.js <file.cpuprofile> [top]');
	process.exit(1);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
/** @type {Map<number, any>} */
const nodes = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
/** @type {Map<number, number>} */
const self = new Map();
for (let i = 0; i < profile.samples.length; i++) {
	const dt = profile.timeDeltas[i] ?? 0;
	self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
/** @param {string} url */
function pkg(url) {
	if (!url) return '(native/vm)';
	const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (m) return m[1];
	if (url.startsWith('node:')) return url;
	return url.replace(/^file:\/\//, '').replace(/.*\/(build-server|build|server|src)\//, '$1/');
}
/** @type {Map<string, number>} */
const byFn = new Map();
/** @type {Map<string, number>} */
const byPkg = new Map();
for (const [id, t] of self) {
	const n = nodes.get(id);
	const cf = n.callFrame;
	const name = `${cf.functionName || '(anonymous)'} ${pkg(cf.url)}:${cf.lineNumber + 1}`;
	byFn.set(name, (byFn.get(name) ?? 0) + t);
	byPkg.set(pkg(cf.url), (byPkg.get(pkg(cf.url)) ?? 0) + t);
}
const pct = (/** @type {number} */ t) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
console.log(`total sampled: ${(total / 1000).toFixed(0)} ms`);
console.log('\nby package / file (self time):');
for (const [k, t] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 15))
	console.log(`  ${pct(t)}  ${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`);
console.log(`\ntop ${top} functions (self time):`);
for (const [k, t] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top))
	console.log(`  ${pct(t)}  ${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`);

if (namesArg) {
	const names = new Set(namesArg.split(','));
	/** @type {Map<number, number>} */
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	/** @type {Map<string, number>} */
	const inclusive = new Map();
	for (const [id, t] of self) {
		const seen = new Set();
		for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
			const cf = nodes.get(cur).callFrame;
			const name = cf.functionName;
			if (names.has(name) && !seen.has(name)) {
				seen.add(name);
				inclusive.set(name, (inclusive.get(name) ?? 0) + t);
			}
		}
	}
	console.log('\ninclusive time:');
	for (const name of names)
		console.log(
			`  ${pct(inclusive.get(name) ?? 0)}  ${((inclusive.get(name) ?? 0) / 1000).toFixed(1).padStart(8)} ms  ${name}`,
		);
}
