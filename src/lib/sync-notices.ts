/**
 * Notices the sync server sends a connection inside y-websocket's auth message (permission
 * denied, with a reason string). A plain y-websocket client logs them as a warning and goes
 * on; Pulse's page reads them (its own handler for message type 2) and changes at once.
 */
import { ROLES, type Role } from './account-format.ts';

export type SyncNotice =
	/** The connection's role changed while it stayed connected (e.g. demoted to viewer). */
	| { kind: 'role'; role: Role }
	/** The server dropped this connection's update(s): the client holds edits nobody else has. */
	| { kind: 'refused'; why: 'read-only' };

const PREFIX = 'pulse:';

/** The reason string carried by the auth message. */
export function encodeNotice(notice: SyncNotice): string {
	return notice.kind === 'role' ? `${PREFIX}role:${notice.role}` : `${PREFIX}refused:${notice.why}`;
}

/** Reads a reason string back; null for anything Pulse did not send. */
export function parseNotice(reason: string): SyncNotice | null {
	if (!reason.startsWith(PREFIX)) return null;
	const [kind, value] = reason.slice(PREFIX.length).split(':');
	if (kind === 'role' && (ROLES as readonly string[]).includes(value))
		return { kind: 'role', role: value as Role };
	if (kind === 'refused' && value === 'read-only') return { kind: 'refused', why: 'read-only' };
	return null;
}
