import { error, fail, redirect } from '@sveltejs/kit';
import { apiCall, fieldMessage, type ApiResult } from '$lib/server/api';
import type { Role } from '$lib/account-format';
import type { Actions, PageServerLoad } from './$types';

export interface BoardDetails {
	id: string;
	title: string;
	cycleStart: string;
	cycleEnd: string;
	bands: { green: number; yellow: number };
	cadence: { weekday: number; time: string; timeZone: string };
}
export interface Member {
	userId: string;
	name: string;
	email: string;
	role: Role;
}
export interface Invite {
	token: string;
	url: string;
	role: Role;
	createdAt: string;
	expiresAt: string;
}

/** Non-members get the same 404 as a board that does not exist; other failures keep their status. */
function orError<T>(res: ApiResult<T>): T {
	if (res.ok) return res.data;
	error(res.status, { message: res.error.message, code: res.error.code });
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.user) redirect(303, `/signin?redirectTo=${encodeURIComponent(url.pathname)}`);
	const base = `/api/boards/${encodeURIComponent(params.id)}`;
	const { board, role } = orError(
		await apiCall<{ board: BoardDetails; role: Role }>(locals.api, 'GET', base),
	);
	const [members, invites] = await Promise.all([
		apiCall<{ members: Member[] }>(locals.api, 'GET', `${base}/members`),
		role === 'lead'
			? apiCall<{ invites: Invite[] }>(locals.api, 'GET', `${base}/invites`)
			: Promise.resolve(null),
	]);
	return {
		board,
		role,
		members: orError(members).members,
		invites: invites ? orError(invites).invites : [],
	};
};

const FIELD_ALIASES: Record<string, string> = {
	'bands.green': 'green',
	'bands.yellow': 'yellow',
	'cadence.weekday': 'weekday',
	'cadence.time': 'time',
	'cadence.timeZone': 'timeZone',
};

function str(form: FormData, key: string): string {
	return String(form.get(key) ?? '').trim();
}

export const actions: Actions = {
	settings: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = Object.fromEntries(
			['title', 'cycleStart', 'cycleEnd', 'green', 'yellow', 'weekday', 'time', 'timeZone'].map(
				(k) => [k, str(form, k)],
			),
		);
		const body = {
			title: values.title,
			cycleStart: values.cycleStart,
			cycleEnd: values.cycleEnd,
			// Empty number fields become NaN → null, which the API names as the wrong field.
			bands: { green: numberOrNull(values.green), yellow: numberOrNull(values.yellow) },
			cadence: {
				weekday: numberOrNull(values.weekday),
				time: values.time,
				timeZone: values.timeZone,
			},
		};
		const res = await apiCall(locals.api, 'PATCH', `/api/boards/${params.id}`, body);
		if (!res.ok) {
			const field = FIELD_ALIASES[res.error.field ?? ''] ?? res.error.field ?? 'form';
			return fail(res.status, {
				section: 'settings' as const,
				values,
				errors: { [field]: fieldMessage(res.error) } as Record<string, string>,
			});
		}
		return { section: 'settings' as const, saved: true };
	},

	role: async ({ request, locals, params }) => {
		const form = await request.formData();
		const userId = str(form, 'userId');
		const res = await apiCall(locals.api, 'PUT', `/api/boards/${params.id}/members/${userId}`, {
			role: str(form, 'role'),
		});
		if (!res.ok) return memberFailure(res.status, userId, res.error.message);
		return { section: 'members' as const, userId, changed: true };
	},

	remove: async ({ request, locals, params }) => {
		const userId = str(await request.formData(), 'userId');
		const res = await apiCall(locals.api, 'DELETE', `/api/boards/${params.id}/members/${userId}`);
		if (!res.ok) return memberFailure(res.status, userId, res.error.message);
		return { section: 'members' as const, userId, removed: true };
	},

	leave: async ({ locals, params }) => {
		const me = locals.user;
		if (!me) redirect(303, '/signin');
		const res = await apiCall(locals.api, 'DELETE', `/api/boards/${params.id}/members/${me.id}`);
		if (!res.ok)
			return fail(res.status, { section: 'leave' as const, message: sentence(res.error.message) });
		redirect(303, '/');
	},

	invite: async ({ request, locals, params }) => {
		const role = str(await request.formData(), 'role');
		const res = await apiCall<Invite>(locals.api, 'POST', `/api/boards/${params.id}/invites`, {
			role,
		});
		if (!res.ok)
			return fail(res.status, {
				section: 'invites' as const,
				message: sentence(res.error.message),
			});
		return { section: 'invites' as const, created: res.data.token };
	},

	revoke: async ({ request, locals, params }) => {
		const token = str(await request.formData(), 'token');
		const res = await apiCall(locals.api, 'DELETE', `/api/boards/${params.id}/invites/${token}`);
		if (!res.ok)
			return fail(res.status, {
				section: 'invites' as const,
				message: sentence(res.error.message),
			});
		return { section: 'invites' as const, revoked: true };
	},

	delete: async ({ locals, params }) => {
		const res = await apiCall(locals.api, 'DELETE', `/api/boards/${params.id}`);
		if (!res.ok)
			return fail(res.status, { section: 'delete' as const, message: sentence(res.error.message) });
		redirect(303, '/');
	},
};

function numberOrNull(value: string): number | null {
	const n = Number(value);
	return value === '' || Number.isNaN(n) ? null : n;
}

/** API messages are lower-case fragments; pages show sentences. */
function sentence(message: string): string {
	const text = message.charAt(0).toUpperCase() + message.slice(1);
	return /[.!?]$/.test(text) ? text : `${text}.`;
}

function memberFailure(status: number, userId: string, message: string) {
	return fail(status, { section: 'members' as const, userId, message: sentence(message) });
}
