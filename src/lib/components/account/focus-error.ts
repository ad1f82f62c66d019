import { tick } from 'svelte';

/**
 * After a failed submit, moves focus to the first invalid control (or the form's alert), so
 * keyboard and screen-reader users land on the message.
 */
export async function focusFirstError(form: HTMLElement | undefined): Promise<void> {
	await tick();
	form?.querySelector<HTMLElement>('[aria-invalid="true"], .ui-alert')?.focus();
}
