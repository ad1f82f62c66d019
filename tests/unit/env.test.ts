import { describe, expect, it } from 'vitest';
import { EnvError, readEnv } from '../../server/env.ts';

describe('readEnv', () => {
	it('applies the documented defaults', () => {
		const env = readEnv({});
		expect(env).toMatchObject({
			port: 3000,
			host: '0.0.0.0',
			databasePath: './data/pulse.db',
			origin: 'http://localhost:3000',
			demo: false,
			checkpointEvery: 1000,
			maxMessageBytes: 1024 * 1024,
		});
	});

	it('derives ORIGIN from PORT and keeps an explicit one', () => {
		expect(readEnv({ PORT: '8080' }).origin).toBe('http://localhost:8080');
		expect(readEnv({ ORIGIN: 'https://pulse.example.com/' }).origin).toBe(
			'https://pulse.example.com',
		);
	});

	it.each([
		['PORT', 'abc'],
		['PORT', '70000'],
		['ORIGIN', 'not a url'],
		['PULSE_DEMO', 'maybe'],
		['PULSE_CHECKPOINT_EVERY', '0'],
		['LOG_LEVEL', 'loud'],
	])('rejects %s=%s naming the variable', (name, value) => {
		expect(() => readEnv({ [name]: value })).toThrow(EnvError);
		expect(() => readEnv({ [name]: value })).toThrow(new RegExp(`^Invalid ${name}=`));
	});
});
