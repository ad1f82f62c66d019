/**
 * WebSocket close codes shared by the sync server and its clients, named after HTTP statuses.
 * y-websocket stops reconnecting on 4400–4499: use those only for what a retry cannot fix.
 */
export const CloseCode = {
	/** A malformed frame or update: this connection only. */
	BadMessage: 4400,
	/** No session, or it expired or was signed out. */
	Unauthorized: 4401,
	/** Not a member of this board (or no such board), or removed from it. */
	Forbidden: 4403,
	/** A message over the size limit. */
	TooLarge: 4413,
	/** The board could not be loaded; the client should retry. */
	LoadFailed: 1011,
	/** The server is shutting down; the client should reconnect. */
	GoingAway: 1001,
	/** The connection must be re-established (e.g. a viewer was given write access). */
	Reconnect: 1012,
	/** The connection cannot keep up (send queue over its bound); the client reconnects. */
	Overloaded: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Whether a client should stop reconnecting after this close code. */
export function isPermanentClose(code: number): boolean {
	return code >= 4400 && code <= 4499;
}
