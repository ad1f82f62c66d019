import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

/** A random, URL-safe identifier with `bytes` bytes of entropy. */
export function newId(bytes = 12): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(bytes));
}
