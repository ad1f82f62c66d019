/** Calls `fn` at most once per `ms` (first call at once, the latest value at the end of the window). */
export function throttle<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
	let last = 0;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let pending: A | null = null;
	const run = () => {
		timer = null;
		last = Date.now();
		if (pending) fn(...pending);
		pending = null;
	};
	const call = (...args: A) => {
		pending = args;
		const wait = last + ms - Date.now();
		if (wait <= 0 && !timer) run();
		else timer ??= setTimeout(run, Math.max(0, wait));
	};
	/** Drops a waiting call (the caller commits the final value itself). */
	call.cancel = () => {
		if (timer) clearTimeout(timer);
		timer = null;
		pending = null;
	};
	return call;
}
