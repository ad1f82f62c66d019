/** The open board, shared with the page's components through Svelte context. */
import { getContext, setContext } from 'svelte';
import type { Bands } from '$lib/board/schema';
import type { BoardSession } from './board-session.svelte.ts';

export interface Member {
	userId: string;
	name: string;
	email: string;
	color: string;
	role: 'lead' | 'member' | 'viewer';
}

export interface BoardContext {
	session: BoardSession;
	me: { id: string; name: string; color: string };
	members: Member[];
	/** Read it where it is used (`ctx.readOnly`), never destructured: it changes live. */
	readonly readOnly: boolean;
	/** The board's bands, read live from the doc. */
	bands: () => Bands;
	/** Today's date and the default due date for new actions (the next check-in), YYYY-MM-DD. */
	today: () => string;
	nextCheckinDate: () => string;
	/** The last scheduled check-in (for readiness), from the board's cadence. */
	lastCheckin: () => Date | null;
	/** Asks before a destructive step (one dialog for the page), then tells how to undo it. */
	confirm: (request: ConfirmRequest) => void;
}

export interface ConfirmRequest {
	title: string;
	message: string;
	confirmLabel: string;
	onConfirm: () => void;
	/** Shown after confirming, with an Undo button: "Key result deleted." */
	done: string;
}

const KEY = Symbol('pulse-board');

export function setBoardContext(ctx: BoardContext): BoardContext {
	return setContext(KEY, ctx);
}

export function getBoardContext(): BoardContext {
	const ctx = getContext<BoardContext | undefined>(KEY);
	if (!ctx) throw new Error('getBoardContext() outside a board page');
	return ctx;
}

/** A member by id, or a placeholder for someone who has since left the board. */
export function memberOf(members: Member[], id: string | null): Member | null {
	if (!id) return null;
	return (
		members.find((m) => m.userId === id) ?? {
			userId: id,
			name: 'Former member',
			email: '',
			color: '#5b6474',
			role: 'viewer',
		}
	);
}
