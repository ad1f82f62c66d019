import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import {
	createBoard,
	invite,
	krRow,
	openBoard,
	seed,
	signUp,
	titleField,
	type Member,
} from './board-helpers.ts';

const KRS = [
	{ title: 'Activation rate', unit: '%', start: 30, target: 50, current: 40, confidence: 7 },
	{
		title: 'Churn',
		unit: '%',
		direction: 'down' as const,
		start: 8,
		target: 4,
		current: 7,
		confidence: 3,
	},
];

let people: Member[] = [];
test.afterEach(async () => {
	for (const p of people) {
		// Offline reconnect attempts are logged by Chromium itself, not by the app.
		expect(
			p.errors.filter((e) => !/WebSocket connection .* failed|ERR_INTERNET_DISCONNECTED/.test(e)),
		).toEqual([]);
		await p.context.close();
	}
	people = [];
});

async function twoMembers(browser: import('@playwright/test').Browser, baseURL: string) {
	const lead = await signUp(browser, 'Avery');
	const member = await signUp(browser, 'Sam');
	people = [lead, member];
	const boardId = await createBoard(lead);
	await invite(lead, boardId, member, 'member');
	await seed(baseURL, lead, boardId, 'Delight new customers', KRS);
	await Promise.all([openBoard(lead, boardId), openBoard(member, boardId)]);
	return { lead, member, boardId };
}

test('an empty board guides to the first objective and key result', async ({ browser }) => {
	const lead = await signUp(browser, 'Lee');
	people = [lead];
	const boardId = await createBoard(lead, 'Fresh board');
	await openBoard(lead, boardId);
	const { page } = lead;
	await page.getByRole('button', { name: 'Add objective' }).click();
	await expect(page.getByRole('textbox', { name: 'Objective title' })).toBeFocused();
	await page.keyboard.type('Grow revenue');
	await page.getByRole('button', { name: 'Add key result' }).click();
	await expect(page.getByRole('textbox', { name: 'Key result title' })).toBeFocused();
	await page.keyboard.type('ARR');
	await expect(krRow(page, 'ARR')).toBeVisible();
	await expect(page.getByRole('slider', { name: 'Confidence for ARR' })).toBeVisible();
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(krRow(page, 'ARR')).toHaveCount(0);
	await page.getByRole('button', { name: 'Redo' }).click();
	await expect(krRow(page, 'ARR')).toBeVisible();
	// The edits were kept in the browser: a reload shows them before anything else.
	await page.reload();
	await expect(titleField(page, 'ARR')).toHaveValue('ARR');
});

test('two members edit different KRs at once and see each other', async ({ browser, baseURL }) => {
	const { lead, member } = await twoMembers(browser, baseURL!);
	await Promise.all([
		(async () => {
			await titleField(lead.page, 'Activation rate').click();
			await lead.page.keyboard.press('End');
			await lead.page.keyboard.type(' (week 1)');
			await lead.page.keyboard.press('Enter');
		})(),
		(async () => {
			const current = member.page.getByRole('textbox', { name: 'Current value for Churn' });
			await current.fill('6');
			await current.press('Enter');
		})(),
	]);
	await expect(titleField(member.page, 'Activation rate (week 1)')).toHaveValue(
		'Activation rate (week 1)',
	);
	await expect(lead.page.getByRole('textbox', { name: 'Current value for Churn' })).toHaveValue(
		'6',
	);
	// Churn goes down from 8 to 4: at 6 it is half way.
	await expect(lead.page.getByRole('progressbar', { name: 'Progress of Churn' })).toHaveAttribute(
		'aria-valuenow',
		'50',
	);
});

test('two people typing into the same title keep both insertions', async ({ browser, baseURL }) => {
	const { lead, member } = await twoMembers(browser, baseURL!);
	const a = titleField(lead.page, 'Activation rate');
	const b = titleField(member.page, 'Activation rate');
	await a.click();
	await lead.page.keyboard.press('End');
	await b.click();
	await member.page.keyboard.press('Home');
	await Promise.all([
		lead.page.keyboard.type(' growth', { delay: 40 }),
		member.page.keyboard.type('Weekly ', { delay: 40 }),
	]);
	const expected = 'Weekly Activation rate growth';
	await expect(lead.page.getByRole('textbox', { name: 'Key result title' }).first()).toHaveValue(
		expected,
	);
	await expect(member.page.getByRole('textbox', { name: 'Key result title' }).first()).toHaveValue(
		expected,
	);
});

test('text composed with an IME arrives whole, and edits made meanwhile are kept', async ({
	browser,
	baseURL,
}) => {
	const { lead, member } = await twoMembers(browser, baseURL!);
	const firstTitle = (m: Member) =>
		m.page.getByRole('textbox', { name: 'Key result title' }).first();
	await titleField(lead.page, 'Activation rate').click();
	await lead.page.keyboard.press('End');
	// Chromium's own IME path: composition events, then the committed text.
	const ime = await lead.context.newCDPSession(lead.page);
	await ime.send('Input.imeSetComposition', { text: 'か', selectionStart: 1, selectionEnd: 1 });
	await ime.send('Input.imeSetComposition', { text: 'かい', selectionStart: 2, selectionEnd: 2 });
	await expect(firstTitle(lead)).toHaveValue('Activation rateかい');
	// Half-composed text never leaves the composing browser…
	await member.page.waitForTimeout(300);
	await expect(firstTitle(member)).toHaveValue('Activation rate');
	// …while the other member's edit, made meanwhile, waits in the composer's doc.
	await titleField(member.page, 'Activation rate').click();
	await member.page.keyboard.press('Home');
	await member.page.keyboard.type('Weekly ');
	await expect(firstTitle(lead)).toHaveValue('Activation rateかい');
	await ime.send('Input.insertText', { text: '会議' });
	const expected = 'Weekly Activation rate会議';
	await expect(firstTitle(lead)).toHaveValue(expected);
	await expect(firstTitle(member)).toHaveValue(expected);
});

test('a slider change appears in the other browser with the same band', async ({
	browser,
	baseURL,
}) => {
	const { lead, member } = await twoMembers(browser, baseURL!);
	const slider = lead.page.getByRole('slider', { name: 'Confidence for Activation rate' });
	await slider.focus();
	for (let i = 0; i < 3; i++) await lead.page.keyboard.press('ArrowLeft');
	const chipOf = (m: Member) => krRow(m.page, 'Activation rate').locator('[data-band]').last();
	await expect(chipOf(lead)).toHaveText(/4\s*At risk/);
	await expect(
		member.page.getByRole('slider', { name: 'Confidence for Activation rate' }),
	).toHaveValue('4');
	await expect(chipOf(member)).toHaveText(/4\s*At risk/);
	const colour = (m: Member) => chipOf(m).evaluate((el) => getComputedStyle(el).backgroundColor);
	expect(await colour(member)).toBe(await colour(lead));
	await expect(chipOf(member)).toHaveAttribute('data-band', 'yellow');
});

test('an offline member edits, comes back, and both converge', async ({ browser, baseURL }) => {
	const { lead, member } = await twoMembers(browser, baseURL!);
	await member.context.setOffline(true);
	await expect(member.page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
	const current = member.page.getByRole('textbox', { name: 'Current value for Activation rate' });
	await current.fill('45');
	await current.press('Enter');
	await titleField(member.page, 'Churn').click();
	await member.page.keyboard.press('End');
	await member.page.keyboard.type(' rate');
	await expect(member.page.getByRole('status')).toContainText(/changes? saved on this device/);
	// Meanwhile the lead edits the same title online.
	await titleField(lead.page, 'Churn').click();
	await lead.page.keyboard.press('Home');
	await lead.page.keyboard.type('Monthly ');
	await member.context.setOffline(false);
	await expect(member.page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
	for (const m of [lead, member]) {
		await expect(m.page.getByRole('textbox', { name: 'Key result title' }).nth(1)).toHaveValue(
			'Monthly Churn rate',
		);
		await expect(
			m.page.getByRole('textbox', { name: 'Current value for Activation rate' }),
		).toHaveValue('45');
	}
});

test('sign out everywhere ends the live board on every other device at once', async ({
	browser,
	baseURL,
}) => {
	const laptop = await signUp(browser, 'Rio');
	const boardId = await createBoard(laptop);
	await seed(baseURL!, laptop, boardId, 'Delight new customers', KRS);
	// The same account on a second device: its own context, its own session.
	const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const login = await phoneContext.request.post('/api/auth/login', {
		data: { email: laptop.email, password: 'correct horse battery' },
	});
	expect(login.status()).toBe(200);
	const phone: Member = {
		...laptop,
		context: phoneContext,
		page: await phoneContext.newPage(),
		errors: [],
	};
	phone.page.on('console', (msg) => msg.type() === 'error' && phone.errors.push(msg.text()));
	people = [laptop, phone];
	await Promise.all([openBoard(laptop, boardId), openBoard(phone, boardId)]);

	// The phone leaves the board for My boards, where the account menu is.
	await phone.page.getByRole('link', { name: 'My boards' }).click();
	await phone.page.getByRole('button', { name: 'Account menu for Rio' }).click();
	await phone.page.getByRole('menuitem', { name: 'Sign out everywhere' }).click();
	await expect(phone.page).toHaveURL(/\/$/);

	// The laptop's socket is closed with 4401: the board says so and offers to sign in again.
	await expect(laptop.page.getByRole('heading', { name: 'Your session has ended' })).toBeVisible();
	await expect(laptop.page.getByRole('textbox', { name: 'Key result title' })).toHaveCount(0);
	await expect(laptop.page.getByRole('link', { name: 'Sign in again' })).toHaveAttribute(
		'href',
		`/signin?redirectTo=/b/${boardId}`,
	);
	expect((await laptop.context.request.get('/api/me')).status()).toBe(401);
});

test('a viewer sees the board read-only', async ({ browser, baseURL }) => {
	const lead = await signUp(browser, 'Lena');
	const viewer = await signUp(browser, 'Vic');
	people = [lead, viewer];
	const boardId = await createBoard(lead);
	await invite(lead, boardId, viewer, 'viewer');
	await seed(baseURL!, lead, boardId, 'Delight new customers', KRS);
	await openBoard(viewer, boardId);
	const { page } = viewer;
	await expect(page.getByText('View only')).toBeVisible();
	const title = titleField(page, 'Activation rate');
	await expect(title).toHaveAttribute('readonly', '');
	await title.click();
	await page.keyboard.type('hacked');
	await expect(title).toHaveValue('Activation rate');
	await expect(page.getByRole('slider', { name: 'Confidence for Activation rate' })).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Add key result' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Add objective' })).toHaveCount(0);
	const doc = await (await lead.context.request.get(`/api/boards/${boardId}/doc`)).json();
	expect(doc.krs.map((k: { title: string }) => k.title).sort()).toEqual([
		'Activation rate',
		'Churn',
	]);
});

test('the board page has no serious or critical accessibility violations', async ({
	browser,
	baseURL,
}) => {
	const { lead } = await twoMembers(browser, baseURL!);
	await lead.page.getByRole('button', { name: 'Details for Activation rate' }).click();
	await lead.page.getByRole('button', { name: '+ Add blocker' }).click();
	const results = await new AxeBuilder({ page: lead.page }).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
		[],
	);
});

test('signed-out visitors are sent to sign in; unknown boards are a 404', async ({ browser }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto('/b/nope');
	await expect(page).toHaveURL(/\/signin\?redirectTo=\/b\/nope/);
	await context.close();
	const someone = await signUp(browser, 'Nia');
	people = [someone];
	const res = await someone.page.goto('/b/does-not-exist');
	expect(res?.status()).toBe(404);
	await expect(someone.page.getByRole('heading', { name: 'Board not found' })).toBeVisible();
	someone.errors.length = 0; // the 404 document itself is logged as a failed resource
});

test('a board reloads while offline with the edits made offline', async ({ browser, baseURL }) => {
	const { member } = await twoMembers(browser, baseURL!);
	const { page } = member;
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller)
			await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r));
	});
	await page.reload(); // now the worker has seen (and cached) this page
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
	await member.context.setOffline(true);
	const current = page.getByRole('textbox', { name: 'Current value for Churn' });
	await current.fill('5');
	await current.press('Enter');
	await page.reload();
	await expect(page.getByRole('status')).toContainText('Offline');
	await expect(page.getByRole('textbox', { name: 'Current value for Churn' })).toHaveValue('5');
	await member.context.setOffline(false);
	await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
});
