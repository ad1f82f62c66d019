import { pino, type Logger } from 'pino';

export type { Logger };

/** The one structured logger; children carry context (board, user, request id). */
export function createLogger(level: string): Logger {
	return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
