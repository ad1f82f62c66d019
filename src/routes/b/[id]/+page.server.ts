import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

interface BoardResponse {
	board: { id: string; title: string; cycleStart: string; cycleEnd: string };
	role: 'lead' | 'member' | 'viewer';
}
interface MembersResponse {
	members: {
		userId: string;
		name: string;
		email: string;
		color: string;
		role: 'lead' | 'member' | 'viewer';
	}[];
}

export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.user) redirect(303, `/signin?redirectTo=/b/${params.id}`);
	const id = encodeURIComponent(params.id);
	const [boardRes, membersRes] = await Promise.all([
		locals.api(`/api/boards/${id}`),
		locals.api(`/api/boards/${id}/members`),
	]);
	// Boards you may not see answer 404, exactly like boards that do not exist.
	if (boardRes.status === 404 || boardRes.status === 403)
		error(404, { message: 'Board not found', code: 'not_found' });
	if (boardRes.status === 401) redirect(303, `/signin?redirectTo=/b/${params.id}`);
	if (!boardRes.ok || !membersRes.ok)
		error(502, { message: 'The board could not be loaded', code: 'internal' });
	const { board, role } = (await boardRes.json()) as BoardResponse;
	const { members } = (await membersRes.json()) as MembersResponse;
	const { id: userId, name, color } = locals.user;
	return { board, role, members, me: { id: userId, name, color } };
};
