/** A tiny JSON API client that keeps the session cookie. */
let counter = 0;

export interface ApiUser {
	id: string;
	email: string;
	name: string;
	cookie: string;
}

export async function call(
	baseUrl: string,
	method: string,
	path: string,
	opts: { cookie?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
	const headers: Record<string, string> = { ...opts.headers };
	if (opts.cookie) headers.cookie = opts.cookie;
	if (opts.body !== undefined || opts.raw !== undefined)
		headers['content-type'] = 'application/json';
	const res = await fetch(baseUrl + path, {
		method,
		headers,
		body: opts.raw ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
	});
	const text = await res.text();
	let body: any = text;
	try {
		body = text ? JSON.parse(text) : null;
	} catch {
		/* not JSON */
	}
	return { status: res.status, body, headers: res.headers };
}

export function cookieFrom(headers: Headers): string {
	const set = headers.get('set-cookie') ?? '';
	const match = /pulse_session=([^;]*)/.exec(set);
	if (!match) throw new Error(`no session cookie in ${JSON.stringify(set)}`);
	return `pulse_session=${match[1]}`;
}

/** Signs a fresh user up and returns them with their cookie. */
export async function signup(baseUrl: string, name = 'User'): Promise<ApiUser> {
	const email = `${name.toLowerCase().replace(/\W+/g, '')}-${process.pid}-${++counter}-${Date.now()}@test.pulse`;
	const res = await call(baseUrl, 'POST', '/api/auth/signup', {
		body: { email, name, password: 'correct horse battery' },
	});
	if (res.status !== 201)
		throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
	return { ...res.body.user, cookie: cookieFrom(res.headers) };
}

export async function createBoard(
	baseUrl: string,
	user: ApiUser,
	title = 'Test board',
): Promise<string> {
	const res = await call(baseUrl, 'POST', '/api/boards', { cookie: user.cookie, body: { title } });
	if (res.status !== 201)
		throw new Error(`create board failed: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body.id;
}

/** Adds `user` to the board with `role` through an invite link, as a real client would. */
export async function addMember(
	baseUrl: string,
	lead: ApiUser,
	boardId: string,
	user: ApiUser,
	role: 'lead' | 'member' | 'viewer',
): Promise<void> {
	const inv = await call(baseUrl, 'POST', `/api/boards/${boardId}/invites`, {
		cookie: lead.cookie,
		body: { role },
	});
	if (inv.status !== 201) throw new Error(`invite failed: ${inv.status}`);
	const acc = await call(baseUrl, 'POST', `/api/invites/${inv.body.token}/accept`, {
		cookie: user.cookie,
	});
	if (acc.status !== 200) throw new Error(`accept failed: ${acc.status}`);
}
