/** Flashes an element softly in the colour of whoever just changed it (remote edits only). */
import type { Attachment } from 'svelte/attachments';
import type { RemoteChanges } from './remote-changes.svelte.ts';

const DURATION_MS = 1000;

function resolveColor(node: HTMLElement, color: string): string {
	const m = /^var\((--[\w-]+)\)$/.exec(color);
	return m ? getComputedStyle(node).getPropertyValue(m[1]).trim() || 'currentColor' : color;
}

/** Re-runs (and so re-flashes) whenever the flash for `key` changes. */
export function flash(remote: RemoteChanges, key: string): Attachment<HTMLElement> {
	return (node) => {
		const f = remote.flashes.get(key);
		if (!f || typeof node.animate !== 'function') return;
		const color = resolveColor(node, f.color);
		// Reduced motion: a still outline for the same second instead of a fade.
		if (matchMedia('(prefers-reduced-motion: reduce)').matches) {
			node.style.outline = `2px solid ${color}`;
			const timer = setTimeout(() => (node.style.outline = ''), DURATION_MS);
			return () => {
				clearTimeout(timer);
				node.style.outline = '';
			};
		}
		const animation = node.animate(
			[
				{
					boxShadow: `0 0 0 2px ${color}`,
					backgroundColor: `color-mix(in srgb, ${color} 16%, transparent)`,
				},
				{ boxShadow: `0 0 0 2px transparent`, backgroundColor: 'transparent' },
			],
			{ duration: DURATION_MS, easing: 'ease-out' },
		);
		return () => animation.cancel();
	};
}
