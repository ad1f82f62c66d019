// Pulse set-up through its JSON API: users, a board, invites.

/**
 * @param {Response} res
 * @param {string} what
 */
async function ok(res, what) {
	if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
	return res;
}

/** @param {Response} res */
function sessionCookie(res) {
	for (const c of res.headers.getSetCookie()) {
		const [pair] = c.split(';');
		if (pair.startsWith('pulse_session=')) return pair;
	}
	throw new Error('no pulse_session cookie in the response');
}

/**
 * @param {string} httpUrl
 * @param {string} path
 * @param {unknown} body
 * @param {string} [cookie]
 */
function post(httpUrl, path, body, cookie) {
	/** @type {Record<string, string>} */
	const headers = { 'content-type': 'application/json' };
	if (cookie) headers.cookie = cookie;
	return fetch(httpUrl + path, { method: 'POST', headers, body: JSON.stringify(body) });
}

/**
 * Signs up a user and returns the session cookie.
 * @param {string} httpUrl
 * @param {string} email
 */
export async function signup(httpUrl, email) {
	const res = await ok(
		await post(httpUrl, '/api/auth/signup', {
			email,
			name: email.split('@')[0],
			password: 'bench-password-123',
		}),
		'signup',
	);
	return sessionCookie(res);
}

/**
 * Creates a board owned by a new lead and adds `users - 1` members through invites.
 * @param {string} httpUrl
 * @param {number} users
 * @param {string} tag makes e-mails unique within one server
 * @returns {Promise<{ boardId: string, cookies: string[] }>}
 */
export async function setUpBoard(httpUrl, users, tag) {
	const lead = await signup(httpUrl, `lead-${tag}@bench.test`);
	const board = await (
		await ok(await post(httpUrl, '/api/boards', { title: `Bench ${tag}` }, lead), 'create board')
	).json();
	const cookies = [lead];
	for (let i = 1; i < users; i++) {
		const { token } = await (
			await ok(
				await post(httpUrl, `/api/boards/${board.id}/invites`, { role: 'member' }, lead),
				'invite',
			)
		).json();
		const member = await signup(httpUrl, `member${i}-${tag}@bench.test`);
		await ok(await post(httpUrl, `/api/invites/${token}/accept`, {}, member), 'accept invite');
		cookies.push(member);
	}
	return { boardId: board.id, cookies };
}
