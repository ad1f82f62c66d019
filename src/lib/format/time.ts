/** Short human times for the board ("3 h ago", "Fri 14 Nov"). */
const UNITS: [number, Intl.RelativeTimeFormatUnit][] = [
	[60, 'second'],
	[60, 'minute'],
	[24, 'hour'],
	[7, 'day'],
	[4.35, 'week'],
	[12, 'month'],
	[Infinity, 'year'],
];
const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "5 minutes ago", relative to now. */
export function relativeTime(iso: string, now = Date.now()): string {
	let delta = (new Date(iso).getTime() - now) / 1000;
	if (!Number.isFinite(delta)) return '';
	for (const [size, unit] of UNITS) {
		if (Math.abs(delta) < size) return rtf.format(Math.round(delta), unit);
		delta /= size;
	}
	return '';
}

/** A YYYY-MM-DD date as "14 Nov" (the year only when it is not this year's). */
export function shortDate(day: string | null): string {
	if (!day) return '';
	const d = new Date(`${day}T00:00:00Z`);
	if (Number.isNaN(d.getTime())) return day;
	const sameYear = d.getUTCFullYear() === new Date().getUTCFullYear();
	return d.toLocaleDateString('en-GB', {
		day: 'numeric',
		month: 'short',
		...(sameYear ? {} : { year: 'numeric' }),
		timeZone: 'UTC',
	});
}
