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
 * CPU time (user + system) a process has used so far, in microseconds.
 * @param {number} pid
 */
export function cpuMicros(pid) {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name (which may contain spaces) start at field 3.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const utime = Number(fields[11]);
	const stime = Number(fields[12]);
	return ((utime + stime) * 1e6) / ticksPerSecond;
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
