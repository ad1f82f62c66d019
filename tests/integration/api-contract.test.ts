/**
 * The JSON API contract of DESIGN.md, route by route: exact happy-path shapes and every
 * unhappy path the design names (400 naming the field, 401, 403, 404 that reveals nothing,
 * 409, 429 with Retry-After), plus cookies, session lifetime and the Origin check.
 * Real server on port 0, real SQLite file, plain fetch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, call, cookieFrom, createBoard, signup, type ApiUser } from '../helpers/api.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const PASSWORD = 'correct horse battery';
const DAY = 24 * 60 * 60 * 1000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

let serial = 0;
const freshEmail = (tag = 'user') => `${tag}-${process.pid}-${++serial}-${Date.now()}@test.pulse`;

/** The attributes of a Set-Cookie value, lower-cased names → values ('' for flags). */
function cookieAttributes(setCookie: string): Map<string, string> {
	const [, ...attrs] = setCookie.split(';').map((s) => s.trim());
	return new Map(
		attrs.map((a) => {
			const at = a.indexOf('=');
			return at < 0 ? [a.toLowerCase(), ''] : [a.slice(0, at).toLowerCase(), a.slice(at + 1)];
		}),
	);
}

function expectError(
	res: { status: number; body: any },
	status: number,
	code: string,
	field?: string,
): void {
	expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
	expect(typeof res.body.error.message).toBe('string');
	expect(res.body.error.message.length).toBeGreaterThan(0);
	if (field !== undefined) expect(res.body.error.field).toBe(field);
}

describe('JSON API contract', () => {
	let server: TestServer;
	let lead: ApiUser;
	let member: ApiUser;
	let outsider: ApiUser;
	let boardId: string;

	beforeAll(async () => {
		server = await startTestServer();
		[lead, member, outsider] = await Promise.all([
			signup(server.url, 'Lead'),
			signup(server.url, 'Member'),
			signup(server.url, 'Outsider'),
		]);
		boardId = await createBoard(server.url, lead, 'Contract board');
		await addMember(server.url, lead, boardId, member, 'member');
	});
	afterAll(() => server?.dispose());

	const api = (method: string, path: string, opts?: Parameters<typeof call>[3]) =>
		call(server.url, method, path, opts);
	const sql = () => server.services.db.$client;

	describe('health and unknown paths', () => {
		it('GET /api/health answers {ok: true}', async () => {
			const res = await api('GET', '/api/health');
			expect(res.status).toBe(200);
			expect(res.body).toEqual({ ok: true });
		});

		it('an unknown /api path is a JSON 404', async () => {
			expectError(await api('GET', '/api/no-such-route'), 404, 'not_found');
		});
	});

	describe('POST /api/auth/signup', () => {
		it('201 {user: {id, email, name}} with a normalised e-mail and the session cookie', async () => {
			const email = freshEmail('Mixed.Case');
			const res = await api('POST', '/api/auth/signup', {
				body: { email: `  ${email.toUpperCase()} `, name: '  Ada  ', password: PASSWORD },
			});
			expect(res.status).toBe(201);
			expect(res.body).toEqual({
				user: { id: expect.any(String), email: email.toLowerCase(), name: 'Ada' },
			});
			const me = await api('GET', '/api/me', { cookie: cookieFrom(res.headers) });
			expect(me.status).toBe(200);
			expect(me.body.user.id).toBe(res.body.user.id);
		});

		it('sets pulse_session with HttpOnly, SameSite=Lax, Path=/, a 30-day expiry and no Secure on http', async () => {
			const res = await api('POST', '/api/auth/signup', {
				body: { email: freshEmail(), name: 'Cookie', password: PASSWORD },
			});
			expect(res.status).toBe(201);
			const setCookie = res.headers.get('set-cookie') ?? '';
			expect(setCookie).toMatch(/^pulse_session=[a-z0-9]{20,}(;|$)/);
			const attrs = cookieAttributes(setCookie);
			expect(attrs.has('httponly')).toBe(true);
			expect(attrs.get('samesite')?.toLowerCase()).toBe('lax');
			expect(attrs.get('path')).toBe('/');
			expect(attrs.has('secure')).toBe(false);
			const expires = Date.parse(attrs.get('expires') ?? '');
			expect(Math.abs(expires - (Date.now() + 30 * DAY))).toBeLessThan(60_000);
		});

		it('stores only the SHA-256 of the token, never the token itself', async () => {
			const res = await api('POST', '/api/auth/signup', {
				body: { email: freshEmail(), name: 'Hash', password: PASSWORD },
			});
			const token = cookieFrom(res.headers).split('=')[1];
			const rows = sql()
				.prepare('select id from session where user_id = ?')
				.all(res.body.user.id) as { id: string }[];
			expect(rows).toHaveLength(1);
			expect(rows[0].id).toMatch(/^[0-9a-f]{64}$/);
			expect(rows[0].id).not.toContain(token);
		});

		it('409 with field email when the address is taken, in any letter case', async () => {
			const email = freshEmail('taken');
			const first = await api('POST', '/api/auth/signup', {
				body: { email, name: 'First', password: PASSWORD },
			});
			expect(first.status).toBe(201);
			for (const variant of [email, email.toUpperCase(), ` ${email.replace('t', 'T')}`]) {
				const res = await api('POST', '/api/auth/signup', {
					body: { email: variant, name: 'Second', password: PASSWORD },
				});
				expectError(res, 409, 'conflict', 'email');
				expect(res.headers.get('set-cookie')).toBeNull();
			}
		});

		it.each([
			['malformed JSON', { raw: '{"email": "a@b.c", ' }, 'body'],
			['a JSON array', { raw: '[]' }, 'body'],
			['JSON null', { raw: 'null' }, 'body'],
			['no body at all', { raw: '' }, 'email'],
			['a missing email', { body: { name: 'N', password: PASSWORD } }, 'email'],
			['a missing name', { body: { email: 'x@test.pulse', password: PASSWORD } }, 'name'],
			[
				'a blank name',
				{ body: { email: 'x@test.pulse', name: '   ', password: PASSWORD } },
				'name',
			],
			['a missing password', { body: { email: 'x@test.pulse', name: 'N' } }, 'password'],
			[
				'a 7-character password',
				{ body: { email: 'x@test.pulse', name: 'N', password: '1234567' } },
				'password',
			],
			[
				'a 257-character password',
				{ body: { email: 'x@test.pulse', name: 'N', password: 'p'.repeat(257) } },
				'password',
			],
			[
				'a numeric password',
				{ body: { email: 'x@test.pulse', name: 'N', password: 12345678 } },
				'password',
			],
			[
				'an e-mail without @',
				{ body: { email: 'not-an-email', name: 'N', password: PASSWORD } },
				'email',
			],
			[
				'an e-mail without a domain',
				{ body: { email: 'someone@', name: 'N', password: PASSWORD } },
				'email',
			],
			['a non-string e-mail', { body: { email: 42, name: 'N', password: PASSWORD } }, 'email'],
		] as const)('400 for %s', async (_label, opts, field) => {
			const res = await api('POST', '/api/auth/signup', opts);
			expectError(res, 400, 'invalid_input', field);
			expect(res.body.error.message).toContain(field);
			expect(res.headers.get('set-cookie')).toBeNull();
		});

		it('accepts passwords of exactly 8 and exactly 256 characters', async () => {
			for (const password of ['p'.repeat(8), 'p'.repeat(256)]) {
				const email = freshEmail('len');
				const res = await api('POST', '/api/auth/signup', {
					body: { email, name: 'Len', password },
				});
				expect(res.status).toBe(201);
				const login = await api('POST', '/api/auth/login', { body: { email, password } });
				expect(login.status).toBe(200);
			}
		});
	});

	describe('POST /api/auth/login', () => {
		it('200 {user} and a new session cookie, whatever the case of the e-mail', async () => {
			const res = await api('POST', '/api/auth/login', {
				body: { email: lead.email.toUpperCase(), password: PASSWORD },
			});
			expect(res.status).toBe(200);
			expect(res.body).toEqual({ user: { id: lead.id, email: lead.email, name: 'Lead' } });
			const cookie = cookieFrom(res.headers);
			expect(cookie).not.toBe(lead.cookie);
			const attrs = cookieAttributes(res.headers.get('set-cookie') ?? '');
			expect(attrs.has('httponly')).toBe(true);
			expect(attrs.get('samesite')?.toLowerCase()).toBe('lax');
			expect(attrs.get('path')).toBe('/');
			expect((await api('GET', '/api/me', { cookie })).body.user.id).toBe(lead.id);
		});

		it('401 for a wrong password and for an unknown account, with the same answer', async () => {
			const wrong = await api('POST', '/api/auth/login', {
				body: { email: member.email, password: 'not the password' },
			});
			const unknown = await api('POST', '/api/auth/login', {
				body: { email: freshEmail('ghost'), password: PASSWORD },
			});
			expectError(wrong, 401, 'unauthorized');
			expectError(unknown, 401, 'unauthorized');
			expect(unknown.body).toEqual(wrong.body);
			expect(wrong.headers.get('set-cookie')).toBeNull();
		});

		it.each([
			['malformed JSON', { raw: '{' }, 'body'],
			['a missing email', { body: { password: PASSWORD } }, 'email'],
			['a missing password', { body: { email: 'a@test.pulse' } }, 'password'],
			['a non-string password', { body: { email: 'a@test.pulse', password: 5 } }, 'password'],
		] as const)('400 for %s', async (_label, opts, field) => {
			expectError(await api('POST', '/api/auth/login', opts), 400, 'invalid_input', field);
		});
	});

	describe('GET /api/me', () => {
		it('200 {user: {id, email, name}}', async () => {
			const res = await api('GET', '/api/me', { cookie: member.cookie });
			expect(res.status).toBe(200);
			// `color` is a compatible extension of the contract's {id, email, name}.
			expect(res.body).toEqual({
				user: {
					id: member.id,
					email: member.email,
					name: 'Member',
					color: expect.stringMatching(/^#[0-9a-f]{6}$/),
				},
			});
		});

		it('401 without a session, with an unknown token, and with an empty cookie', async () => {
			expectError(await api('GET', '/api/me'), 401, 'unauthorized');
			expectError(
				await api('GET', '/api/me', { cookie: 'pulse_session=abcdefghijklmnopqrstuvwxyz234567' }),
				401,
				'unauthorized',
			);
			expectError(await api('GET', '/api/me', { cookie: 'pulse_session=' }), 401, 'unauthorized');
		});
	});

	describe('sessions: sign-out, sign-out everywhere, sliding expiry', () => {
		async function login(user: ApiUser): Promise<string> {
			const res = await api('POST', '/api/auth/login', {
				body: { email: user.email, password: PASSWORD },
			});
			expect(res.status).toBe(200);
			return cookieFrom(res.headers);
		}

		it('POST /api/auth/logout: 204, clears the cookie and ends only this session', async () => {
			const user = await signup(server.url, 'Leaver');
			const other = await login(user);
			const res = await api('POST', '/api/auth/logout', { cookie: user.cookie });
			expect(res.status).toBe(204);
			expect(res.body).toBeNull();
			const setCookie = res.headers.get('set-cookie') ?? '';
			expect(setCookie).toMatch(/^pulse_session=;/);
			expect(cookieAttributes(setCookie).get('max-age')).toBe('0');
			expectError(await api('GET', '/api/me', { cookie: user.cookie }), 401, 'unauthorized');
			expect((await api('GET', '/api/me', { cookie: other })).status).toBe(200);
			// Replaying the old cookie on a mutating route fails too.
			expectError(
				await api('POST', '/api/boards', { cookie: user.cookie, body: { title: 'x' } }),
				401,
				'unauthorized',
			);
		});

		it('POST /api/auth/logout without a session is a harmless 204', async () => {
			const res = await api('POST', '/api/auth/logout');
			expect(res.status).toBe(204);
		});

		it('POST /api/auth/logout-everywhere: 204 and every session of that user ends, no one else’s', async () => {
			const user = await signup(server.url, 'Everywhere');
			const second = await login(user);
			const third = await login(user);
			const res = await api('POST', '/api/auth/logout-everywhere', { cookie: second });
			expect(res.status).toBe(204);
			expect(res.headers.get('set-cookie') ?? '').toMatch(/^pulse_session=;/);
			for (const cookie of [user.cookie, second, third])
				expectError(await api('GET', '/api/me', { cookie }), 401, 'unauthorized');
			expect(
				(
					sql().prepare('select count(*) as n from session where user_id = ?').get(user.id) as {
						n: number;
					}
				).n,
			).toBe(0);
			expect((await api('GET', '/api/me', { cookie: member.cookie })).status).toBe(200);
		});

		it('POST /api/auth/logout-everywhere: 401 without a session', async () => {
			expectError(await api('POST', '/api/auth/logout-everywhere'), 401, 'unauthorized');
		});

		it('an expired session is refused and deleted', async () => {
			const user = await signup(server.url, 'Expired');
			sql()
				.prepare('update session set expires_at = ? where user_id = ?')
				.run(Date.now() - 1000, user.id);
			expectError(await api('GET', '/api/me', { cookie: user.cookie }), 401, 'unauthorized');
			expect(
				(
					sql().prepare('select count(*) as n from session where user_id = ?').get(user.id) as {
						n: number;
					}
				).n,
			).toBe(0);
		});

		it('a fresh session is not re-issued on every request', async () => {
			const user = await signup(server.url, 'Fresh');
			const res = await api('GET', '/api/me', { cookie: user.cookie });
			expect(res.status).toBe(200);
			expect(res.headers.get('set-cookie')).toBeNull();
		});

		it('a session past half its life slides to a new 30-day expiry, in the database and the cookie', async () => {
			const user = await signup(server.url, 'Slider');
			sql()
				.prepare('update session set expires_at = ? where user_id = ?')
				.run(Date.now() + 5 * DAY, user.id);
			const res = await api('GET', '/api/me', { cookie: user.cookie });
			expect(res.status).toBe(200);
			const row = sql()
				.prepare('select expires_at from session where user_id = ?')
				.get(user.id) as {
				expires_at: number;
			};
			expect(Math.abs(row.expires_at - (Date.now() + 30 * DAY))).toBeLessThan(60_000);
			// The browser's cookie must slide too, or it still dies at the old expiry.
			const setCookie = res.headers.get('set-cookie') ?? '';
			expect(`${setCookie};`).toContain(`${user.cookie};`);
			const attrs = cookieAttributes(setCookie);
			expect(attrs.has('httponly')).toBe(true);
			expect(attrs.get('path')).toBe('/');
			expect(Math.abs(Date.parse(attrs.get('expires') ?? '') - row.expires_at)).toBeLessThan(2000);
		});
	});

	describe('GET/POST /api/boards', () => {
		it('POST 201 {id, title, role: lead, cycleStart, cycleEnd, bands} with defaults', async () => {
			const res = await api('POST', '/api/boards', {
				cookie: member.cookie,
				body: { title: '  Q3 growth  ' },
			});
			expect(res.status).toBe(201);
			expect(res.body).toMatchObject({
				id: expect.any(String),
				title: 'Q3 growth',
				role: 'lead',
				cycleStart: expect.stringMatching(ISO_DATE),
				cycleEnd: expect.stringMatching(ISO_DATE),
				bands: { green: 7, yellow: 4 },
			});
			expect(res.body.cycleStart < res.body.cycleEnd).toBe(true);
		});

		it('POST keeps given cycle dates and bands', async () => {
			const res = await api('POST', '/api/boards', {
				cookie: lead.cookie,
				body: {
					title: 'Dated',
					cycleStart: '2024-02-29',
					cycleEnd: '2024-06-30',
					bands: { green: 8, yellow: 5 },
				},
			});
			expect(res.status).toBe(201);
			expect(res.body).toMatchObject({
				title: 'Dated',
				role: 'lead',
				cycleStart: '2024-02-29',
				cycleEnd: '2024-06-30',
				bands: { green: 8, yellow: 5 },
			});
			const got = await api('GET', `/api/boards/${res.body.id}`, { cookie: lead.cookie });
			expect(got.body.board).toMatchObject({
				cycleStart: '2024-02-29',
				cycleEnd: '2024-06-30',
				bands: { green: 8, yellow: 5 },
			});
		});

		it('GET 200 {boards: [{id, title, role, cycleStart, cycleEnd}]}: only my boards, with my role', async () => {
			const res = await api('GET', '/api/boards', { cookie: member.cookie });
			expect(res.status).toBe(200);
			expect(Array.isArray(res.body.boards)).toBe(true);
			const mine = res.body.boards.find((b: { id: string }) => b.id === boardId);
			expect(mine).toMatchObject({
				id: boardId,
				title: 'Contract board',
				role: 'member',
				cycleStart: expect.stringMatching(ISO_DATE),
				cycleEnd: expect.stringMatching(ISO_DATE),
			});
			for (const b of res.body.boards)
				expect(Object.keys(b)).toEqual(
					expect.arrayContaining(['id', 'title', 'role', 'cycleStart', 'cycleEnd']),
				);
			const theirs = await api('GET', '/api/boards', { cookie: outsider.cookie });
			expect(theirs.body).toEqual({ boards: [] });
		});

		it('401 without a session', async () => {
			expectError(await api('GET', '/api/boards'), 401, 'unauthorized');
			expectError(await api('POST', '/api/boards', { body: { title: 'x' } }), 401, 'unauthorized');
		});

		it.each([
			['malformed JSON', { raw: '{"title": ' }, 'body'],
			['a missing title', { body: {} }, 'title'],
			['a blank title', { body: { title: '   ' } }, 'title'],
			['a 121-character title', { body: { title: 't'.repeat(121) } }, 'title'],
			['a non-date cycleStart', { body: { title: 'x', cycleStart: 'soon' } }, 'cycleStart'],
			['an unpadded cycleStart', { body: { title: 'x', cycleStart: '2024-1-01' } }, 'cycleStart'],
			['month 13', { body: { title: 'x', cycleStart: '2024-13-01' } }, 'cycleStart'],
			['30 February', { body: { title: 'x', cycleStart: '2024-02-30' } }, 'cycleStart'],
			[
				'29 February in a common year',
				{ body: { title: 'x', cycleEnd: '2023-02-29' } },
				'cycleEnd',
			],
			['31 April', { body: { title: 'x', cycleEnd: '2024-04-31' } }, 'cycleEnd'],
			['a numeric cycleEnd', { body: { title: 'x', cycleEnd: 20240101 } }, 'cycleEnd'],
			[
				'cycleEnd before cycleStart',
				{ body: { title: 'x', cycleStart: '2024-06-01', cycleEnd: '2024-01-01' } },
				'cycleEnd',
			],
			[
				'cycleEnd equal to cycleStart',
				{ body: { title: 'x', cycleStart: '2024-06-01', cycleEnd: '2024-06-01' } },
				'cycleEnd',
			],
			[
				'bands yellow = green',
				{ body: { title: 'x', bands: { green: 6, yellow: 6 } } },
				'bands.yellow',
			],
			[
				'bands yellow > green',
				{ body: { title: 'x', bands: { green: 5, yellow: 8 } } },
				'bands.yellow',
			],
			[
				'a fractional band',
				{ body: { title: 'x', bands: { green: 7.5, yellow: 4 } } },
				'bands.green',
			],
			['a missing band', { body: { title: 'x', bands: { green: 7 } } }, 'bands.yellow'],
			['a band above 10', { body: { title: 'x', bands: { green: 11, yellow: 4 } } }, 'bands.green'],
		] as const)('POST 400 for %s', async (_label, opts, field) => {
			const before = (await api('GET', '/api/boards', { cookie: outsider.cookie })).body.boards;
			const res = await api('POST', '/api/boards', { cookie: outsider.cookie, ...opts });
			expectError(res, 400, 'invalid_input', field);
			const after = (await api('GET', '/api/boards', { cookie: outsider.cookie })).body.boards;
			expect(after).toEqual(before);
		});
	});

	describe('GET/PATCH/DELETE /api/boards/:id and GET …/doc', () => {
		it('GET 200 {board: {id, title, cycleStart, cycleEnd, bands}, role}', async () => {
			const res = await api('GET', `/api/boards/${boardId}`, { cookie: member.cookie });
			expect(res.status).toBe(200);
			expect(res.body).toEqual({
				board: expect.objectContaining({
					id: boardId,
					title: 'Contract board',
					cycleStart: expect.stringMatching(ISO_DATE),
					cycleEnd: expect.stringMatching(ISO_DATE),
					bands: { green: 7, yellow: 4 },
				}),
				role: 'member',
			});
		});

		it('GET …/doc 200: the board as plain JSON in the document schema', async () => {
			const res = await api('GET', `/api/boards/${boardId}/doc`, { cookie: member.cookie });
			expect(res.status).toBe(200);
			expect(res.body).toMatchObject({
				board: {
					title: 'Contract board',
					cycleStart: expect.stringMatching(ISO_DATE),
					cycleEnd: expect.stringMatching(ISO_DATE),
					bands: { green: 7, yellow: 4 },
					schemaVersion: expect.any(Number),
				},
				objectives: [],
				krs: [],
				checkins: {},
				blockers: [],
				actions: [],
				insights: [],
				meeting: expect.objectContaining({ status: 'idle' }),
			});
		});

		it('PATCH (lead) 200 with the new settings, stored and mirrored into the doc', async () => {
			const id = await createBoard(server.url, lead, 'Before');
			const res = await api('PATCH', `/api/boards/${id}`, {
				cookie: lead.cookie,
				body: {
					title: 'After',
					cycleStart: '2025-01-01',
					cycleEnd: '2025-03-31',
					bands: { green: 9, yellow: 6 },
					cadence: { weekday: 3, time: '09:30', timeZone: 'Europe/Berlin' },
				},
			});
			expect(res.status).toBe(200);
			const expected = {
				id,
				title: 'After',
				cycleStart: '2025-01-01',
				cycleEnd: '2025-03-31',
				bands: { green: 9, yellow: 6 },
				cadence: { weekday: 3, time: '09:30', timeZone: 'Europe/Berlin' },
			};
			expect(res.body).toEqual({ board: expected, role: 'lead' });
			const got = await api('GET', `/api/boards/${id}`, { cookie: lead.cookie });
			expect(got.body).toEqual({ board: expected, role: 'lead' });
			const doc = await api('GET', `/api/boards/${id}/doc`, { cookie: lead.cookie });
			expect(doc.body.board).toMatchObject({
				title: 'After',
				cycleStart: '2025-01-01',
				cycleEnd: '2025-03-31',
				bands: { green: 9, yellow: 6 },
			});
			const list = await api('GET', '/api/boards', { cookie: lead.cookie });
			expect(list.body.boards.find((b: { id: string }) => b.id === id).title).toBe('After');
		});

		it('PATCH with only some fields leaves the others alone', async () => {
			const id = await createBoard(server.url, lead, 'Partial');
			const before = (await api('GET', `/api/boards/${id}`, { cookie: lead.cookie })).body.board;
			const res = await api('PATCH', `/api/boards/${id}`, {
				cookie: lead.cookie,
				body: { bands: { green: 8, yellow: 3 } },
			});
			expect(res.status).toBe(200);
			expect(res.body.board).toEqual({ ...before, bands: { green: 8, yellow: 3 } });
		});

		it.each([
			['malformed JSON', { raw: '{"title":' }, 'body'],
			['a blank title', { body: { title: '' } }, 'title'],
			['a non-string title', { body: { title: 7 } }, 'title'],
			['30 February', { body: { cycleStart: '2024-02-30' } }, 'cycleStart'],
			['a slash date', { body: { cycleEnd: '2024/06/30' } }, 'cycleEnd'],
			[
				'cycleEnd before cycleStart',
				{ body: { cycleStart: '2025-06-01', cycleEnd: '2025-05-01' } },
				'cycleEnd',
			],
			['bands yellow = green', { body: { bands: { green: 5, yellow: 5 } } }, 'bands.yellow'],
			['bands yellow > green', { body: { bands: { green: 4, yellow: 9 } } }, 'bands.yellow'],
			['a band of 0', { body: { bands: { green: 7, yellow: 0 } } }, 'bands.yellow'],
			[
				'a weekday of 7',
				{ body: { cadence: { weekday: 7, time: '10:00', timeZone: 'UTC' } } },
				'cadence.weekday',
			],
			[
				'a time of 24:00',
				{ body: { cadence: { weekday: 1, time: '24:00', timeZone: 'UTC' } } },
				'cadence.time',
			],
			[
				'an unknown time zone',
				{ body: { cadence: { weekday: 1, time: '10:00', timeZone: 'Mars/Olympus' } } },
				'cadence.timeZone',
			],
		] as const)('PATCH 400 for %s; changes nothing', async (_l, opts, field) => {
			const before = await api('GET', `/api/boards/${boardId}`, { cookie: lead.cookie });
			const res = await api('PATCH', `/api/boards/${boardId}`, { cookie: lead.cookie, ...opts });
			expectError(res, 400, 'invalid_input', field);
			const after = await api('GET', `/api/boards/${boardId}`, { cookie: lead.cookie });
			expect(after.body).toEqual(before.body);
		});

		it('PATCH 400 when a new cycleStart falls after the stored cycleEnd', async () => {
			const id = await createBoard(server.url, lead, 'Cycle');
			const { board } = (await api('GET', `/api/boards/${id}`, { cookie: lead.cookie })).body;
			const res = await api('PATCH', `/api/boards/${id}`, {
				cookie: lead.cookie,
				body: { cycleStart: '2999-01-01' },
			});
			expectError(res, 400, 'invalid_input');
			expect(res.body.error.field).toMatch(/^cycle(Start|End)$/);
			const after = (await api('GET', `/api/boards/${id}`, { cookie: lead.cookie })).body.board;
			expect(after.cycleStart).toBe(board.cycleStart);
		});

		it('PATCH and DELETE: 403 for a member, 401 without a session', async () => {
			for (const method of ['PATCH', 'DELETE'] as const) {
				expectError(
					await api(method, `/api/boards/${boardId}`, {
						cookie: member.cookie,
						body: { title: 'Hijack' },
					}),
					403,
					'forbidden',
				);
				expectError(
					await api(method, `/api/boards/${boardId}`, { body: { title: 'x' } }),
					401,
					'unauthorized',
				);
			}
			const got = await api('GET', `/api/boards/${boardId}`, { cookie: lead.cookie });
			expect(got.body.board.title).toBe('Contract board');
		});

		it('DELETE (lead) 204; the board is gone for everyone, with its invites', async () => {
			const id = await createBoard(server.url, lead, 'Doomed');
			await addMember(server.url, lead, id, member, 'member');
			const inv = await api('POST', `/api/boards/${id}/invites`, {
				cookie: lead.cookie,
				body: { role: 'viewer' },
			});
			const res = await api('DELETE', `/api/boards/${id}`, { cookie: lead.cookie });
			expect(res.status).toBe(204);
			expect(res.body).toBeNull();
			for (const user of [lead, member]) {
				expectError(
					await api('GET', `/api/boards/${id}`, { cookie: user.cookie }),
					404,
					'not_found',
				);
				expectError(
					await api('GET', `/api/boards/${id}/doc`, { cookie: user.cookie }),
					404,
					'not_found',
				);
				const list = await api('GET', '/api/boards', { cookie: user.cookie });
				expect(list.body.boards.map((b: { id: string }) => b.id)).not.toContain(id);
			}
			expectError(await api('GET', `/api/invites/${inv.body.token}`), 404, 'not_found');
			expectError(
				await api('POST', `/api/invites/${inv.body.token}/accept`, { cookie: outsider.cookie }),
				404,
				'not_found',
			);
		});
	});

	describe('404 for boards you may not see, identical to boards that do not exist', () => {
		const routes = (id: string): [string, string, unknown?][] => [
			['GET', `/api/boards/${id}`],
			['PATCH', `/api/boards/${id}`, { title: 'x' }],
			['DELETE', `/api/boards/${id}`],
			['GET', `/api/boards/${id}/doc`],
			['GET', `/api/boards/${id}/members`],
			['PUT', `/api/boards/${id}/members/${lead.id}`, { role: 'viewer' }],
			['DELETE', `/api/boards/${id}/members/${lead.id}`],
			['DELETE', `/api/boards/${id}/members/${outsider.id}`],
			['POST', `/api/boards/${id}/invites`, { role: 'lead' }],
			['GET', `/api/boards/${id}/invites`],
			['DELETE', `/api/boards/${id}/invites/sometoken`],
		];

		it('every board route answers a non-member exactly as it answers a missing board', async () => {
			const real = routes(boardId);
			const fake = routes('no-such-board-0000');
			for (let i = 0; i < real.length; i++) {
				const [method, path, body] = real[i];
				const hidden = await api(method, path, { cookie: outsider.cookie, body });
				const missing = await api(fake[i][0], fake[i][1], { cookie: outsider.cookie, body });
				expect({ route: `${method} ${path}`, status: hidden.status }).toEqual({
					route: `${method} ${path}`,
					status: 404,
				});
				expect(hidden.body).toEqual(missing.body);
				expect(hidden.body.error.code).toBe('not_found');
			}
			// Nothing changed on the real board.
			const members = await api('GET', `/api/boards/${boardId}/members`, { cookie: lead.cookie });
			expect(members.body.members.map((m: { userId: string }) => m.userId).sort()).toEqual(
				[lead.id, member.id].sort(),
			);
			expect(
				(await api('GET', `/api/boards/${boardId}`, { cookie: lead.cookie })).body.board.title,
			).toBe('Contract board');
		});

		it('every board route answers 401 without a session, existing or not', async () => {
			for (const [method, path, body] of [...routes(boardId), ...routes('no-such-board-0000')]) {
				const res = await api(method, path, { body });
				expect({ route: `${method} ${path}`, status: res.status }).toEqual({
					route: `${method} ${path}`,
					status: 401,
				});
			}
		});
	});

	describe('members', () => {
		it('GET 200 {members: [{userId, name, email, role}]}', async () => {
			const res = await api('GET', `/api/boards/${boardId}/members`, { cookie: member.cookie });
			expect(res.status).toBe(200);
			expect(res.body.members).toHaveLength(2);
			const byId = Object.fromEntries(
				res.body.members.map((m: { userId: string }) => [m.userId, m]),
			);
			expect(byId[lead.id]).toMatchObject({
				userId: lead.id,
				name: 'Lead',
				email: lead.email,
				role: 'lead',
			});
			expect(byId[member.id]).toMatchObject({
				userId: member.id,
				name: 'Member',
				email: member.email,
				role: 'member',
			});
			for (const m of res.body.members) expect(m).not.toHaveProperty('passwordHash');
		});

		it('PUT (lead) 200 {userId, role} changes the role', async () => {
			const id = await createBoard(server.url, lead, 'Roles');
			await addMember(server.url, lead, id, member, 'member');
			const res = await api('PUT', `/api/boards/${id}/members/${member.id}`, {
				cookie: lead.cookie,
				body: { role: 'viewer' },
			});
			expect(res.status).toBe(200);
			expect(res.body).toEqual({ userId: member.id, role: 'viewer' });
			const got = await api('GET', `/api/boards/${id}`, { cookie: member.cookie });
			expect(got.body.role).toBe('viewer');
		});

		it('PUT 400 naming role for a bad or missing role; 404 for a non-member user', async () => {
			for (const opts of [{ body: { role: 'owner' } }, { body: {} }, { raw: '{"role":' }]) {
				const res = await api('PUT', `/api/boards/${boardId}/members/${member.id}`, {
					cookie: lead.cookie,
					...opts,
				});
				expectError(res, 400, 'invalid_input', 'raw' in opts ? 'body' : 'role');
			}
			expectError(
				await api('PUT', `/api/boards/${boardId}/members/${outsider.id}`, {
					cookie: lead.cookie,
					body: { role: 'member' },
				}),
				404,
				'not_found',
			);
			const got = await api('GET', `/api/boards/${boardId}`, { cookie: member.cookie });
			expect(got.body.role).toBe('member');
			expectError(
				await api('GET', `/api/boards/${boardId}`, { cookie: outsider.cookie }),
				404,
				'not_found',
			);
		});

		it('PUT and DELETE of someone else: 403 for a member', async () => {
			const id = await createBoard(server.url, lead, 'No coup');
			await addMember(server.url, lead, id, member, 'member');
			expectError(
				await api('PUT', `/api/boards/${id}/members/${member.id}`, {
					cookie: member.cookie,
					body: { role: 'lead' },
				}),
				403,
				'forbidden',
			);
			expectError(
				await api('DELETE', `/api/boards/${id}/members/${lead.id}`, { cookie: member.cookie }),
				403,
				'forbidden',
			);
			const roles = (await api('GET', `/api/boards/${id}/members`, { cookie: lead.cookie })).body
				.members;
			expect(roles.map((m: { role: string }) => m.role).sort()).toEqual(['lead', 'member']);
		});

		it('409 when the last lead demotes themself or leaves; both work once there is another lead', async () => {
			const id = await createBoard(server.url, lead, 'Last lead');
			await addMember(server.url, lead, id, member, 'member');
			for (const role of ['member', 'viewer']) {
				expectError(
					await api('PUT', `/api/boards/${id}/members/${lead.id}`, {
						cookie: lead.cookie,
						body: { role },
					}),
					409,
					'conflict',
				);
			}
			expectError(
				await api('DELETE', `/api/boards/${id}/members/${lead.id}`, { cookie: lead.cookie }),
				409,
				'conflict',
			);
			expect((await api('GET', `/api/boards/${id}`, { cookie: lead.cookie })).body.role).toBe(
				'lead',
			);
			// Promote the member; now the first lead may step down, and the new one may not.
			expect(
				(
					await api('PUT', `/api/boards/${id}/members/${member.id}`, {
						cookie: lead.cookie,
						body: { role: 'lead' },
					})
				).status,
			).toBe(200);
			const demote = await api('PUT', `/api/boards/${id}/members/${lead.id}`, {
				cookie: member.cookie,
				body: { role: 'viewer' },
			});
			expect(demote.status).toBe(200);
			expectError(
				await api('DELETE', `/api/boards/${id}/members/${member.id}`, { cookie: member.cookie }),
				409,
				'conflict',
			);
			expectError(
				await api('PUT', `/api/boards/${id}/members/${member.id}`, {
					cookie: member.cookie,
					body: { role: 'member' },
				}),
				409,
				'conflict',
			);
			const roles = (await api('GET', `/api/boards/${id}/members`, { cookie: member.cookie })).body
				.members;
			expect(
				Object.fromEntries(roles.map((m: { userId: string; role: string }) => [m.userId, m.role])),
			).toEqual({ [lead.id]: 'viewer', [member.id]: 'lead' });
		});

		it('DELETE yourself (leave) 204 for a member; DELETE of a member by a lead 204', async () => {
			const id = await createBoard(server.url, lead, 'Leaving');
			const viewer = await signup(server.url, 'Viewer');
			await addMember(server.url, lead, id, member, 'member');
			await addMember(server.url, lead, id, viewer, 'viewer');
			const leave = await api('DELETE', `/api/boards/${id}/members/${member.id}`, {
				cookie: member.cookie,
			});
			expect(leave.status).toBe(204);
			expect(leave.body).toBeNull();
			expectError(
				await api('GET', `/api/boards/${id}`, { cookie: member.cookie }),
				404,
				'not_found',
			);
			const kick = await api('DELETE', `/api/boards/${id}/members/${viewer.id}`, {
				cookie: lead.cookie,
			});
			expect(kick.status).toBe(204);
			expectError(
				await api('GET', `/api/boards/${id}`, { cookie: viewer.cookie }),
				404,
				'not_found',
			);
			expectError(
				await api('DELETE', `/api/boards/${id}/members/${viewer.id}`, { cookie: lead.cookie }),
				404,
				'not_found',
			);
		});
	});

	describe('invites', () => {
		it('POST (lead) 201 {token, url, role, expiresAt}; GET lists it; GET /api/invites/:token describes it', async () => {
			const res = await api('POST', `/api/boards/${boardId}/invites`, {
				cookie: lead.cookie,
				body: { role: 'viewer' },
			});
			expect(res.status).toBe(201);
			expect(res.body).toMatchObject({
				token: expect.stringMatching(/^[A-Za-z0-9_-]{16,}$/),
				role: 'viewer',
				expiresAt: expect.stringMatching(ISO_TIME),
			});
			expect(res.body.url).toBe(`${server.services.env.origin}/invite/${res.body.token}`);
			expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now() + DAY);

			const list = await api('GET', `/api/boards/${boardId}/invites`, { cookie: lead.cookie });
			expect(list.status).toBe(200);
			expect(list.body.invites).toContainEqual(expect.objectContaining(res.body));

			const info = await api('GET', `/api/invites/${res.body.token}`);
			expect(info.status).toBe(200);
			expect(info.body).toMatchObject({
				boardId,
				boardTitle: 'Contract board',
				role: 'viewer',
			});
		});

		it('POST without a role invites a member; a bad role is a 400 naming role', async () => {
			const res = await api('POST', `/api/boards/${boardId}/invites`, { cookie: lead.cookie });
			expect(res.status).toBe(201);
			expect(res.body.role).toBe('member');
			for (const [opts, field] of [
				[{ body: { role: 'admin' } }, 'role'],
				[{ raw: '{"role"' }, 'body'],
			] as const)
				expectError(
					await api('POST', `/api/boards/${boardId}/invites`, { cookie: lead.cookie, ...opts }),
					400,
					'invalid_input',
					field,
				);
		});

		it('POST/GET/DELETE invites: 403 for a member', async () => {
			const inv = await api('POST', `/api/boards/${boardId}/invites`, {
				cookie: lead.cookie,
				body: { role: 'member' },
			});
			expectError(
				await api('POST', `/api/boards/${boardId}/invites`, {
					cookie: member.cookie,
					body: { role: 'member' },
				}),
				403,
				'forbidden',
			);
			expectError(
				await api('GET', `/api/boards/${boardId}/invites`, { cookie: member.cookie }),
				403,
				'forbidden',
			);
			expectError(
				await api('DELETE', `/api/boards/${boardId}/invites/${inv.body.token}`, {
					cookie: member.cookie,
				}),
				403,
				'forbidden',
			);
			expect((await api('GET', `/api/invites/${inv.body.token}`)).status).toBe(200);
		});

		it('accept 200 {boardId, role} makes a newcomer a member with the invite’s role', async () => {
			const id = await createBoard(server.url, lead, 'Welcome');
			const newcomer = await signup(server.url, 'Newcomer');
			const inv = await api('POST', `/api/boards/${id}/invites`, {
				cookie: lead.cookie,
				body: { role: 'member' },
			});
			const res = await api('POST', `/api/invites/${inv.body.token}/accept`, {
				cookie: newcomer.cookie,
			});
			expect(res.status).toBe(200);
			expect(res.body).toEqual({ boardId: id, role: 'member' });
			const got = await api('GET', `/api/boards/${id}`, { cookie: newcomer.cookie });
			expect(got.body.role).toBe('member');
		});

		it('accept keeps the higher role: a lead stays lead; a viewer is raised to member', async () => {
			const id = await createBoard(server.url, lead, 'Higher role');
			const viewer = await signup(server.url, 'Viewer');
			await addMember(server.url, lead, id, viewer, 'viewer');
			const viewerInvite = await api('POST', `/api/boards/${id}/invites`, {
				cookie: lead.cookie,
				body: { role: 'viewer' },
			});
			const memberInvite = await api('POST', `/api/boards/${id}/invites`, {
				cookie: lead.cookie,
				body: { role: 'member' },
			});
			const leadAccepts = await api('POST', `/api/invites/${viewerInvite.body.token}/accept`, {
				cookie: lead.cookie,
			});
			expect(leadAccepts.status).toBe(200);
			expect(leadAccepts.body).toEqual({ boardId: id, role: 'lead' });
			expect((await api('GET', `/api/boards/${id}`, { cookie: lead.cookie })).body.role).toBe(
				'lead',
			);
			const raised = await api('POST', `/api/invites/${memberInvite.body.token}/accept`, {
				cookie: viewer.cookie,
			});
			expect(raised.body).toEqual({ boardId: id, role: 'member' });
			const again = await api('POST', `/api/invites/${viewerInvite.body.token}/accept`, {
				cookie: viewer.cookie,
			});
			expect(again.body).toEqual({ boardId: id, role: 'member' });
			expect((await api('GET', `/api/boards/${id}`, { cookie: viewer.cookie })).body.role).toBe(
				'member',
			);
		});

		it('accept 401 without a session; unknown token 404', async () => {
			const inv = await api('POST', `/api/boards/${boardId}/invites`, {
				cookie: lead.cookie,
				body: { role: 'member' },
			});
			expectError(await api('POST', `/api/invites/${inv.body.token}/accept`), 401, 'unauthorized');
			expectError(await api('GET', '/api/invites/not-a-real-token'), 404, 'not_found');
			expectError(
				await api('POST', '/api/invites/not-a-real-token/accept', { cookie: outsider.cookie }),
				404,
				'not_found',
			);
		});

		it('DELETE (lead) 204 revokes: the invite is unlisted and GET/accept answer 404', async () => {
			const id = await createBoard(server.url, lead, 'Revoked');
			const inv = await api('POST', `/api/boards/${id}/invites`, {
				cookie: lead.cookie,
				body: { role: 'member' },
			});
			const res = await api('DELETE', `/api/boards/${id}/invites/${inv.body.token}`, {
				cookie: lead.cookie,
			});
			expect(res.status).toBe(204);
			expect(res.body).toBeNull();
			const list = await api('GET', `/api/boards/${id}/invites`, { cookie: lead.cookie });
			expect(list.body).toEqual({ invites: [] });
			expectError(await api('GET', `/api/invites/${inv.body.token}`), 404, 'not_found');
			expectError(
				await api('POST', `/api/invites/${inv.body.token}/accept`, { cookie: outsider.cookie }),
				404,
				'not_found',
			);
			expectError(
				await api('GET', `/api/boards/${id}`, { cookie: outsider.cookie }),
				404,
				'not_found',
			);
		});

		it('DELETE 404 for an unknown token and for another board’s token', async () => {
			const other = await createBoard(server.url, lead, 'Other');
			const inv = await api('POST', `/api/boards/${other}/invites`, {
				cookie: lead.cookie,
				body: { role: 'member' },
			});
			expectError(
				await api('DELETE', `/api/boards/${boardId}/invites/nope`, { cookie: lead.cookie }),
				404,
				'not_found',
			);
			expectError(
				await api('DELETE', `/api/boards/${boardId}/invites/${inv.body.token}`, {
					cookie: lead.cookie,
				}),
				404,
				'not_found',
			);
			expect((await api('GET', `/api/invites/${inv.body.token}`)).status).toBe(200);
		});

		it('an expired invite answers 404', async () => {
			const inv = await api('POST', `/api/boards/${boardId}/invites`, {
				cookie: lead.cookie,
				body: { role: 'member' },
			});
			sql()
				.prepare('update invite set expires_at = ? where token = ?')
				.run(Date.now() - 1000, inv.body.token);
			expectError(await api('GET', `/api/invites/${inv.body.token}`), 404, 'not_found');
			expectError(
				await api('POST', `/api/invites/${inv.body.token}/accept`, { cookie: outsider.cookie }),
				404,
				'not_found',
			);
			const list = await api('GET', `/api/boards/${boardId}/invites`, { cookie: lead.cookie });
			expect(list.body.invites.map((i: { token: string }) => i.token)).not.toContain(
				inv.body.token,
			);
		});
	});

	describe('cross-origin requests (CSRF)', () => {
		it('a mutating request with a foreign Origin is 403 and changes nothing', async () => {
			const before = await api('GET', '/api/boards', { cookie: outsider.cookie });
			const cases: [string, string, unknown?][] = [
				['POST', '/api/boards', { title: 'Forged' }],
				['PATCH', `/api/boards/${boardId}`, { title: 'Forged' }],
				['DELETE', `/api/boards/${boardId}`],
				['POST', '/api/auth/logout-everywhere'],
				['POST', '/api/auth/logout'],
			];
			for (const origin of ['https://evil.example', 'null', `${server.url}.evil.example`]) {
				for (const [method, path, body] of cases) {
					const cookie = path.includes(boardId) ? lead.cookie : outsider.cookie;
					const res = await api(method, path, { cookie, body, headers: { origin } });
					expect({ origin, route: `${method} ${path}`, status: res.status }).toEqual({
						origin,
						route: `${method} ${path}`,
						status: 403,
					});
					expect(res.body.error.code).toBe('forbidden');
				}
				const login = await api('POST', '/api/auth/login', {
					body: { email: lead.email, password: PASSWORD },
					headers: { origin },
				});
				expectError(login, 403, 'forbidden');
				expect(login.headers.get('set-cookie')).toBeNull();
			}
			expect(await api('GET', '/api/boards', { cookie: outsider.cookie })).toMatchObject({
				body: before.body,
			});
			expect((await api('GET', '/api/me', { cookie: outsider.cookie })).status).toBe(200);
			expect((await api('GET', '/api/me', { cookie: lead.cookie })).status).toBe(200);
			expect(
				(await api('GET', `/api/boards/${boardId}`, { cookie: lead.cookie })).body.board.title,
			).toBe('Contract board');
		});

		it('the same request without an Origin header, or with our own Origin, is allowed', async () => {
			const bare = await api('POST', '/api/boards', {
				cookie: outsider.cookie,
				body: { title: 'From a script' },
			});
			expect(bare.status).toBe(201);
			const same = await api('POST', '/api/boards', {
				cookie: outsider.cookie,
				body: { title: 'From the app' },
				headers: { origin: server.services.env.origin },
			});
			expect(same.status).toBe(201);
		});

		it('a read with a foreign Origin is not a mutation and is answered', async () => {
			const res = await api('GET', `/api/boards/${boardId}`, {
				cookie: lead.cookie,
				headers: { origin: 'https://evil.example' },
			});
			expect(res.status).toBe(200);
		});
	});
});

describe('sign-in limits', () => {
	it('per account: 429 with Retry-After after too many failures, even with the right password', async () => {
		const server = await startTestServer({ PULSE_LOGIN_LIMIT_ACCOUNT: '3' });
		try {
			const victim = await signup(server.url, 'Victim');
			const bystander = await signup(server.url, 'Bystander');
			for (let i = 0; i < 3; i++) {
				const res = await call(server.url, 'POST', '/api/auth/login', {
					// Failures count per account whatever the letter case.
					body: {
						email: i % 2 ? victim.email.toUpperCase() : victim.email,
						password: `wrong-${i}-xx`,
					},
				});
				expectError(res, 401, 'unauthorized');
			}
			for (const password of ['wrong-again-xx', PASSWORD]) {
				const res = await call(server.url, 'POST', '/api/auth/login', {
					body: { email: victim.email, password },
				});
				expectError(res, 429, 'rate_limited');
				const retryAfter = Number(res.headers.get('retry-after'));
				expect(Number.isInteger(retryAfter)).toBe(true);
				expect(retryAfter).toBeGreaterThan(0);
				expect(retryAfter).toBeLessThanOrEqual(15 * 60);
				expect(res.headers.get('set-cookie')).toBeNull();
			}
			// Other accounts from the same IP are not locked out.
			const ok = await call(server.url, 'POST', '/api/auth/login', {
				body: { email: bystander.email, password: PASSWORD },
			});
			expect(ok.status).toBe(200);
			// The victim's existing session is untouched.
			expect((await call(server.url, 'GET', '/api/me', { cookie: victim.cookie })).status).toBe(
				200,
			);
		} finally {
			await server.dispose();
		}
	});

	it('per account: a success before the limit resets the count', async () => {
		const server = await startTestServer({ PULSE_LOGIN_LIMIT_ACCOUNT: '3' });
		try {
			const user = await signup(server.url, 'Forgetful');
			const attempt = (password: string) =>
				call(server.url, 'POST', '/api/auth/login', { body: { email: user.email, password } });
			for (let i = 0; i < 2; i++) expect((await attempt('nope-nope')).status).toBe(401);
			expect((await attempt(PASSWORD)).status).toBe(200);
			for (let i = 0; i < 2; i++) expect((await attempt('nope-nope')).status).toBe(401);
			expect((await attempt(PASSWORD)).status).toBe(200);
		} finally {
			await server.dispose();
		}
	});

	it('per IP: 429 with Retry-After after too many failures across accounts', async () => {
		const server = await startTestServer({
			PULSE_LOGIN_LIMIT_ACCOUNT: '100',
			PULSE_LOGIN_LIMIT_IP: '4',
		});
		try {
			const user = await signup(server.url, 'Innocent');
			for (let i = 0; i < 4; i++) {
				const res = await call(server.url, 'POST', '/api/auth/login', {
					body: { email: freshEmail(`spray${i}`), password: PASSWORD },
				});
				expectError(res, 401, 'unauthorized');
			}
			const res = await call(server.url, 'POST', '/api/auth/login', {
				body: { email: user.email, password: PASSWORD },
			});
			expectError(res, 429, 'rate_limited');
			expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
		} finally {
			await server.dispose();
		}
	});
});

describe('cookies on an https ORIGIN', () => {
	it('the session cookie is Secure when ORIGIN is https', async () => {
		const server = await startTestServer({ ORIGIN: 'https://pulse.example' });
		try {
			const res = await call(server.url, 'POST', '/api/auth/signup', {
				body: { email: freshEmail('secure'), name: 'Secure', password: PASSWORD },
			});
			expect(res.status).toBe(201);
			const attrs = cookieAttributes(res.headers.get('set-cookie') ?? '');
			expect(attrs.has('secure')).toBe(true);
			expect(attrs.has('httponly')).toBe(true);
			const out = await call(server.url, 'POST', '/api/auth/logout', {
				cookie: cookieFrom(res.headers),
			});
			expect(cookieAttributes(out.headers.get('set-cookie') ?? '').has('secure')).toBe(true);
		} finally {
			await server.dispose();
		}
	});
});
