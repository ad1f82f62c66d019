import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, addMember, call, signup, type ApiUser } from '../helpers/api.ts';
import { connectClient, nextClose, waitFor } from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

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
});
