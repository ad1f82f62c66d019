import type { UpgradeWebSocket } from 'hono/ws';
import { Hono } from 'hono';
import type { WebSocket } from 'ws';
import { CloseCode } from '../../src/lib/close-codes.ts';
import { getRole } from '../auth/membership.ts';
import type { AppEnv, Services } from '../context.ts';

/** WS /ws/:boardId — refusals are sent as close codes, which browsers (unlike HTTP statuses) can see. */
export function wsRoutes(services: Services, upgradeWebSocket: UpgradeWebSocket<WebSocket>) {
	return new Hono<AppEnv>().get(
		'/:boardId',
		upgradeWebSocket((c) => {
			const boardId = c.req.param('boardId') ?? '';
			const auth = c.get('auth');
			const role = auth ? getRole(services.db, boardId, auth.user.id) : null;
			return {
				onOpen(_event, ws) {
					const raw = ws.raw as WebSocket;
					if (!auth) return raw.close(CloseCode.Unauthorized, 'sign in required');
					if (!role) return raw.close(CloseCode.Forbidden, 'no access to this board');
					services.sync.accept(raw, {
						boardId,
						role,
						sessionId: auth.session.id,
						user: { id: auth.user.id, name: auth.user.name, color: auth.user.color },
					});
				},
			};
		}),
	);
}
