/**
 * The permission matrix: roles lead, member, viewer, a non-member and a signed-out caller ×
 * every mutating board route (expected statuses in one table, each case on a fresh board,
 * with a check that a refused request changed nothing), and the same roles on the websocket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMember, call, cookieFrom, createBoard, signup, type ApiUser } from '../helpers/api.ts';
import { connectClient, nextClose, waitFor, type Client } from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

type Actor = 'lead' | 'member' | 'viewer' | 'outsider' | 'anonymous';
const ACTORS: Actor[] = ['lead', 'member', 'viewer', 'outsider', 'anonymous'];

let server: TestServer;
const users = {} as Record<Exclude<Actor, 'anonymous'> | 'coLead' | 'target', ApiUser>;

const api = (method: string, path: string, opts?: Parameters<typeof call>[3]) =>
	call(server.url, method, path, opts);
const sql = () => server.services.db.$client;
const count = (query: string, ...args: unknown[]) =>
	(
		sql()
			.prepare(query)
			.get(...args) as { n: number }
	).n;
const roleOf = (boardId: string, userId: string) =>
	(
		sql()
			.prepare('select role from board_member where board_id = ? and user_id = ?')
			.get(boardId, userId) as { role: string } | undefined
	)?.role ?? null;

/** A fresh board: lead and co-lead, a member, a viewer, a target member, and one live invite. */
interface Fixture {
	boardId: string;
	inviteToken: string;
	invites: number;
}
async function fixture(): Promise<Fixture> {
	const boardId = await createBoard(server.url, users.lead, 'Matrix board');
	await addMember(server.url, users.lead, boardId, users.coLead, 'lead');
	await addMember(server.url, users.lead, boardId, users.member, 'member');
	await addMember(server.url, users.lead, boardId, users.viewer, 'viewer');
	await addMember(server.url, users.lead, boardId, users.target, 'member');
	const inv = await api('POST', `/api/boards/${boardId}/invites`, {
		cookie: users.lead.cookie,
		body: { role: 'viewer' },
	});
	expect(inv.status).toBe(201);
	const invites = count('select count(*) as n from invite where board_id = ?', boardId);
	return { boardId, inviteToken: inv.body.token, invites };
}

interface Route {
	/** [method, path, body] for this actor on this fixture. */
	request(fx: Fixture, actor: Actor): [string, string, unknown?];
	/** Whether the mutation took effect, read straight from the database. */
	happened?(fx: Fixture, actor: Actor): boolean;
	/** Which actors' successful requests change something (default: every 2xx). */
	changes?: Actor[];
}

const self = (actor: Actor) => (actor === 'anonymous' ? users.member : users[actor]).id;

const ROUTES: Record<string, Route> = {
	'PATCH /boards/:id (settings)': {
		request: (fx) => ['PATCH', `/api/boards/${fx.boardId}`, { title: 'Renamed' }],
		happened: (fx) =>
			count('select count(*) as n from board where id = ? and title = ?', fx.boardId, 'Renamed') ===
			1,
	},
	'DELETE /boards/:id': {
		request: (fx) => ['DELETE', `/api/boards/${fx.boardId}`],
		happened: (fx) => count('select count(*) as n from board where id = ?', fx.boardId) === 0,
	},
	'POST /boards/:id/invites': {
		request: (fx) => ['POST', `/api/boards/${fx.boardId}/invites`, { role: 'lead' }],
		happened: (fx) =>
			count('select count(*) as n from invite where board_id = ?', fx.boardId) > fx.invites,
	},
	'DELETE /boards/:id/invites/:token': {
		request: (fx) => ['DELETE', `/api/boards/${fx.boardId}/invites/${fx.inviteToken}`],
		happened: (fx) =>
			count(
				'select count(*) as n from invite where token = ? and revoked_at is not null',
				fx.inviteToken,
			) === 1,
	},
	'PUT /boards/:id/members/:other (change role)': {
		request: (fx) => [
			'PUT',
			`/api/boards/${fx.boardId}/members/${users.target.id}`,
			{ role: 'viewer' },
		],
		happened: (fx) => roleOf(fx.boardId, users.target.id) === 'viewer',
	},
	'PUT /boards/:id/members/:self (promote yourself to lead)': {
		request: (fx, actor) => [
			'PUT',
			`/api/boards/${fx.boardId}/members/${self(actor)}`,
			{ role: 'lead' },
		],
		happened: (fx) =>
			count(
				"select count(*) as n from board_member where board_id = ? and role = 'lead'",
				fx.boardId,
			) > 2,
		changes: [],
	},
	'DELETE /boards/:id/members/:other (remove)': {
		request: (fx) => ['DELETE', `/api/boards/${fx.boardId}/members/${users.target.id}`],
		happened: (fx) => roleOf(fx.boardId, users.target.id) === null,
	},
	'DELETE /boards/:id/members/:self (leave)': {
		request: (fx, actor) => ['DELETE', `/api/boards/${fx.boardId}/members/${self(actor)}`],
		happened: (fx) =>
			count('select count(*) as n from board_member where board_id = ?', fx.boardId) < 5,
	},
	'POST /invites/:token/accept (viewer invite)': {
		request: (fx) => ['POST', `/api/invites/${fx.inviteToken}/accept`],
		happened: (fx) =>
			count('select count(*) as n from board_member where board_id = ?', fx.boardId) > 5,
		// Members keep their higher role; only the outsider joins.
		changes: ['outsider'],
	},
	'POST /boards (create)': {
		request: () => ['POST', '/api/boards', { title: 'Another board' }],
	},
};

/** Expected status per route and actor. */
const EXPECTED: Record<keyof typeof ROUTES, Record<Actor, number>> = {
	'PATCH /boards/:id (settings)': {
		lead: 200,
		member: 403,
		viewer: 403,
		outsider: 404,
		anonymous: 401,
	},
	'DELETE /boards/:id': { lead: 204, member: 403, viewer: 403, outsider: 404, anonymous: 401 },
	'POST /boards/:id/invites': {
		lead: 201,
		member: 403,
		viewer: 403,
		outsider: 404,
		anonymous: 401,
	},
	'DELETE /boards/:id/invites/:token': {
		lead: 204,
		member: 403,
		viewer: 403,
		outsider: 404,
		anonymous: 401,
	},
	'PUT /boards/:id/members/:other (change role)': {
		lead: 200,
		member: 403,
		viewer: 403,
		outsider: 404,
		anonymous: 401,
	},
	'PUT /boards/:id/members/:self (promote yourself to lead)': {
		lead: 200,
		member: 403,
		viewer: 403,
		outsider: 404,
		anonymous: 401,
	},
	'DELETE /boards/:id/members/:other (remove)': {
		lead: 204,
		member: 403,
		viewer: 403,
		outsider: 404,
		anonymous: 401,
	},
	'DELETE /boards/:id/members/:self (leave)': {
		lead: 204,
		member: 204,
		viewer: 204,
		outsider: 404,
		anonymous: 401,
	},
	'POST /invites/:token/accept (viewer invite)': {
		lead: 200,
		member: 200,
		viewer: 200,
		outsider: 200,
		anonymous: 401,
	},
	'POST /boards (create)': { lead: 201, member: 201, viewer: 201, outsider: 201, anonymous: 401 },
};

/** Reads: every member may read; invites are lead-only; non-members see nothing. */
const READS: Record<string, [(fx: Fixture) => string, Record<Actor, number>]> = {
	'GET /boards/:id': [
		(fx) => `/api/boards/${fx.boardId}`,
		{ lead: 200, member: 200, viewer: 200, outsider: 404, anonymous: 401 },
	],
	'GET /boards/:id/doc': [
		(fx) => `/api/boards/${fx.boardId}/doc`,
		{ lead: 200, member: 200, viewer: 200, outsider: 404, anonymous: 401 },
	],
	'GET /boards/:id/members': [
		(fx) => `/api/boards/${fx.boardId}/members`,
		{ lead: 200, member: 200, viewer: 200, outsider: 404, anonymous: 401 },
	],
	'GET /boards/:id/invites': [
		(fx) => `/api/boards/${fx.boardId}/invites`,
		{ lead: 200, member: 403, viewer: 403, outsider: 404, anonymous: 401 },
	],
};

const ERROR_CODE: Record<number, string> = {
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not_found',
};

const mutatingCases = Object.entries(EXPECTED).flatMap(([route, byActor]) =>
	ACTORS.map((actor) => ({ route, actor, status: byActor[actor] })),
);
const readCases = Object.entries(READS).flatMap(([route, [, byActor]]) =>
	ACTORS.map((actor) => ({ route, actor, status: byActor[actor] })),
);

beforeAll(async () => {
	server = await startTestServer();
	const names = ['lead', 'coLead', 'member', 'viewer', 'target', 'outsider'] as const;
	const created = await Promise.all(names.map((n) => signup(server.url, n)));
	names.forEach((n, i) => (users[n] = created[i]));
});
afterAll(() => server?.dispose());

describe('permission matrix: HTTP', () => {
	it.each(mutatingCases)('$route as $actor → $status', async ({ route, actor, status }) => {
		const spec = ROUTES[route];
		const fx = await fixture();
		const [method, path, body] = spec.request(fx, actor);
		const cookie = actor === 'anonymous' ? undefined : users[actor].cookie;
		const res = await api(method, path, { cookie, body });
		expect(res.status).toBe(status);
		if (status >= 400) expect(res.body.error.code).toBe(ERROR_CODE[status]);
		if (spec.happened) {
			const shouldChange = status < 400 && (spec.changes ?? ACTORS).includes(actor);
			expect(spec.happened(fx, actor)).toBe(shouldChange);
		}
	});

	it.each(readCases)('$route as $actor → $status', async ({ route, actor, status }) => {
		const fx = await fixture();
		const cookie = actor === 'anonymous' ? undefined : users[actor].cookie;
		const res = await api('GET', READS[route][0](fx), { cookie });
		expect(res.status).toBe(status);
		if (status >= 400) {
			expect(res.body.error.code).toBe(ERROR_CODE[status]);
			expect(JSON.stringify(res.body)).not.toContain('Matrix board');
		}
	});
});

// ——— websocket ———

/** Resolves when `check` holds for `client`'s view of awareness. */
function waitForAwareness(client: Client, check: () => boolean, timeoutMs = 5000): Promise<void> {
	const awareness = client.provider.awareness;
	if (check()) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			awareness.off('change', onChange);
			reject(new Error('awareness condition not met in time'));
		}, timeoutMs);
		const onChange = () => {
			if (!check()) return;
			clearTimeout(timer);
			awareness.off('change', onChange);
			resolve();
		};
		awareness.on('change', onChange);
	});
}

let probeSerial = 0;
/**
 * Resolves once `observer` has seen an awareness change sent by `sender` after everything
 * `sender` sent before: the server handles one socket's messages in order, so by then it has
 * handled (and either dropped or accepted) all of the sender's earlier updates.
 */
async function barrier(sender: Client, observer: Client): Promise<void> {
	const probe = ++probeSerial;
	sender.provider.awareness.setLocalStateField('probe', probe);
	await waitForAwareness(
		observer,
		() => observer.provider.awareness.getStates().get(sender.doc.clientID)?.probe === probe,
	);
}

/** `writer` writes a fresh objective; resolves once every observer has it. */
async function marker(writer: Client, observers: Client[]): Promise<string> {
	const id = `marker-${++probeSerial}`;
	writer.doc.getMap('objectives').set(id, { id, title: id, order: id });
	await Promise.all(observers.map((o) => waitFor(o.doc, () => o.doc.getMap('objectives').has(id))));
	return id;
}

const open: Client[] = [];
function connect(boardId: string, user?: ApiUser, doc?: Y.Doc): Client {
	const client = connectClient(server.wsUrl, boardId, user?.cookie, { doc });
	open.push(client);
	return client;
}
function closeAll(): void {
	for (const c of open.splice(0)) c.destroy();
}

const journalRows = (boardId: string, userId: string) =>
	count('select count(*) as n from doc_update where board_id = ? and user_id = ?', boardId, userId);
const storedDoc = async (boardId: string) =>
	(await api('GET', `/api/boards/${boardId}/doc`, { cookie: users.lead.cookie })).body;

describe('permission matrix: websocket', () => {
	afterAll(closeAll);

	/** Per role: whether a content write and a write to the lead-only `board` map reach others. */
	const SOCKET: Record<'lead' | 'member' | 'viewer', { content: boolean; board: boolean }> = {
		lead: { content: true, board: true },
		member: { content: true, board: false },
		viewer: { content: false, board: false },
	};

	it.each(Object.entries(SOCKET))(
		'%s: syncs; content write reaches others and is stored: %j',
		async (role, expected) => {
			const fx = await fixture();
			const actorUser = users[role as 'lead' | 'member' | 'viewer'];
			// The observer is a second lead session that receives everything relayed.
			const observer = connect(fx.boardId, users.coLead);
			const actor = connect(fx.boardId, actorUser);
			await Promise.all([observer.synced(), actor.synced()]);
			expect(actor.doc.getMap('board').get('title')).toBe('Matrix board');

			const rowsBefore = journalRows(fx.boardId, actorUser.id);
			// Three transactions, in order on one socket: board title, board key deletion, content.
			actor.doc.getMap('board').set('title', `Written by ${role}`);
			actor.doc.getMap('board').delete('cycleStart');
			actor.doc.getMap('objectives').set('o-actor', { id: 'o-actor', title: role, order: 'a' });
			await barrier(actor, observer);
			// The server has handled all the actor sent. A newcomer's sync shows the server's doc,
			// and its marker reaches the observer after anything of the actor's that was relayed.
			const third = connect(fx.boardId, users.lead);
			await third.synced();
			await marker(third, [observer, actor]);

			for (const peer of [observer, third]) {
				expect(peer.doc.getMap('objectives').has('o-actor')).toBe(expected.content);
				expect(peer.doc.getMap('board').get('title')).toBe(
					expected.board ? `Written by ${role}` : 'Matrix board',
				);
				expect(peer.doc.getMap('board').has('cycleStart')).toBe(!expected.board);
			}
			const stored = await storedDoc(fx.boardId);
			expect(stored.objectives.some((o: { id: string }) => o.id === 'o-actor')).toBe(
				expected.content,
			);
			expect(stored.board.title).toBe(expected.board ? `Written by ${role}` : 'Matrix board');
			expect(journalRows(fx.boardId, actorUser.id) > rowsBefore).toBe(expected.content);
			closeAll();
		},
	);

	it('a non-member is closed with 4403 and receives no doc content', async () => {
		const fx = await fixture();
		const client = connect(fx.boardId, users.outsider);
		const close = await nextClose(client);
		expect(close.code).toBe(4403);
		expect(client.provider.synced).toBe(false);
		expect(client.doc.getMap('board').size).toBe(0);
		expect(Y.encodeStateVector(client.doc)).toEqual(Y.encodeStateVector(new Y.Doc()));
		// A missing board answers exactly the same.
		const ghost = connect('no-such-board-0000', users.outsider);
		expect(await nextClose(ghost)).toEqual(close);
		closeAll();
	});

	it('no cookie, or a signed-out cookie, is closed with 4401', async () => {
		const fx = await fixture();
		const anonymous = connect(fx.boardId);
		const close = await nextClose(anonymous);
		expect(close.code).toBe(4401);
		expect(anonymous.doc.getMap('board').size).toBe(0);

		const login = await api('POST', '/api/auth/login', {
			body: { email: users.member.email, password: 'correct horse battery' },
		});
		const cookie = cookieFrom(login.headers);
		expect((await api('POST', '/api/auth/logout', { cookie })).status).toBe(204);
		const stale = connectClient(server.wsUrl, fx.boardId, cookie);
		open.push(stale);
		expect((await nextClose(stale)).code).toBe(4401);
		expect(stale.doc.getMap('board').size).toBe(0);
		closeAll();
	});

	it('a viewer receives sync, updates and awareness; their updates (live and offline) reach no one and are not stored', async () => {
		const fx = await fixture();
		// Edits made offline before connecting travel in the viewer's sync step 2.
		const offline = new Y.Doc();
		offline.getMap('objectives').set('o-offline', { id: 'o-offline', title: 'x', order: 'a' });
		const lead = connect(fx.boardId, users.lead);
		const member = connect(fx.boardId, users.member);
		const viewer = connect(fx.boardId, users.viewer, offline);
		await Promise.all([lead.synced(), member.synced(), viewer.synced()]);
		expect(viewer.doc.getMap('board').get('title')).toBe('Matrix board');

		// Awareness flows both ways, with the server-set identity.
		lead.provider.awareness.setLocalStateField('focus', { krId: 'k1', field: 'title' });
		await waitForAwareness(
			viewer,
			() => viewer.provider.awareness.getStates().get(lead.doc.clientID)?.focus?.krId === 'k1',
		);
		expect(viewer.provider.awareness.getStates().get(lead.doc.clientID)?.user?.id).toBe(
			users.lead.id,
		);
		viewer.provider.awareness.setLocalStateField('user', { id: users.lead.id, name: 'Imposter' });
		await barrier(viewer, member);
		expect(member.provider.awareness.getStates().get(viewer.doc.clientID)?.user?.id).toBe(
			users.viewer.id,
		);

		viewer.doc.getMap('objectives').set('o-viewer', { id: 'o-viewer', title: 'y', order: 'b' });
		viewer.doc.getMap('board').set('title', 'Viewer title');
		await barrier(viewer, member);
		// Live updates still reach the viewer.
		await marker(lead, [viewer, member]);

		for (const peer of [lead, member]) {
			expect(peer.doc.getMap('objectives').has('o-viewer')).toBe(false);
			expect(peer.doc.getMap('objectives').has('o-offline')).toBe(false);
			expect(peer.doc.getMap('board').get('title')).toBe('Matrix board');
		}
		expect(journalRows(fx.boardId, users.viewer.id)).toBe(0);
		const stored = await storedDoc(fx.boardId);
		expect(stored.objectives.map((o: { id: string }) => o.id)).not.toContain('o-viewer');
		expect(stored.objectives.map((o: { id: string }) => o.id)).not.toContain('o-offline');
		expect(stored.board.title).toBe('Matrix board');
		// The viewer is still connected.
		expect(viewer.closes).toEqual([]);
		closeAll();
	});

	it('a member’s write to the lead-only board map is dropped, their later content writes still land; a lead’s board write is kept', async () => {
		const fx = await fixture();
		const lead = connect(fx.boardId, users.lead);
		const member = connect(fx.boardId, users.member);
		const viewer = connect(fx.boardId, users.viewer);
		await Promise.all([lead.synced(), member.synced(), viewer.synced()]);

		member.doc.getMap('board').set('bands', { green: 2, yellow: 1 });
		member.doc.getMap('objectives').set('o-member', { id: 'o-member', title: 'm', order: 'c' });
		await waitFor(lead.doc, () => lead.doc.getMap('objectives').has('o-member'));
		await waitFor(viewer.doc, () => viewer.doc.getMap('objectives').has('o-member'));
		expect(lead.doc.getMap('board').get('bands')).toEqual({ green: 7, yellow: 4 });
		expect(viewer.doc.getMap('board').get('bands')).toEqual({ green: 7, yellow: 4 });

		// One transaction writing both: the board part is dropped, the content part lands.
		member.doc.transact(() => {
			member.doc.getMap('board').set('title', 'Member title');
			member.doc.getMap('objectives').set('o-mixed', { id: 'o-mixed', title: 'x', order: 'd' });
			member.doc.getMap('board').delete('cycleEnd');
		});
		await waitFor(lead.doc, () => lead.doc.getMap('objectives').has('o-mixed'));
		expect(lead.doc.getMap('board').get('title')).toBe('Matrix board');
		expect(lead.doc.getMap('board').has('cycleEnd')).toBe(true);

		// Offline edits with a board write, sent in a reconnecting member's sync step 2.
		const offline = new Y.Doc();
		Y.applyUpdate(offline, Y.encodeStateAsUpdate(member.doc));
		offline.getMap('board').set('title', 'Offline member title');
		offline.getMap('objectives').set('o-offline', { id: 'o-offline', title: 'o', order: 'e' });
		const returning = connect(fx.boardId, users.member, offline);
		await returning.synced();
		await waitFor(lead.doc, () => lead.doc.getMap('objectives').has('o-offline'));
		expect(lead.doc.getMap('board').get('title')).toBe('Matrix board');
		// The first member socket's later writes still land after all of that.
		member.doc.getMap('objectives').set('o-later', { id: 'o-later', title: 'l', order: 'f' });
		await waitFor(viewer.doc, () => viewer.doc.getMap('objectives').has('o-later'));

		// The lead's board write is kept. (Not asserted on the member's socket: a rejected write
		// stays in the sender's local doc, and Yjs may order it after the lead's concurrent one.)
		lead.doc.getMap('board').set('title', 'Lead retitled');
		await waitFor(viewer.doc, () => viewer.doc.getMap('board').get('title') === 'Lead retitled');
		const fresh = connect(fx.boardId, users.member);
		await fresh.synced();
		expect(fresh.doc.getMap('board').get('title')).toBe('Lead retitled');
		expect(fresh.doc.getMap('board').get('bands')).toEqual({ green: 7, yellow: 4 });
		const stored = await storedDoc(fx.boardId);
		expect(stored.board.title).toBe('Lead retitled');
		expect(stored.board.bands).toEqual({ green: 7, yellow: 4 });
		expect(stored.board.cycleStart).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(stored.board.cycleEnd).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(stored.objectives.map((o: { id: string }) => o.id)).toEqual(
			expect.arrayContaining(['o-member', 'o-mixed', 'o-offline', 'o-later']),
		);
		closeAll();
	});

	it('a removed member’s open socket closes with 4403 within a second, and stays closed', async () => {
		const fx = await fixture();
		const lead = connect(fx.boardId, users.lead);
		const member = connect(fx.boardId, users.member);
		await Promise.all([lead.synced(), member.synced()]);
		const closed = nextClose(member, 1000);
		const started = Date.now();
		const res = await api('DELETE', `/api/boards/${fx.boardId}/members/${users.member.id}`, {
			cookie: users.lead.cookie,
		});
		expect(res.status).toBe(204);
		const close = await closed;
		expect(close.code).toBe(4403);
		expect(Date.now() - started).toBeLessThan(1000);
		// Later edits by the removed member go nowhere.
		member.doc.getMap('objectives').set('o-gone', { id: 'o-gone', title: 'g', order: 'd' });
		expect(member.provider.wsconnected).toBe(false);
		const again = connect(fx.boardId, users.member);
		expect((await nextClose(again)).code).toBe(4403);
		expect((await storedDoc(fx.boardId)).objectives.map((o: { id: string }) => o.id)).not.toContain(
			'o-gone',
		);
		closeAll();
	});

	it('a member demoted to viewer stays connected and their later writes are dropped', async () => {
		const fx = await fixture();
		const lead = connect(fx.boardId, users.lead);
		const member = connect(fx.boardId, users.member);
		await Promise.all([lead.synced(), member.synced()]);
		member.doc.getMap('objectives').set('o-before', { id: 'o-before', title: 'b', order: 'e' });
		await waitFor(lead.doc, () => lead.doc.getMap('objectives').has('o-before'));

		const res = await api('PUT', `/api/boards/${fx.boardId}/members/${users.member.id}`, {
			cookie: users.lead.cookie,
			body: { role: 'viewer' },
		});
		expect(res.status).toBe(200);
		member.doc.getMap('objectives').set('o-after', { id: 'o-after', title: 'a', order: 'f' });
		await barrier(member, lead);
		const observer = connect(fx.boardId, users.coLead);
		await observer.synced();
		await marker(lead, [member, observer]);

		expect(member.closes).toEqual([]);
		expect(member.provider.wsconnected).toBe(true);
		for (const peer of [lead, observer]) {
			expect(peer.doc.getMap('objectives').has('o-before')).toBe(true);
			expect(peer.doc.getMap('objectives').has('o-after')).toBe(false);
		}
		const ids = (await storedDoc(fx.boardId)).objectives.map((o: { id: string }) => o.id);
		expect(ids).toContain('o-before');
		expect(ids).not.toContain('o-after');
		closeAll();
	});

	it('sign-out closes that session’s sockets with 4401 and leaves the user’s other sessions open', async () => {
		const fx = await fixture();
		const login = await api('POST', '/api/auth/login', {
			body: { email: users.member.email, password: 'correct horse battery' },
		});
		const otherSession = { ...users.member, cookie: cookieFrom(login.headers) };
		const lead = connect(fx.boardId, users.lead);
		const ending = connect(fx.boardId, otherSession);
		const staying = connect(fx.boardId, users.member);
		await Promise.all([lead.synced(), ending.synced(), staying.synced()]);

		const closed = nextClose(ending, 1000);
		expect((await api('POST', '/api/auth/logout', { cookie: otherSession.cookie })).status).toBe(
			204,
		);
		expect((await closed).code).toBe(4401);
		// The other session's socket still works both ways.
		await marker(lead, [staying]);
		await marker(staying, [lead]);
		expect(staying.closes).toEqual([]);
		closeAll();
	});

	it('sign-out everywhere closes all of that user’s sockets with 4401, nobody else’s', async () => {
		const fx = await fixture();
		const login = await api('POST', '/api/auth/login', {
			body: { email: users.viewer.email, password: 'correct horse battery' },
		});
		const second = { ...users.viewer, cookie: cookieFrom(login.headers) };
		const lead = connect(fx.boardId, users.lead);
		const a = connect(fx.boardId, users.viewer);
		const b = connect(fx.boardId, second);
		await Promise.all([lead.synced(), a.synced(), b.synced()]);
		const closes = Promise.all([nextClose(a, 1000), nextClose(b, 1000)]);
		expect(
			(await api('POST', '/api/auth/logout-everywhere', { cookie: second.cookie })).status,
		).toBe(204);
		expect((await closes).map((c) => c.code)).toEqual([4401, 4401]);
		expect(lead.closes).toEqual([]);
		expect(lead.provider.wsconnected).toBe(true);
		expect(a.provider.wsconnected || b.provider.wsconnected).toBe(false);
		closeAll();
	});
});
