/** The y-websocket wire protocol: message types and encoders (sync, awareness, auth). */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export const MessageType = {
	Sync: 0,
	Awareness: 1,
	Auth: 2,
	QueryAwareness: 3,
} as const;

export const SyncStep = {
	Step1: syncProtocol.messageYjsSyncStep1,
	Step2: syncProtocol.messageYjsSyncStep2,
	Update: syncProtocol.messageYjsUpdate,
} as const;

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MessageType.Sync);
	syncProtocol.writeSyncStep1(e, doc);
	return encoding.toUint8Array(e);
}

/** Whether a state vector says its sender has nothing (throws when it is malformed). */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
	return Y.decodeStateVector(stateVector).size === 0;
}

/** Sync step 2 carrying `update` (what the peer is missing). */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MessageType.Sync);
	encoding.writeVarUint(e, SyncStep.Step2);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MessageType.Sync);
	syncProtocol.writeUpdate(e, update);
	return encoding.toUint8Array(e);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MessageType.Awareness);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}

/** The auth message y-websocket understands: permission denied with a reason. */
export function encodePermissionDenied(reason: string): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MessageType.Auth);
	encoding.writeVarUint(e, 0);
	encoding.writeVarString(e, reason);
	return encoding.toUint8Array(e);
}

export type Incoming =
	| { type: 'sync-step-1'; stateVector: Uint8Array }
	| { type: 'sync-step-2'; update: Uint8Array }
	| { type: 'update'; update: Uint8Array }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'query-awareness' }
	| { type: 'auth' };

/** Decodes one client frame; throws on anything malformed (the caller closes that connection). */
export function decodeMessage(data: Uint8Array): Incoming {
	const d = decoding.createDecoder(data);
	const type = decoding.readVarUint(d);
	let out: Incoming;
	switch (type) {
		case MessageType.Sync: {
			const step = decoding.readVarUint(d);
			const payload = decoding.readVarUint8Array(d);
			if (step === SyncStep.Step1) out = { type: 'sync-step-1', stateVector: payload };
			else if (step === SyncStep.Step2) out = { type: 'sync-step-2', update: payload };
			else if (step === SyncStep.Update) out = { type: 'update', update: payload };
			else throw new Error(`unknown sync step ${step}`);
			break;
		}
		case MessageType.Awareness:
			out = { type: 'awareness', update: decoding.readVarUint8Array(d) };
			break;
		case MessageType.QueryAwareness:
			out = { type: 'query-awareness' };
			break;
		case MessageType.Auth:
			out = { type: 'auth' };
			break;
		default:
			throw new Error(`unknown message type ${type}`);
	}
	return out;
}
