/** Pure check-in arithmetic: bands, progress, team health. */
import type { Band, Bands, KeyResult, Blocker, Action } from './schema.ts';

/** The band of a confidence score: ≥ green is green, ≥ yellow is yellow, below is red. */
export function band(confidence: number | null, bands: Bands): Band | null {
	if (confidence === null) return null;
	if (confidence >= bands.green) return 'green';
	if (confidence >= bands.yellow) return 'yellow';
	return 'red';
}

export const BAND_LABEL: Record<Band, string> = {
	green: 'On track',
	yellow: 'At risk',
	red: 'Off track',
};

/** Progress 0–100 % of `current` between `start` and `target`, for either direction. */
export function progress(
	kr: Pick<KeyResult, 'start' | 'target' | 'current' | 'direction'>,
): number | null {
	const { start, target, current } = kr;
	if (start === null || target === null || current === null) return null;
	if (start === target) {
		const reached = kr.direction === 'down' ? current <= target : current >= target;
		return reached ? 100 : 0;
	}
	const ratio = (current - start) / (target - start);
	return Math.round(Math.min(1, Math.max(0, ratio)) * 1000) / 10;
}

/** A KR counts toward confidence averages when it is active and scored. */
export function isScored(kr: KeyResult): boolean {
	return kr.state === 'active' && kr.confidence !== null;
}

export interface Health {
	counts: Record<Band, number>;
	scored: number;
	average: number | null;
	/** % on track − % off track, over scored active KRs. */
	net: number | null;
	ready: number;
	total: number;
	openBlockers: number;
	overdueActions: number;
}

/** Whether a KR was updated since the last check-in. */
export function isReady(kr: KeyResult, lastCheckin: Date | null): boolean {
	if (kr.state !== 'active') return true;
	if (!kr.updatedAt) return false;
	if (!lastCheckin) return true;
	return new Date(kr.updatedAt).getTime() >= lastCheckin.getTime();
}

/** Team health over the board's KRs, blockers and actions. */
export function health(
	krs: KeyResult[],
	blockers: Blocker[],
	actions: Action[],
	bands: Bands,
	lastCheckin: Date | null,
	today: string,
): Health {
	const counts: Record<Band, number> = { green: 0, yellow: 0, red: 0 };
	let sum = 0;
	let scored = 0;
	for (const kr of krs) {
		if (!isScored(kr)) continue;
		scored++;
		sum += kr.confidence!;
		counts[band(kr.confidence, bands)!]++;
	}
	const live = krs.filter((kr) => kr.state !== 'dropped');
	const krIds = new Set(krs.map((kr) => kr.id));
	return {
		counts,
		scored,
		average: scored ? Math.round((sum / scored) * 10) / 10 : null,
		net: scored ? Math.round(((counts.green - counts.red) / scored) * 100) : null,
		ready: live.filter((kr) => isReady(kr, lastCheckin)).length,
		total: live.length,
		openBlockers: blockers.filter((b) => b.status === 'open' && krIds.has(b.krId)).length,
		overdueActions: actions.filter(
			(a) => a.status === 'open' && krIds.has(a.krId) && a.dueDate !== null && a.dueDate < today,
		).length,
	};
}

/**
 * The most recent scheduled check-in at or before `now` for a weekly cadence
 * (weekday 0 = Sunday … 6, time "HH:MM", in UTC offset of the given zone).
 */
export function lastCheckinAt(now: Date, weekday: number, time: string, timeZone = 'UTC'): Date {
	const [h, m] = time.split(':').map(Number);
	const offset = zoneOffsetMinutes(now, timeZone);
	const local = new Date(now.getTime() + offset * 60_000);
	const candidate = new Date(
		Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), h || 0, m || 0),
	);
	const back = (local.getUTCDay() - weekday + 7) % 7;
	candidate.setUTCDate(candidate.getUTCDate() - back);
	if (candidate.getTime() > local.getTime()) candidate.setUTCDate(candidate.getUTCDate() - 7);
	return new Date(candidate.getTime() - offset * 60_000);
}

/** The next scheduled check-in strictly after `now`. */
export function nextCheckinAt(now: Date, weekday: number, time: string, timeZone = 'UTC'): Date {
	const last = lastCheckinAt(now, weekday, time, timeZone);
	return new Date(last.getTime() + 7 * 24 * 60 * 60 * 1000);
}

function zoneOffsetMinutes(at: Date, timeZone: string): number {
	try {
		const parts = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
		}).formatToParts(at);
		const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
		const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
		return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
	} catch {
		return 0;
	}
}
