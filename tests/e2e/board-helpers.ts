/** Two-browser helpers for the board e2e tests: users and boards via the JSON API, content via a real y-websocket client. */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { addKr, addObjective, type NewKr } from '../../src/lib/board/mutations.ts';
import { connectClient, waitFor } from '../helpers/client.ts';

let counter = 0;

export interface Member {
	context: BrowserContext;
	page: Page;
	user: { id: string; name: string };
	email: string;
	errors: string[];
}

/** A fresh browser context signed up as a new user, with console errors collected. */
export async function signUp(browser: Browser, name: string): Promise<Member> {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const email = `${name.toLowerCase()}-${Date.now()}-${++counter}@e2e.pulse`;
	const res = await context.request.post('/api/auth/signup', {
		data: { email, name, password: 'correct horse battery' },
	});
	expect(res.status()).toBe(201);
	const { user } = await res.json();
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error') errors.push(msg.text());
	});
	page.on('pageerror', (err) => errors.push(err.message));
	return { context, page, user, email, errors };
}

export async function createBoard(lead: Member, title = 'E2E board'): Promise<string> {
	const res = await lead.context.request.post('/api/boards', { data: { title } });
	expect(res.status()).toBe(201);
	return (await res.json()).id;
}

export async function invite(lead: Member, boardId: string, who: Member, role: string) {
	const inv = await lead.context.request.post(`/api/boards/${boardId}/invites`, { data: { role } });
	expect(inv.status()).toBe(201);
	const { token } = await inv.json();
	const acc = await who.context.request.post(`/api/invites/${token}/accept`);
	expect(acc.status()).toBe(200);
}

/** Writes an objective with KRs through a plain y-websocket client, as outside scripts do. */
export async function seed(
	baseURL: string,
	member: Member,
	boardId: string,
	objective: string,
	krs: Omit<NewKr, 'objectiveId'>[],
): Promise<string[]> {
	const cookies = await member.context.cookies();
	const session = cookies.find((c) => c.name === 'pulse_session');
	const client = connectClient(
		`${baseURL.replace(/^http/, 'ws')}/ws`,
		boardId,
		`pulse_session=${session?.value}`,
	);
	await client.synced();
	const ids: string[] = [];
	client.doc.transact(() => {
		const o = addObjective(client.doc, { title: objective, ownerId: member.user.id });
		for (const kr of krs)
			ids.push(
				addKr(client.doc, { objectiveId: o, ownerId: member.user.id, ...kr }, member.user.id),
			);
	});
	// The server echoes nothing back for our own update: wait until a second client sees it.
	const check = connectClient(
		`${baseURL.replace(/^http/, 'ws')}/ws`,
		boardId,
		`pulse_session=${session?.value}`,
	);
	await check.synced();
	await waitFor(check.doc, () => check.doc.getMap('krs').size >= ids.length);
	check.destroy();
	client.destroy();
	return ids;
}

export async function openBoard(member: Member, boardId: string) {
	await member.page.goto(`/b/${boardId}`);
	await expect(member.page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
}

/** The KR row (a group named by its title). */
export const krRow = (page: Page, title: string) =>
	page.getByRole('group', { name: title, exact: true });

export const titleField = (page: Page, title: string) =>
	krRow(page, title).getByRole('textbox', { name: 'Key result title' });
