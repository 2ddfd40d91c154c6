import { isObject } from '../../../shared/provider';

const ROUTING_TABLE_LISTS = ['channels', 'routers', 'conversations', 'routing_entries'] as const;

function isEndpointRef(value: unknown): boolean {
	return isObject(value) && typeof value.uuid === 'string' && value.uuid !== '';
}

/**
 * Checks a routing table before it replaces the campaign's whole table: a table that is missing
 * a part would silently unroute every conversation.
 */
export function routingTableProblem(table: unknown): string | undefined {
	if (!isObject(table))
		return 'must be a JSON object with channels, routers, conversations and routing_entries';
	const missing = ROUTING_TABLE_LISTS.filter((key) => !Array.isArray(table[key]));
	if (missing.length > 0)
		return `must have a list under ${missing.map((key) => `"${key}"`).join(', ')} (use [] for none)`;
	const entries = table.routing_entries as unknown[];
	for (let index = 0; index < entries.length; index++) {
		const entry = entries[index];
		if (!isObject(entry) || !isEndpointRef(entry.source) || !isEndpointRef(entry.target))
			return `has a routing entry at position ${index} without source.uuid and target.uuid`;
	}
	for (const key of ['channels', 'routers', 'conversations'] as const) {
		const list = table[key] as unknown[];
		const bad = list.findIndex((component) => !isObject(component) || !component.uuid);
		if (bad >= 0) return `has an entry in "${key}" at position ${bad} without a uuid`;
	}
	return undefined;
}
