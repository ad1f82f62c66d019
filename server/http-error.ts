import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ErrorCode =
	| 'invalid_input'
	| 'unauthorized'
	| 'forbidden'
	| 'not_found'
	| 'conflict'
	| 'rate_limited'
	| 'too_large'
	| 'internal';

const statusOf: Record<ErrorCode, ContentfulStatusCode> = {
	invalid_input: 400,
	unauthorized: 401,
	forbidden: 403,
	not_found: 404,
	conflict: 409,
	too_large: 413,
	rate_limited: 429,
	internal: 500,
};

/** An expected failure, answered as JSON {error: {code, message, field?}}. */
export class ApiError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
		readonly field?: string,
		readonly headers?: Record<string, string>,
	) {
		super(message);
	}

	get status(): ContentfulStatusCode {
		return statusOf[this.code];
	}
}

export function errorResponse(c: Context, err: ApiError): Response {
	const body = {
		error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) },
	};
	return c.json(body, err.status, err.headers);
}
