// The Chromium that the browser tests and the screenshot drive: PULSE_CHROMIUM or Debian's
// /usr/bin/chromium when it exists, else Playwright's own; with the flags a headless run in a
// container needs.
import { existsSync } from 'node:fs';

/** The system Chromium's path, or undefined when there is none (Playwright's own is used). */
export function systemChromium() {
	const path = process.env.PULSE_CHROMIUM ?? '/usr/bin/chromium';
	return existsSync(path) ? path : undefined;
}

export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];
