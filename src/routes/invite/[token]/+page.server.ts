import { error, fail, redirect } from '@sveltejs/kit';
import { apiCall } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

type Role = 'lead' | 'member' | 'viewer';
const RANK: Record<Role, number> = { viewer: 0, member: 1, lead: 2 };

const INVALID = {
	message: 'This invite link is invalid, has expired or was revoked.',
	code: 'invite_invalid',
};

export const load: PageServerLoad = async ({ locals, params }) => {
	const res = await apiCall<{ boardId: string; boardTitle: string; role: Role }>(
		locals.api,
		'GET',
		`/api/invites/${encodeURIComponent(params.token)}`,
	);
	if (!res.ok)
		error(res.status === 404 ? 404 : res.status, res.status === 404 ? INVALID : res.error);
	const invite = res.data;

	// Someone already on the board only needs the invite when it would raise their role.
	let currentRole: Role | null = null;
	if (locals.user) {
		const board = await apiCall<{ role: Role }>(locals.api, 'GET', `/api/boards/${invite.boardId}`);
		if (board.ok) currentRole = board.data.role;
	}
	const upgrade = currentRole !== null && RANK[invite.role] > RANK[currentRole];
	return { invite, currentRole, upgrade, here: `/invite/${params.token}` };
};

export const actions: Actions = {
	default: async ({ locals, params, url }) => {
		if (!locals.user) redirect(303, `/signin?redirectTo=${encodeURIComponent(url.pathname)}`);
		const res = await apiCall<{ boardId: string }>(
			locals.api,
			'POST',
			`/api/invites/${encodeURIComponent(params.token)}/accept`,
		);
		if (!res.ok) {
			if (res.status === 404) error(404, INVALID);
			return fail(res.status, { message: res.error.message });
		}
		redirect(303, `/b/${res.data.boardId}`);
	},
};
