/** Seeds a demo team, two users and a board with real content when the database is empty. */
import { count } from 'drizzle-orm';
import { createUser } from './accounts/users.ts';
import { createBoard } from './boards/boards.ts';
import type { Services } from './context.ts';
import { boardMember, user } from './db/schema.ts';
import {
	addAction,
	addBlocker,
	addInsight,
	addKr,
	addObjective,
	updateKr,
} from '../src/lib/board/mutations.ts';

export const DEMO_USERS = [
	{ email: 'lead@pulse.demo', name: 'Avery Lead', password: 'pulse-demo' },
	{ email: 'member@pulse.demo', name: 'Sam Member', password: 'pulse-demo' },
] as const;

function isoDay(offsetDays: number): string {
	return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export async function seedDemo(services: Services): Promise<void> {
	const { db, log } = services;
	const users = db.select({ n: count() }).from(user).get()?.n ?? 0;
	if (users > 0) return;
	const [lead, member] = await Promise.all(DEMO_USERS.map((u) => createUser(db, u)));
	if (lead === 'taken' || member === 'taken') return;
	const b = await createBoard(db, services.store, { title: 'Growth team — check-in' }, lead.id);
	db.insert(boardMember)
		.values({ boardId: b.id, userId: member.id, role: 'member', createdAt: Date.now() })
		.run();
	await services.sync.write(b.id, { userId: lead.id }, (doc) => {
		const o1 = addObjective(doc, {
			title: 'Delight new customers in their first week',
			ownerId: lead.id,
		});
		const kr1 = addKr(
			doc,
			{
				objectiveId: o1,
				title: 'Activation rate',
				ownerId: member.id,
				unit: '%',
				start: 32,
				target: 50,
				current: 41,
				confidence: 7,
				context: 'Activated teams renew at twice the rate. Tactic: guided setup.',
			},
			member.id,
		);
		const kr2 = addKr(
			doc,
			{
				objectiveId: o1,
				title: 'Median time to first board',
				ownerId: lead.id,
				unit: 'min',
				direction: 'down',
				start: 18,
				target: 5,
				current: 12,
				confidence: 5,
			},
			lead.id,
		);
		addKr(
			doc,
			{
				objectiveId: o1,
				title: 'Onboarding NPS',
				ownerId: member.id,
				unit: 'pts',
				start: 20,
				target: 45,
				current: 24,
				confidence: 3,
			},
			member.id,
		);
		const o2 = addObjective(doc, {
			title: 'Make check-ins the best meeting of the week',
			ownerId: member.id,
		});
		const kr4 = addKr(
			doc,
			{
				objectiveId: o2,
				title: 'Teams running weekly check-ins',
				ownerId: lead.id,
				unit: 'teams',
				start: 4,
				target: 20,
				current: 9,
				confidence: 6,
			},
			lead.id,
		);
		addKr(
			doc,
			{
				objectiveId: o2,
				title: 'Check-ins finished within 30 minutes',
				ownerId: member.id,
				unit: '%',
				start: 40,
				target: 90,
				current: 78,
				confidence: 8,
			},
			member.id,
		);
		updateKr(
			doc,
			kr1,
			{ current: 43 },
			member.id,
			new Date(),
			'Guided setup shipped to 50 % of sign-ups',
		);
		const blocker = addBlocker(
			doc,
			{
				krId: kr2,
				text: 'Template gallery needs design review',
				ownerId: lead.id,
				dueDate: isoDay(3),
			},
			lead.id,
		);
		addBlocker(
			doc,
			{ krId: kr4, text: 'Calendar integration waits on the platform team' },
			member.id,
		);
		addAction(
			doc,
			{
				krId: kr2,
				text: 'Book the design review with Kim',
				ownerId: lead.id,
				dueDate: isoDay(2),
				blockerId: blocker,
			},
			lead.id,
		);
		addAction(
			doc,
			{
				krId: kr1,
				text: 'By Friday I will roll guided setup out to everyone',
				ownerId: member.id,
				dueDate: isoDay(4),
			},
			member.id,
		);
		addInsight(
			doc,
			{ krId: kr1, text: 'Teams that invite a second member on day one activate 3× more often' },
			member.id,
		);
	});
	log.info(
		{ board: b.id, users: DEMO_USERS.map((u) => `${u.email} / ${u.password}`) },
		`Demo board seeded. Sign in as ${DEMO_USERS[0].email} or ${DEMO_USERS[1].email}, password "${DEMO_USERS[0].password}"`,
	);
}
