import { error, fail, redirect } from '@sveltejs/kit';
import { apiCall, fieldMessage } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

export interface BoardSummary {
	id: string;
	title: string;
	role: 'lead' | 'member' | 'viewer';
	cycleStart: string;
	cycleEnd: string;
}

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user) return { boards: null };
	const res = await apiCall<{ boards: BoardSummary[] }>(locals.api, 'GET', '/api/boards');
	if (!res.ok) error(res.status, { message: res.error.message, code: res.error.code });
	return { boards: res.data.boards };
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/signin');
		const form = await request.formData();
		const value = (key: string) => String(form.get(key) ?? '').trim();
		const input = {
			title: value('title'),
			cycleStart: value('cycleStart'),
			cycleEnd: value('cycleEnd'),
		};
		// Half a cycle would be silently completed with the current quarter: ask for both instead.
		if (!input.cycleStart !== !input.cycleEnd) {
			const missing = input.cycleStart ? 'cycleEnd' : 'cycleStart';
			const message = 'Set both dates, or leave both empty for the current quarter.';
			return fail(400, { ...input, errors: { [missing]: message } });
		}
		const body = {
			title: input.title,
			...(input.cycleStart ? { cycleStart: input.cycleStart } : {}),
			...(input.cycleEnd ? { cycleEnd: input.cycleEnd } : {}),
		};
		const res = await apiCall<{ id: string }>(locals.api, 'POST', '/api/boards', body);
		if (!res.ok) {
			const field = res.error.field ?? 'form';
			return fail(res.status, { ...input, errors: { [field]: fieldMessage(res.error) } });
		}
		redirect(303, `/b/${res.data.id}`);
	},
};
