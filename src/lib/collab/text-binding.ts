/**
 * Binds a Y.Text field of a Y.Map to an <input> or <textarea>: local typing becomes character
 * inserts and deletes (so concurrent typing merges), remote edits update the field and keep the
 * caret where it was (via Y.RelativePosition), and IME composition is applied only when it ends.
 */
import { simpleDiffString } from 'lib0/diff';
import type { Attachment } from 'svelte/attachments';
import * as Y from 'yjs';
import { textOf } from '$lib/board/read';
import { ensureText } from '$lib/board/structure';

export interface TextBindingOptions {
	map: Y.Map<unknown>;
	key: string;
	/** The transaction origin of this user's edits (what the undo manager tracks). */
	origin: object;
	readOnly: boolean;
}

type Field = HTMLInputElement | HTMLTextAreaElement;
type Caret = { start: Y.RelativePosition; end: Y.RelativePosition } | null;

function relAt(text: Y.Text, index: number): Y.RelativePosition {
	return Y.createRelativePositionFromTypeIndex(text, index);
}

function absOf(doc: Y.Doc, rel: Y.RelativePosition, fallback: number): number {
	return Y.createAbsolutePositionFromRelativePosition(rel, doc)?.index ?? fallback;
}

/** A Svelte attachment keeping `node.value` and the Y.Text in step. */
export function bindText(opts: TextBindingOptions): Attachment<Field> {
	return (node) => createBinding(node, opts);
}

function createBinding(node: Field, { map, key, origin, readOnly }: TextBindingOptions) {
	const doc = map.doc;
	const current = () => textOf(map.get(key));
	/** The string the field and the doc last agreed on. */
	let shown = current();
	let composing = false;
	let anchor: { rel: Y.RelativePosition; index: number } | null = null;
	let caret: Caret = null;
	let text: Y.Text | null = null;
	node.value = shown;
	node.readOnly = readOnly;

	const render = () => {
		// Mid-composition the IME owns the field: remote edits wait for compositionend.
		if (composing) return;
		const next = current();
		if (node.value === next) return void (shown = next);
		const focused = document.activeElement === node;
		const start = node.selectionStart ?? 0;
		const end = node.selectionEnd ?? start;
		node.value = shown = next;
		if (!focused || !doc) return;
		const s = caret ? absOf(doc, caret.start, start) : start;
		const e = caret ? absOf(doc, caret.end, end) : end;
		node.setSelectionRange(Math.min(s, next.length), Math.min(e, next.length));
	};
	const observeText = () => {
		text?.unobserve(render);
		const value = map.get(key);
		text = value instanceof Y.Text ? value : null;
		text?.observe(render);
	};
	const onMapChange = (event: Y.YMapEvent<unknown>) => {
		if (!event.keysChanged.has(key)) return;
		observeText();
		render();
	};
	// Before any change lands, remember the caret relative to the text as it is now.
	const onBeforeTransaction = () => {
		if (!text || composing || document.activeElement !== node || node.value !== text.toString())
			return;
		const start = node.selectionStart ?? 0;
		caret = { start: relAt(text, start), end: relAt(text, node.selectionEnd ?? start) };
	};

	const applyLocal = () => {
		if (!doc) return;
		const value = node.value;
		const { index, remove, insert } = simpleDiffString(shown, value);
		let at = index;
		doc.transact(() => {
			const t = ensureText(map, key);
			// Remote edits that landed during composition moved our anchor: follow it.
			if (anchor && t.toString() !== shown)
				at = absOf(doc, anchor.rel, anchor.index) + index - anchor.index;
			at = Math.max(0, Math.min(at, t.length));
			if (remove) t.delete(at, Math.min(remove, t.length - at));
			if (insert) t.insert(at, insert);
		}, origin);
		anchor = null;
		if (current() === value) shown = value;
		else {
			render();
			node.setSelectionRange(at + insert.length, at + insert.length);
		}
	};
	const onInput = (event: Event) => {
		if (composing || (event as InputEvent).isComposing) return;
		applyLocal();
	};
	const onCompositionStart = () => {
		composing = true;
		const index = node.selectionStart ?? 0;
		const t = map.get(key);
		anchor = t instanceof Y.Text ? { rel: relAt(t, index), index } : null;
	};
	const onCompositionEnd = () => {
		composing = false;
		applyLocal();
		render();
	};
	const onKeydown = (event: Event) => {
		const e = event as KeyboardEvent;
		if (e.key === 'Enter' && node instanceof HTMLInputElement && !e.isComposing) node.blur();
		if (e.key === 'Escape') node.blur();
	};

	observeText();
	map.observe(onMapChange);
	doc?.on('beforeTransaction', onBeforeTransaction);
	if (!readOnly) {
		node.addEventListener('input', onInput);
		node.addEventListener('compositionstart', onCompositionStart);
		node.addEventListener('compositionend', onCompositionEnd);
	}
	node.addEventListener('keydown', onKeydown);
	return () => {
		text?.unobserve(render);
		map.unobserve(onMapChange);
		doc?.off('beforeTransaction', onBeforeTransaction);
		node.removeEventListener('input', onInput);
		node.removeEventListener('compositionstart', onCompositionStart);
		node.removeEventListener('compositionend', onCompositionEnd);
		node.removeEventListener('keydown', onKeydown);
	};
}
