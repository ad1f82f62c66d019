// Captures docs/screenshot.png (1440×900, light theme): starts the built app on a free port with an
// empty database, seeds a realistic board through the JSON API and a plain y-websocket client
// (the documented doc schema), opens it as the lead while a member edits a row, and saves the shot.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, systemChromium } from './chromium.js';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const port = await new Promise((resolve) => {
	const srv = createServer().listen(0, '127.0.0.1', () => {
		const p = srv.address().port;
		srv.close(() => resolve(p));
	});
});
const base = `http://localhost:${port}`;
const dir = mkdtempSync(join(tmpdir(), 'pulse-shot-'));
const server = spawn('node', ['build-server/index.js'], {
	stdio: 'inherit',
	env: {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: base,
		DATABASE_PATH: join(dir, 'pulse.db'),
		PULSE_DEMO: '0',
		LOG_LEVEL: 'warn',
	},
});

async function waitForServer() {
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`${base}/api/health`)).ok) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('server did not start');
}

async function api(method, path, cookie, body) {
	const res = await fetch(base + path, {
		method,
		headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	if (!res.ok) throw new Error(`${method} ${path}: ${res.status}`);
	const cookieHeader = /pulse_session=[^;]*/.exec(res.headers.get('set-cookie') ?? '')?.[0];
	return { body: await res.json(), cookie: cookieHeader ?? cookie };
}

async function signup(name) {
	const email = `${name.split(' ')[0].toLowerCase()}@example.com`;
	const { body, cookie } = await api('POST', '/api/auth/signup', null, {
		email,
		name,
		password: 'correct horse battery',
	});
	return { ...body.user, cookie };
}

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const ago = (hours) => new Date(Date.now() - hours * 3_600_000).toISOString();
const text = (s) => {
	const t = new Y.Text();
	t.insert(0, s);
	return t;
};
const entry = (fields) => {
	const m = new Y.Map();
	for (const [k, v] of Object.entries(fields)) m.set(k, v);
	return m;
};
const sessionWs = (cookie) =>
	class extends WebSocket {
		constructor(url, protocols) {
			super(url, protocols, { headers: { cookie } });
		}
	};

/** The board's content, written the way any outside script may write it. */
function writeBoard(doc, [ava, sam, kim]) {
	const objectives = [
		['o1', 'Delight new customers in their first week', ava.id, 'a0'],
		['o2', 'Make check-ins effortless for distributed teams', kim.id, 'a1'],
	];
	const krs = [
		['k1', 'o1', 'Activation rate', sam.id, '%', 'up', 32, 50, 44, 8, 'a0', 3],
		['k2', 'o1', 'Median time to first board', ava.id, 'min', 'down', 18, 5, 11, 5, 'a1', 20],
		['k3', 'o1', 'Onboarding NPS', sam.id, 'pts', 'up', 20, 45, 24, 3, 'a2', 200],
		['k4', 'o1', 'Week-1 retention', kim.id, '%', 'up', 55, 70, 63, 7, 'a3', 5],
		['k5', 'o2', 'Boards updated before the meeting', kim.id, '%', 'up', 40, 90, 71, 6, 'a0', 2],
		['k6', 'o2', 'Average check-in length', ava.id, 'min', 'down', 42, 25, 31, 9, 'a1', 30],
	];
	doc.transact(() => {
		for (const [id, title, ownerId, order] of objectives)
			doc.getMap('objectives').set(id, entry({ id, title: text(title), ownerId, order }));
		for (const [
			id,
			objectiveId,
			title,
			ownerId,
			unit,
			direction,
			start,
			target,
			current,
			confidence,
			order,
			h,
		] of krs)
			doc.getMap('krs').set(
				id,
				entry({
					id,
					objectiveId,
					title: text(title),
					ownerId,
					unit,
					direction,
					start,
					target,
					current,
					confidence,
					state: 'active',
					context: text(''),
					order,
					updatedAt: ago(h),
					updatedBy: ownerId,
				}),
			);
		doc.getMap('blockers').set(
			'b1',
			entry({
				id: 'b1',
				krId: 'k3',
				text: text('Survey tool licence expired'),
				ownerId: null,
				dueDate: null,
				escalated: true,
				dependsOn: 'IT',
				status: 'open',
				createdAt: ago(30),
				createdBy: sam.id,
				resolvedAt: null,
			}),
		);
		doc.getMap('blockers').set(
			'b2',
			entry({
				id: 'b2',
				krId: 'k2',
				text: text('Template gallery waits on design review'),
				ownerId: ava.id,
				dueDate: day(3),
				escalated: false,
				dependsOn: 'Design',
				status: 'open',
				createdAt: ago(50),
				createdBy: ava.id,
				resolvedAt: null,
			}),
		);
		doc.getMap('actions').set(
			'a1',
			entry({
				id: 'a1',
				krId: 'k3',
				blockerId: 'b1',
				text: text('By Friday I will renew the survey licence'),
				ownerId: sam.id,
				dueDate: day(-1),
				status: 'open',
				createdAt: ago(72),
				createdBy: sam.id,
				doneAt: null,
			}),
		);
		doc.getMap('insights').set(
			'i1',
			entry({
				id: 'i1',
				krId: 'k3',
				text: text('Users who import a CSV rate onboarding 12 points higher'),
				by: sam.id,
				at: ago(26),
				starred: true,
			}),
		);
		const history = new Y.Array();
		history.push([
			{ at: ago(170), by: sam.id, value: 24, confidence: 3, note: 'Survey responses dropped' },
			{ at: ago(200), by: sam.id, value: 22, confidence: 5, note: '' },
		]);
		doc.getMap('checkins').set('k3', history);
	});
}

async function seed(lead, boardId, people) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${base.replace(/^http/, 'ws')}/ws`, boardId, doc, {
		WebSocketPolyfill: sessionWs(lead.cookie),
		disableBc: true,
	});
	await new Promise((resolve) => provider.once('sync', resolve));
	writeBoard(doc, people);
	const check = await api('GET', `/api/boards/${boardId}/doc`, lead.cookie);
	for (let i = 0; i < 50 && check.body.krs.length < 6; i++) {
		await new Promise((r) => setTimeout(r, 100));
		check.body = (await api('GET', `/api/boards/${boardId}/doc`, lead.cookie)).body;
	}
	provider.destroy();
	doc.destroy();
}

async function browserAs(browser, user) {
	const context = await browser.newContext({
		viewport: { width: 1440, height: 900 },
		colorScheme: 'light',
	});
	await context.addCookies([
		{ name: 'pulse_session', value: user.cookie.split('=')[1], url: base },
	]);
	return context.newPage();
}

let browser;
try {
	await waitForServer();
	const people = [await signup('Ava Lead'), await signup('Sam Rivera'), await signup('Kim Osei')];
	const [ava] = people;
	const { body: board } = await api('POST', '/api/boards', ava.cookie, {
		title: 'Growth team — Q check-in',
	});
	for (const p of people.slice(1)) {
		const { body: inv } = await api('POST', `/api/boards/${board.id}/invites`, ava.cookie, {
			role: 'member',
		});
		await api('POST', `/api/invites/${inv.token}/accept`, p.cookie);
	}
	await seed(ava, board.id, people);
	browser = await chromium.launch({ executablePath: systemChromium(), args: chromiumArgs });
	const sam = await browserAs(browser, people[1]);
	await sam.goto(`${base}/b/${board.id}`);
	await sam.getByRole('textbox', { name: 'Current value for Onboarding NPS' }).focus();
	const page = await browserAs(browser, ava);
	await page.goto(`${base}/b/${board.id}`);
	await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
	await page.getByRole('button', { name: 'Details for Onboarding NPS' }).click();
	await page.getByRole('img', { name: /Sam Rivera/ }).waitFor();
	await page.mouse.move(0, 0);
	mkdirSync('docs', { recursive: true });
	await page.screenshot({ path: 'docs/screenshot.png' });
	console.log('Saved docs/screenshot.png');
} finally {
	await browser?.close();
	server.kill('SIGTERM');
	await new Promise((r) => server.once('exit', r));
	rmSync(dir, { recursive: true, force: true });
}
