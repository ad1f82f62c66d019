// Accounts, boards, invites and roles through the real pages (issue 4).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';

const PASSWORD = 'correct horse battery';
let counter = 0;
const emailFor = (name: string) =>
	`${name.toLowerCase()}-${Date.now()}-${++counter}-${process.pid}@e2e.pulse`;

/** Collects console errors and uncaught exceptions; every test asserts none happened. */
function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error') errors.push(`${page.url()}: ${msg.text()}`);
	});
	page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.message}`));
	return errors;
}

/** Serious and critical accessibility findings fail the test. */
async function expectAccessible(page: Page) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

/** A signed-in browser context for a user created through the API (setup, not under test). */
async function userContext(browser: Browser, request: APIRequestContext, name: string) {
	const email = emailFor(name);
	const res = await request.post('/api/auth/signup', {
		data: { email, name, password: PASSWORD },
	});
	expect(res.status()).toBe(201);
	const token = /pulse_session=([^;]+)/.exec(res.headers()['set-cookie'] ?? '')?.[1] ?? '';
	const { user } = (await res.json()) as { user: { id: string } };
	const context = await browser.newContext();
	const baseURL = test.info().project.use.baseURL!;
	await context.addCookies([{ name: 'pulse_session', value: token, url: baseURL }]);
	const page = await context.newPage();
	return {
		context,
		page,
		email,
		id: user.id,
		cookie: `pulse_session=${token}`,
		errors: watchErrors(page),
	};
}

async function signUpThroughUi(page: Page, name: string, email: string, button: string) {
	await page.getByLabel('Name').fill(name);
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: button }).click();
}

async function members(page: Page, boardId: string) {
	const res = await page.request.get(`/api/boards/${boardId}/members`);
	expect(res.status()).toBe(200);
	const body = (await res.json()) as { members: { name: string; role: string }[] };
	return body.members
		.map((m) => ({ name: m.name, role: m.role }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

test('a lead signs up, creates a board and invites a second user who signs up through the link', async ({
	browser,
}) => {
	const lead = await browser.newContext();
	await lead.grantPermissions(['clipboard-read', 'clipboard-write']);
	const a = await lead.newPage();
	const aErrors = watchErrors(a);

	await a.goto('/');
	await expect(a.getByRole('heading', { level: 1 })).toContainText('Check in on your OKRs');
	await expectAccessible(a);
	await a.getByRole('link', { name: 'Sign up — it’s free' }).click();
	await expect(a).toHaveURL(/\/signup$/);
	await signUpThroughUi(a, 'Ada Lead', emailFor('ada'), 'Create account');

	await expect(a.getByRole('heading', { name: 'My boards' })).toBeVisible();
	await expect(a.getByRole('heading', { name: 'Create your first board' })).toBeVisible();
	await expect(a.getByRole('button', { name: 'Account menu for Ada Lead' })).toBeVisible();
	await expectAccessible(a);
	await a.getByLabel('Board title').fill('Growth Q3');
	await a.getByRole('button', { name: 'Create board' }).click();
	await expect(a).toHaveURL(/\/b\/[\w-]+$/);
	const boardId = new URL(a.url()).pathname.split('/')[2];

	await a.goto(`/b/${boardId}/settings`);
	await a.getByLabel('Invite as').selectOption('member');
	await a.getByRole('button', { name: 'Create invite link' }).click();
	const link = a.getByRole('textbox', { name: 'Invite link (member)' });
	await expect(link).toBeVisible();
	const inviteUrl = await link.inputValue();
	expect(inviteUrl).toMatch(/\/invite\/[\w-]+$/);
	await expect(a.getByRole('button', { name: 'Copy Invite link (member)' })).toBeFocused();
	await a.getByRole('button', { name: 'Copy Invite link (member)' }).click();
	await expect(a.getByRole('button', { name: 'Copy Invite link (member)' })).toContainText(
		'Copied',
	);
	expect(await a.evaluate(() => navigator.clipboard.readText())).toBe(inviteUrl);
	await expectAccessible(a);

	// The second person opens the link in a separate browser, signed out.
	const guest = await browser.newContext();
	const b = await guest.newPage();
	const bErrors = watchErrors(b);
	await b.goto(new URL(inviteUrl).pathname);
	await expect(b.getByRole('heading', { name: 'Growth Q3' })).toBeVisible();
	await expectAccessible(b);
	await b.getByRole('link', { name: 'Sign up and join' }).click();
	await expect(b).toHaveURL(/\/signup\?redirectTo=%2Finvite%2F/);
	await expect(b.getByText('Create an account to join Growth Q3 as a member.')).toBeVisible();
	await signUpThroughUi(b, 'Bo Member', emailFor('bo'), 'Sign up and join');

	await expect(b).toHaveURL(new RegExp(`/b/${boardId}$`));
	await a.goto(`/b/${boardId}`);
	await expect(a).toHaveURL(new RegExp(`/b/${boardId}$`));
	expect(await members(a, boardId)).toEqual([
		{ name: 'Ada Lead', role: 'lead' },
		{ name: 'Bo Member', role: 'member' },
	]);

	// Both see the board in their list with their own role.
	await b.goto('/');
	const row = b.getByRole('listitem').filter({ hasText: 'Growth Q3' });
	await expect(row).toContainText('member');
	await a.goto('/');
	await expect(a.getByRole('listitem').filter({ hasText: 'Growth Q3' })).toContainText('lead');

	// A used link still works for someone already on the board: it just offers to open it.
	await b.goto(new URL(inviteUrl).pathname);
	await expect(b.getByText('You’re already on this board as member')).toBeVisible();

	// A revoked, expired or made-up link explains itself instead of failing silently.
	const bad = await b.goto('/invite/not-a-real-token');
	expect(bad?.status()).toBe(404);
	await expect(b.getByRole('heading', { name: 'This invite link no longer works' })).toBeVisible();
	await expectAccessible(b);

	// The 404 navigation itself logs "Failed to load resource"; nothing else may.
	const notFound = /Failed to load resource: the server responded with a status of 404/;
	expect([...aErrors, ...bErrors.filter((e) => !notFound.test(e))]).toEqual([]);
	await lead.close();
	await guest.close();
});

test('sign-in errors, rate limiting, safe redirects and sign out', async ({ page, request }) => {
	const errors = watchErrors(page);
	const email = emailFor('cy');
	expect(
		(
			await request.post('/api/auth/signup', { data: { email, name: 'Cy', password: PASSWORD } })
		).status(),
	).toBe(201);

	await page.goto('/signin');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText('Enter your e-mail address.')).toBeVisible();
	await expect(page.getByLabel('E-mail')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('E-mail')).toBeFocused();

	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill('wrong password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'That e-mail and password do not match an account.',
	);

	// An e-mail that is taken, on sign-up, is an error on the e-mail field.
	await page.goto('/signup');
	await signUpThroughUi(page, 'Cy Again', email.toUpperCase(), 'Create account');
	await expect(page.getByText('An account with this e-mail already exists.')).toBeVisible();
	await page.getByLabel('Password').fill('short');
	await page.getByLabel('E-mail').fill(emailFor('cy2'));
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByText('Must be at least 8 characters')).toBeVisible();

	// Ten failures lock the account for a while (15-minute window).
	const locked = emailFor('locked');
	await request.post('/api/auth/signup', {
		data: { email: locked, name: 'L', password: PASSWORD },
	});
	for (let i = 0; i < 10; i++)
		await request.post('/api/auth/login', { data: { email: locked, password: 'nope nope' } });
	await page.goto('/signin');
	await page.getByLabel('E-mail').fill(locked);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		/Too many failed sign-ins\. Try again in 1[45] minutes\./,
	);

	// Foreign redirect targets are ignored; same-site paths are honoured.
	await page.goto('/signin?redirectTo=//evil.example/phish');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByRole('heading', { name: 'My boards' })).toBeVisible();

	// Sign out clears this device's offline boards and ends the session.
	await page.evaluate(
		() =>
			new Promise<void>((resolve) => {
				const req = indexedDB.open('pulse-board:test:offline');
				req.onsuccess = () => {
					req.result.close();
					resolve();
				};
			}),
	);
	await page.getByRole('button', { name: 'Account menu for Cy' }).click();
	await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
	await expect(
		page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' }),
	).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Check in on your OKRs');
	expect((await page.request.get('/api/me')).status()).toBe(401);
	const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
	expect(names).not.toContain('pulse-board:test:offline');

	// Signed-out visitors of a private page go to sign-in and come back afterwards.
	await page.goto('/b/nope/settings');
	await expect(page).toHaveURL(/\/signin\?redirectTo=%2Fb%2Fnope%2Fsettings$/);
	expect(errors).toEqual([]);
});

test('a lead changes settings, roles and invites; a viewer sees them read-only', async ({
	browser,
	request,
}) => {
	const lead = await userContext(browser, request, 'Lena');
	const viewer = await userContext(browser, request, 'Vic');
	const outsider = await userContext(browser, request, 'Otto');
	const created = await lead.page.request.post('/api/boards', { data: { title: 'Ops board' } });
	const boardId = ((await created.json()) as { id: string }).id;
	const inv = await lead.page.request.post(`/api/boards/${boardId}/invites`, {
		data: { role: 'viewer' },
	});
	const { token } = (await inv.json()) as { token: string };
	await viewer.page.request.post(`/api/invites/${token}/accept`);

	const p = lead.page;
	await p.goto(`/b/${boardId}/settings`);
	await expectAccessible(p);
	await p.getByRole('textbox', { name: 'Board title' }).fill('Ops board renamed');
	await p.getByLabel('On track from (green)').fill('8');
	await p.getByLabel('At risk from (yellow)').fill('9');
	await p.getByRole('button', { name: 'Save settings' }).click();
	await expect(p.getByText('Yellow must be below green')).toBeVisible();
	await expect(p.getByLabel('At risk from (yellow)')).toBeFocused();

	await p.getByLabel('At risk from (yellow)').fill('5');
	await p.getByLabel('Day').selectOption({ label: 'Friday' });
	await p.getByLabel('Time', { exact: true }).fill('09:30');
	await p.getByLabel('Time zone').selectOption('Europe/Berlin');
	await p.getByRole('button', { name: 'Save settings' }).click();
	await expect(p.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
	const saved = (await (await p.request.get(`/api/boards/${boardId}`)).json()) as {
		board: Record<string, unknown>;
	};
	expect(saved.board).toMatchObject({
		title: 'Ops board renamed',
		bands: { green: 8, yellow: 5 },
		cadence: { weekday: 5, time: '09:30', timeZone: 'Europe/Berlin' },
	});

	// The viewer sees the saved settings, read-only, and no lead controls.
	const v = viewer.page;
	await v.goto(`/b/${boardId}/settings`);
	await expect(v.getByText('Only a board lead can change these settings.')).toBeVisible();
	await expect(v.getByText('Friday at 09:30 (Europe/Berlin)')).toBeVisible();
	await expect(v.getByRole('textbox', { name: 'Board title' })).toHaveCount(0);
	await expect(v.getByRole('button', { name: 'Create invite link' })).toHaveCount(0);
	await expect(v.getByRole('combobox')).toHaveCount(0);
	await expect(v.getByRole('button', { name: 'Leave board' })).toBeVisible();
	await expectAccessible(v);

	// Roles: promote the viewer; the only lead cannot demote themselves or leave.
	await p.getByLabel('Role for Vic').selectOption('member');
	await p.getByRole('button', { name: 'Save role for Vic' }).click();
	await expect(p.getByRole('button', { name: 'Save role for Vic' })).toHaveCount(0);
	expect(await members(p, boardId)).toEqual([
		{ name: 'Lena', role: 'lead' },
		{ name: 'Vic', role: 'member' },
	]);
	await p.getByLabel('Role for Lena').selectOption('viewer');
	await p.getByRole('button', { name: 'Save role for Lena' }).click();
	await expect(p.getByRole('alert')).toHaveText('A board needs at least one lead.');
	await p.getByRole('button', { name: 'Leave board' }).click();
	await p.getByRole('alertdialog').getByRole('button', { name: 'Leave board' }).click();
	await expect(p.getByRole('alert')).toHaveText(
		'The last lead cannot leave; make someone else lead first.',
	);

	// Invite links: create one, then revoke it.
	await p.getByRole('button', { name: 'Create invite link' }).click();
	await expect(p.getByRole('textbox', { name: 'Invite link (member)' })).toBeVisible();
	await p.getByRole('button', { name: 'Revoke member invite link' }).click();
	await expect(p.getByRole('textbox', { name: 'Invite link (member)' })).toHaveCount(0);
	await p.getByRole('button', { name: 'Revoke viewer invite link' }).click();
	await expect(p.getByText('No active invite links.')).toBeVisible();

	// A member leaves by themselves and the board disappears from their list.
	await v.reload();
	await v.getByRole('button', { name: 'Leave board' }).click();
	await v.getByRole('alertdialog').getByRole('button', { name: 'Leave board' }).click();
	await expect(v).toHaveURL(/\/$/);
	await expect(v.getByRole('heading', { name: 'Create your first board' })).toBeVisible();

	// Outsiders get the not-found page, exactly as for a board that does not exist.
	const o = outsider.page;
	const res = await o.goto(`/b/${boardId}/settings`);
	expect(res?.status()).toBe(404);
	// The board route's error page (or the app's own, should that one go) says so plainly.
	await expect(o.getByRole('heading', { name: /not found|couldn’t find/i })).toBeVisible();

	// Deleting needs the board title typed in the dialog.
	await p.getByRole('button', { name: 'Delete board' }).click();
	const dialog = p.getByRole('alertdialog');
	await expect(dialog.getByRole('button', { name: 'Delete board forever' })).toBeDisabled();
	await dialog.getByLabel('Board title').fill('Ops board renamed');
	await dialog.getByRole('button', { name: 'Delete board forever' }).click();
	await expect(p).toHaveURL(/\/$/);
	expect((await p.request.get(`/api/boards/${boardId}`)).status()).toBe(404);

	// The 404 navigation itself logs "Failed to load resource"; nothing else may.
	const notFound = /Failed to load resource: the server responded with a status of 404/;
	expect([
		...lead.errors,
		...viewer.errors,
		...outsider.errors.filter((e) => !notFound.test(e)),
	]).toEqual([]);
	for (const u of [lead, viewer, outsider]) await u.context.close();
});
