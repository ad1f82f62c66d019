/** The system Chromium's path, or undefined when there is none (Playwright's own is used). */
export function systemChromium(): string | undefined;
export const chromiumArgs: string[];
