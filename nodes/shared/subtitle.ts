import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * Canvas subtitles in the words of the node's own dropdowns ("Device: Get Many", "Incoming SMS") instead of
 * the values behind them ("getAll: device", "incomingSms"). A subtitle is an expression n8n evaluates on the
 * node's parameters, so the names travel inside it as a table; a value missing from the table (a parameter
 * set by an expression, say) is shown as it is.
 */

function optionsOf(property: INodeProperties | undefined): INodePropertyOptions[] {
	return ((property?.options ?? []) as INodePropertyOptions[]).filter(
		(option) => typeof option.name === 'string' && option.value !== undefined,
	);
}

/** `={{ ... }}` text of a table: object keys and names as JSON, in parentheses so it reads as a value. */
function table(entries: Array<[string, string]>): string {
	return `(${JSON.stringify(Object.fromEntries(entries))})`;
}

/** "Resource: Operation" by the names of the node's Resource and Operation options. */
export function resourceOperationSubtitle(properties: INodeProperties[]): string {
	const resourceNames = new Map(
		optionsOf(properties.find((property) => property.name === 'resource')).map((option) => [
			String(option.value),
			option.name,
		]),
	);
	const names: Array<[string, string]> = [];
	for (const operations of properties.filter((property) => property.name === 'operation')) {
		for (const resource of operations.displayOptions?.show?.resource ?? []) {
			for (const operation of optionsOf(operations))
				names.push([
					`${String(resource)}.${String(operation.value)}`,
					`${resourceNames.get(String(resource)) ?? String(resource)}: ${operation.name}`,
				]);
		}
	}
	return `={{ ${table(names)}[$parameter["resource"] + "." + $parameter["operation"]] || $parameter["operation"] + ": " + $parameter["resource"] }}`;
}

/** The chosen options of a multi-select by their names, separated by commas ("Incoming SMS, SMS Status"). */
export function chosenOptionsSubtitle(parameter: string, options: INodePropertyOptions[]): string {
	const names = table(options.map((option) => [String(option.value), option.name]));
	return `={{ [].concat($parameter["${parameter}"]).map(value => ${names}[value] || value).join(", ") }}`;
}
