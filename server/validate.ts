import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './http-error.ts';

const MAX_BODY_BYTES = 64 * 1024;

function firstIssue(error: z.ZodError): ApiError {
	const issue = error.issues[0];
	const field = issue.path.map(String).join('.') || 'body';
	return new ApiError('invalid_input', `${field}: ${issue.message}`, field);
}

/** Parses and validates a JSON body; a 400 names the wrong field (malformed JSON is field "body"). */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
	const text = await c.req.text();
	if (text.length > MAX_BODY_BYTES)
		throw new ApiError('too_large', 'body: request body too large', 'body');
	let value: unknown;
	try {
		value = text.trim() === '' ? {} : JSON.parse(text);
	} catch {
		throw new ApiError('invalid_input', 'body: malformed JSON', 'body');
	}
	const result = schema.safeParse(value);
	if (!result.success) throw firstIssue(result.error);
	return result.data;
}

/** Validates query parameters against a schema. */
export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
	const result = schema.safeParse(c.req.query());
	if (!result.success) throw firstIssue(result.error);
	return result.data;
}
