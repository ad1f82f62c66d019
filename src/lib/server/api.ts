/** Page-side helpers for calling the JSON API in-process and turning its answers into form results. */
import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'pulse_session';

export interface ApiFailure {
	code: string;
	message: string;
	field?: string;
	/** Seconds, from Retry-After on a 429. */
	retryAfter?: number;
}

export type ApiResult<T> =
	| { ok: true; status: number; data: T; response: Response }
	| { ok: false; status: number; error: ApiFailure; response: Response };

/** Sends JSON through locals.api and reads the answer, never throwing for expected failures. */
export async function apiCall<T = unknown>(
	api: App.Locals['api'],
	method: string,
	path: string,
	body?: unknown,
): Promise<ApiResult<T>> {
	const init: RequestInit = { method };
	if (body !== undefined) {
		init.body = JSON.stringify(body);
		init.headers = { 'content-type': 'application/json' };
	}
	const response = await api(path, init);
	const text = await response.text();
	let json: unknown = null;
	try {
		json = text ? JSON.parse(text) : null;
	} catch {
		// A non-JSON answer is treated as an internal failure below.
	}
	if (response.ok) return { ok: true, status: response.status, data: json as T, response };
	const err = (json as { error?: ApiFailure } | null)?.error;
	const retry = Number(response.headers.get('retry-after'));
	return {
		ok: false,
		status: response.status,
		response,
		error: {
			code: err?.code ?? 'internal',
			message: err?.message ?? 'Something went wrong on our side. Please try again.',
			...(err?.field ? { field: err.field } : {}),
			...(Number.isFinite(retry) && retry > 0 ? { retryAfter: retry } : {}),
		},
	};
}

/** The API prefixes field errors with "field: "; forms show the message next to the field instead. */
export function fieldMessage(error: ApiFailure): string {
	const text =
		error.field && error.message.startsWith(`${error.field}: `)
			? error.message.slice(error.field.length + 2)
			: error.message;
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Copies the session cookie the API set onto the browser's response (sign-in and sign-up). */
export function forwardSession(response: Response, cookies: Cookies): string | null {
	const header = response.headers.get('set-cookie') ?? '';
	const match = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(header);
	if (!match || !match[1]) return null;
	const expires = /Expires=([^;]+)/i.exec(header)?.[1];
	cookies.set(SESSION_COOKIE, match[1], {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: isSecureOrigin(),
		...(expires ? { expires: new Date(expires) } : {}),
	});
	return match[1];
}

export function clearSession(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/', secure: isSecureOrigin() });
}

function isSecureOrigin(): boolean {
	return globalThis.__pulse?.origin.startsWith('https:') ?? false;
}

/** Only same-site paths are honoured, so a crafted link cannot send people elsewhere after sign-in. */
export function safeRedirect(target: string | null | undefined, fallback = '/'): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\'))
		return fallback;
	try {
		const url = new URL(target, 'http://pulse.local');
		if (url.origin !== 'http://pulse.local') return fallback;
		return url.pathname + url.search + url.hash;
	} catch {
		return fallback;
	}
}

/** The invite token when a redirect target is an invite page. */
export function inviteTokenOf(target: string): string | null {
	return /^\/invite\/([A-Za-z0-9_-]+)$/.exec(target)?.[1] ?? null;
}

/** "in N minutes" for a Retry-After in seconds. */
export function retryText(seconds: number | undefined): string {
	const minutes = Math.max(1, Math.ceil((seconds ?? 60) / 60));
	return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
