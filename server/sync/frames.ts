/**
 * Fan-out writes: a message relayed to fifty sockets is framed once, and each socket gets the
 * finished frame as one plain write.
 *
 * `ws.send` frames the message again for every socket and writes header and payload as two
 * corked writes, which Node turns into a writev with per-call bookkeeping. At 50 editors that
 * send path was most of the server's user CPU. A server-to-client frame is never masked and,
 * without permessage-deflate, never transformed, so the same bytes are valid on every socket.
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** Binary frame, FIN set (RFC 6455 §5.2). */
const FIN_BINARY = 0x82;

/** The complete unmasked websocket frame carrying `payload` as one binary message. */
export function binaryFrame(payload: Uint8Array): Buffer {
	const length = payload.byteLength;
	const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
	const frame = Buffer.allocUnsafe(headerLength + length);
	frame[0] = FIN_BINARY;
	if (length < 126) {
		frame[1] = length;
	} else if (length < 65_536) {
		frame[1] = 126;
		frame.writeUInt16BE(length, 2);
	} else {
		frame[1] = 127;
		frame.writeBigUInt64BE(BigInt(length), 2);
	}
	frame.set(payload, headerLength);
	return frame;
}

/** Frames by message: the relay passes one message object to every peer, so it is framed once. */
const framed = new WeakMap<Uint8Array, Buffer>();

export function frameOf(message: Uint8Array): Buffer {
	let frame = framed.get(message);
	if (!frame) {
		frame = binaryFrame(message);
		framed.set(message, frame);
	}
	return frame;
}

/** The parts of a `ws` 8 WebSocket that raw writes depend on (not in its public types). */
interface WsInternals {
	_socket?: Socket | null;
	_extensions?: Record<string, unknown>;
	_sender?: { _queue?: unknown[] } | null;
}

/**
 * A writer of pre-built frames to `ws`'s own socket, or null when that would not be safe: with
 * permessage-deflate every frame must go through ws's compressor, and a `ws` release that
 * changed these internals gets `ws.send` for every message instead.
 */
export function rawFrameWriter(
	ws: WebSocket,
): ((frame: Buffer, written?: () => void) => boolean) | null {
	const inner = ws as unknown as WsInternals;
	const socket = inner._socket;
	const extensions = inner._extensions;
	const sender = inner._sender;
	if (!socket || typeof socket.write !== 'function') return null;
	if (!extensions || Object.keys(extensions).length > 0) return null;
	if (!sender || !Array.isArray(sender._queue)) return null;
	const queue = sender._queue;
	return (frame, written) => {
		// ws queues frames only while it compresses or reads a Blob; never overtake those.
		if (queue.length > 0) return false;
		socket.write(frame, written && (() => written()));
		return true;
	};
}
