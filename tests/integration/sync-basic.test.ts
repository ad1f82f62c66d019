import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, signup, type ApiUser } from '../helpers/api.ts';
import { connectClient, waitFor } from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe('sync basics', () => {
	let server: TestServer;
	let lead: ApiUser;
	let boardId: string;
	beforeAll(async () => {
		server = await startTestServer();
		lead = await signup(server.url, 'Lead');
		boardId = await createBoard(server.url, lead, 'Sync board');
	});
	afterAll(() => server.dispose());

	it('two clients sync and the first sync holds the stored settings', async () => {
		const a = connectClient(server.wsUrl, boardId, lead.cookie);
		const b = connectClient(server.wsUrl, boardId, lead.cookie);
		await Promise.all([a.synced(), b.synced()]);
		expect(a.doc.getMap('board').get('title')).toBe('Sync board');
		a.doc.getMap('krs').set('x', 'hello');
		await waitFor(b.doc, () => b.doc.getMap('krs').get('x') === 'hello');
		a.destroy();
		b.destroy();
	});
});
