/** Sliding-window count of failed sign-ins per account and per IP. */
const WINDOW_MS = 15 * 60 * 1000;

export class LoginLimiter {
	readonly #failures = new Map<string, number[]>();
	readonly #perAccount: number;
	readonly #perIp: number;

	constructor(perAccount: number, perIp: number) {
		this.#perAccount = perAccount;
		this.#perIp = perIp;
	}

	#recent(key: string, now: number): number[] {
		const list = (this.#failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
		if (list.length) this.#failures.set(key, list);
		else this.#failures.delete(key);
		return list;
	}

	/** Seconds until another attempt is allowed, or 0 when allowed now. */
	retryAfter(account: string, ip: string, now = Date.now()): number {
		let wait = 0;
		for (const [key, limit] of [
			[`a:${account}`, this.#perAccount],
			[`i:${ip}`, this.#perIp],
		] as const) {
			const list = this.#recent(key, now);
			if (list.length >= limit) wait = Math.max(wait, list[list.length - limit] + WINDOW_MS - now);
		}
		return Math.ceil(wait / 1000);
	}

	fail(account: string, ip: string, now = Date.now()): void {
		for (const key of [`a:${account}`, `i:${ip}`]) {
			const list = this.#recent(key, now);
			list.push(now);
			this.#failures.set(key, list);
		}
	}

	succeed(account: string): void {
		this.#failures.delete(`a:${account}`);
	}
}
