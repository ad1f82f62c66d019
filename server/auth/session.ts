import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { session, user, type Session, type User } from '../db/schema.ts';

export const SESSION_COOKIE = 'pulse_session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_TTL_MS = 30 * DAY;

export type PublicUser = Pick<User, 'id' | 'email' | 'name' | 'color'>;
/** `fresh` is true when this call slid the expiry: send the cookie again so the browser's slides too. */
export type SessionValidation = { session: Session; user: PublicUser; fresh: boolean } | null;

/** A fresh random session token (only its hash is ever stored). */
export function generateSessionToken(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

/** The stored session id for a token. */
export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function createSession(db: Db, token: string, userId: string, now = Date.now()): Session {
	const row: Session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: now + SESSION_TTL_MS,
		createdAt: now,
	};
	db.insert(session).values(row).run();
	return row;
}

/** Looks a token up; deletes it when expired and slides the expiry when past half-life. */
export function validateSessionToken(db: Db, token: string, now = Date.now()): SessionValidation {
	if (!token || token.length > 100) return null;
	const id = sessionIdFromToken(token);
	const row = db
		.select({
			session,
			user: { id: user.id, email: user.email, name: user.name, color: user.color },
		})
		.from(session)
		.innerJoin(user, eq(session.userId, user.id))
		.where(eq(session.id, id))
		.get();
	if (!row) return null;
	const fresh = now >= row.session.expiresAt - SESSION_TTL_MS / 2;
	if (now >= row.session.expiresAt) {
		db.delete(session).where(eq(session.id, id)).run();
		return null;
	}
	if (fresh) {
		row.session.expiresAt = now + SESSION_TTL_MS;
		db.update(session).set({ expiresAt: row.session.expiresAt }).where(eq(session.id, id)).run();
	}
	return { ...row, fresh };
}

/** Whether a stored session exists and has not expired (no sliding: for periodic socket checks). */
export function sessionExists(db: Db, sessionId: string, now = Date.now()): boolean {
	const row = db
		.select({ expiresAt: session.expiresAt })
		.from(session)
		.where(eq(session.id, sessionId))
		.get();
	return !!row && row.expiresAt > now;
}

export function invalidateSession(db: Db, sessionId: string): void {
	db.delete(session).where(eq(session.id, sessionId)).run();
}

export function invalidateAllSessions(db: Db, userId: string): void {
	db.delete(session).where(eq(session.userId, userId)).run();
}

/** Set-Cookie value for a session token; Secure when the public origin is https. */
export function sessionCookie(token: string, expiresAt: number, secure: boolean): string {
	const parts = [
		`${SESSION_COOKIE}=${token}`,
		'HttpOnly',
		'SameSite=Lax',
		'Path=/',
		`Expires=${new Date(expiresAt).toUTCString()}`,
	];
	if (secure) parts.push('Secure');
	return parts.join('; ');
}

export function blankSessionCookie(secure: boolean): string {
	return `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** Reads the session token from a Cookie header. */
export function readSessionToken(cookieHeader: string | null | undefined): string | null {
	if (!cookieHeader) return null;
	for (const part of cookieHeader.split(';')) {
		const eqAt = part.indexOf('=');
		if (eqAt < 0) continue;
		if (part.slice(0, eqAt).trim() === SESSION_COOKIE) return part.slice(eqAt + 1).trim() || null;
	}
	return null;
}
