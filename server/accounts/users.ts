import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { user, type User } from '../db/schema.ts';
import { hashPassword } from '../auth/password.ts';
import { newId } from '../ids.ts';
import type { PublicUser } from '../auth/session.ts';

const COLORS = [
	'#2563eb',
	'#db2777',
	'#059669',
	'#d97706',
	'#7c3aed',
	'#dc2626',
	'#0891b2',
	'#65a30d',
];

/** E-mail addresses are unique regardless of case and surrounding spaces. */
export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

export function toPublicUser(u: Pick<User, 'id' | 'email' | 'name' | 'color'>): PublicUser {
	return { id: u.id, email: u.email, name: u.name, color: u.color };
}

export function findUserByEmail(db: Db, email: string): User | undefined {
	return db
		.select()
		.from(user)
		.where(eq(user.email, normalizeEmail(email)))
		.get();
}

/** Creates a user, or returns 'taken' when the e-mail is in use. */
export async function createUser(
	db: Db,
	input: { email: string; name: string; password: string },
): Promise<PublicUser | 'taken'> {
	const email = normalizeEmail(input.email);
	if (findUserByEmail(db, email)) return 'taken';
	const passwordHash = await hashPassword(input.password);
	const id = newId();
	const row = {
		id,
		email,
		name: input.name.trim(),
		passwordHash,
		color: COLORS[Math.floor(Math.random() * COLORS.length)],
		createdAt: Date.now(),
	};
	try {
		db.insert(user).values(row).run();
	} catch (err) {
		// Two sign-ups with the same address can race past the check above.
		if (String(err).includes('UNIQUE')) return 'taken';
		throw err;
	}
	return toPublicUser(row);
}
