/**
 * Whether a value is a dot segment (`.` or `..`). No encoding keeps it one segment: URL resolution
 * removes `.` and goes up a level for `..`, so `/asset/../state` would become `/state`.
 */
export function isDotSegment(value: unknown): boolean {
	return value === '.' || value === '..';
}

/**
 * Builds a path from segments, encoding each one so an ID like `../x?y#z` cannot change the path.
 * n8n-workflow's `toPathSegment` does the same for one segment, but n8n 1.123.0 ships an n8n-workflow
 * (1.120.0) without it, and this package runs on n8n 1.x too: so the check is our own.
 */
export function pathWith(template: string, values: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
		const value = values[name];
		if (value === undefined || value === '') throw new Error(`No value for path segment "${name}"`);
		// The fields are refused earlier with a message naming them (readFieldValues); this catches the rest.
		if (isDotSegment(String(value)))
			throw new Error(
				`The path segment "${name}" cannot be "${value}": it would change the request path`,
			);
		return encodeURIComponent(String(value));
	});
}
