// Process accounting from /proc (Linux): CPU time and peak resident memory of a server.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond = 100;
try {
	ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
} catch {
	// 100 is the Linux default.
}

/**
 * CPU time a process has used so far, in microseconds: in user space, and in the kernel (system
 * calls, and for loopback sockets the TCP work of delivering what it writes).
 * @param {number} pid
 */
export function cpuSplitMicros(pid) {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name (which may contain spaces) start at field 3.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const toMicros = (/** @type {string} */ ticks) => (Number(ticks) * 1e6) / ticksPerSecond;
	return { user: toMicros(fields[11]), system: toMicros(fields[12]) };
}

/**
 * CPU time (user + system) a process has used so far, in microseconds.
 * @param {number} pid
 */
export function cpuMicros(pid) {
	const { user, system } = cpuSplitMicros(pid);
	return user + system;
}

/**
 * Peak resident set size (VmHWM) of a process, in MiB.
 * @param {number} pid
 */
export function peakRssMiB(pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const m = /VmHWM:\s+(\d+) kB/.exec(status);
	return m ? Number(m[1]) / 1024 : NaN;
}

/** Current RSS (VmRSS) in MiB. @param {number} pid */
export function rssMiB(pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const m = /VmRSS:\s+(\d+) kB/.exec(status);
	return m ? Number(m[1]) / 1024 : NaN;
}
