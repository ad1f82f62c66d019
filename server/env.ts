import { z } from 'zod';

const port = z.coerce
	.number({ error: 'must be a number' })
	.int('must be an integer')
	.min(0, 'must be between 0 and 65535')
	.max(65535, 'must be between 0 and 65535');

const positiveInt = z.coerce
	.number({ error: 'must be a number' })
	.int('must be an integer')
	.positive('must be positive');

const flag = z
	.enum(['0', '1', 'true', 'false', ''], { error: 'must be 0 or 1' })
	.transform((v) => v === '1' || v === 'true');

const schema = z.object({
	PORT: port.default(3000),
	HOST: z.string().min(1, 'must not be empty').default('0.0.0.0'),
	DATABASE_PATH: z.string().min(1, 'must not be empty').default('./data/pulse.db'),
	ORIGIN: z.url({ error: 'must be a URL such as http://localhost:3000' }).optional(),
	PULSE_DEMO: flag.default(false),
	PULSE_CHECKPOINT_EVERY: positiveInt.default(1000),
	PULSE_MAX_MESSAGE_BYTES: positiveInt.default(1024 * 1024),
	PULSE_LOGIN_LIMIT_ACCOUNT: positiveInt.default(10),
	PULSE_LOGIN_LIMIT_IP: positiveInt.default(100),
	LOG_LEVEL: z
		.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
			error: 'must be one of fatal, error, warn, info, debug, trace, silent',
		})
		.default('info'),
});

/** Validated configuration, read once at start-up and passed down. */
export interface Env {
	port: number;
	host: string;
	databasePath: string;
	origin: string;
	demo: boolean;
	checkpointEvery: number;
	maxMessageBytes: number;
	loginLimitAccount: number;
	loginLimitIp: number;
	logLevel: string;
}

export class EnvError extends Error {}

/** Reads and validates the environment; throws EnvError naming the first bad variable. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
	const cleaned = Object.fromEntries(
		Object.entries(source).filter(([key, value]) => key in schema.shape && value !== ''),
	);
	const result = schema.safeParse(cleaned);
	if (!result.success) {
		const issue = result.error.issues[0];
		const name = String(issue.path[0] ?? 'environment');
		throw new EnvError(`Invalid ${name}=${JSON.stringify(source[name] ?? '')}: ${issue.message}`);
	}
	const v = result.data;
	const origin = (v.ORIGIN ?? `http://localhost:${v.PORT}`).replace(/\/+$/, '');
	return {
		port: v.PORT,
		host: v.HOST,
		databasePath: v.DATABASE_PATH,
		origin,
		demo: v.PULSE_DEMO,
		checkpointEvery: v.PULSE_CHECKPOINT_EVERY,
		maxMessageBytes: v.PULSE_MAX_MESSAGE_BYTES,
		loginLimitAccount: v.PULSE_LOGIN_LIMIT_ACCOUNT,
		loginLimitIp: v.PULSE_LOGIN_LIMIT_IP,
		logLevel: v.LOG_LEVEL,
	};
}
