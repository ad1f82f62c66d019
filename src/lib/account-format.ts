/** Display helpers shared by the account pages. */

const dateFormat = new Intl.DateTimeFormat('en', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	timeZone: 'UTC',
});

/** "Jan 1, 2026" for a YYYY-MM-DD date (read as a calendar date, not a moment in a time zone). */
export function formatDate(iso: string): string {
	const t = Date.parse(`${iso}T00:00:00Z`);
	return Number.isNaN(t) ? iso : dateFormat.format(t);
}

/** "Jan 1, 2026 – Mar 31, 2026" for a cycle. */
export function formatCycle(start: string, end: string): string {
	return `${formatDate(start)} – ${formatDate(end)}`;
}

export const ROLES = ['lead', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_HELP: Record<Role, string> = {
	lead: 'Edits everything, runs meetings, manages settings and members',
	member: 'Edits key results, blockers and actions',
	viewer: 'Reads the board, cannot change it',
};
