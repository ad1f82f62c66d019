import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, addMember, call, signup, type ApiUser } from '../helpers/api.ts';
import { connectClient, nextClose, waitFor, type Client } from '../helpers/client.ts';
import { parseNotice, type SyncNotice } from '../../src/lib/sync-notices.ts';
import { startTestServer, until, type TestServer } from '../helpers/server.ts';

/** Collects the Pulse notices a provider receives (y-websocket's auth message, type 2). */
function notices(client: Client): SyncNotice[] {
	const seen: SyncNotice[] = [];
	client.provider.messageHandlers[2] = (_encoder, decoder) => {
		decoding.readVarUint(decoder); // 0: permission denied
		const notice = parseNotice(decoding.readVarString(decoder));
		if (notice) seen.push(notice);
	};
	return seen;
}

describe('socket lifecycle', () => {
	let server: TestServer;
	let lead: ApiUser;
	beforeAll(async () => {
		server = await startTestServer();
		lead = await signup(server.url, 'Lead');
	});
	afterAll(() => server.dispose());

	it('closes a socket with 4401 once its session has expired', async () => {
		const user = await signup(server.url, 'Expiring');
		const boardId = await createBoard(server.url, user);
		const c = connectClient(server.wsUrl, boardId, user.cookie);
		await c.synced();
		server.services.db.$client
			.prepare('UPDATE session SET expires_at = 0 WHERE user_id = ?')
			.run(user.id);
		const closed = nextClose(c);
		server.services.sync.heartbeat();
		const { code, reason } = await closed;
		expect(code).toBe(4401);
		expect(reason).toMatch(/expired/);
		c.destroy();
	});

	it('keeps live sockets with valid sessions through a heartbeat', async () => {
		const boardId = await createBoard(server.url, lead);
		const a = connectClient(server.wsUrl, boardId, lead.cookie);
		const b = connectClient(server.wsUrl, boardId, lead.cookie);
		await Promise.all([a.synced(), b.synced()]);
		server.services.sync.heartbeat();
		a.doc.getMap('krs').set('still', 'here');
		await waitFor(b.doc, () => b.doc.getMap('krs').get('still') === 'here');
		expect(a.closes).toEqual([]);
		a.destroy();
		b.destroy();
	});

	it('reconnects a viewer promoted to member so their later edits land', async () => {
		const boardId = await createBoard(server.url, lead);
		const viewer = await signup(server.url, 'Viewer');
		await addMember(server.url, lead, boardId, viewer, 'viewer');
		const v = connectClient(server.wsUrl, boardId, viewer.cookie);
		const l = connectClient(server.wsUrl, boardId, lead.cookie);
		await Promise.all([v.synced(), l.synced()]);
		v.doc.getMap('krs').set('while-viewer', 1);
		const closed = nextClose(v);
		const res = await call(server.url, 'PUT', `/api/boards/${boardId}/members/${viewer.id}`, {
			cookie: lead.cookie,
			body: { role: 'member' },
		});
		expect(res.status).toBe(200);
		expect((await closed).code).toBe(1012);
		v.doc.getMap('krs').set('as-member', 2);
		await waitFor(l.doc, () => l.doc.getMap('krs').get('as-member') === 2);
		v.destroy();
		l.destroy();
	});

	it('tells a demoted member at once, and tells a viewer each time its writes are refused', async () => {
		const boardId = await createBoard(server.url, lead);
		const member = await signup(server.url, 'Demoted');
		await addMember(server.url, lead, boardId, member, 'member');
		const m = connectClient(server.wsUrl, boardId, member.cookie);
		const heard = notices(m);
		await m.synced();
		const res = await call(server.url, 'PUT', `/api/boards/${boardId}/members/${member.id}`, {
			cookie: lead.cookie,
			body: { role: 'viewer' },
		});
		expect(res.status).toBe(200);
		await until(() => heard.length > 0);
		expect(heard).toEqual([{ kind: 'role', role: 'viewer' }]);
		m.doc.getMap('krs').set('refused', 1);
		await until(() => heard.length > 1);
		expect(heard[1]).toEqual({ kind: 'refused', why: 'read-only' });
		expect(m.closes).toEqual([]);
		m.destroy();
	});
});
