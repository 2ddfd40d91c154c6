/** Waits `ms` (not at all for 0 or less), unref'd so a pending wait never holds a test runner open. */
export function delay(ms: number): Promise<void> {
	return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms).unref());
}
