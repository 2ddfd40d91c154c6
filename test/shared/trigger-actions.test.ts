/**
 * The events a trigger lists in n8n's node panel. n8n 2.41's editor (and 1.x's) turns the options of a
 * trigger's first parameter named "Event", "Events" or "Trigger On" into panel entries, each showing the
 * option's `action`, or else "On " and the option's name in lower case ("On incoming sms"). A trigger
 * without such a parameter is listed as the node alone.
 */
import type { INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { loadPackage } from '../harness/n8n';

/** The panel entries n8n derives from a trigger's description, as its editor does. */
function panelEvents(description: INodeTypeDescription): string[] {
	if (!description.displayName.toLowerCase().includes('trigger')) return [];
	const events = description.properties.find((property) =>
		['event', 'events', 'trigger on'].includes(property.displayName.toLowerCase()),
	);
	return ((events?.options ?? []) as INodePropertyOptions[]).map(
		(option) => option.action ?? `On ${lowerCaseWords(option.name)}`,
	);
}

/** lodash's `lowerCase`, which n8n applies to the name: words in lower case, punctuation dropped. */
function lowerCaseWords(name: string): string {
	return (name.match(/[A-Z]{2,}(?=[A-Z][a-z]|\b)|[A-Z]?[a-z]+|[A-Z]+|\d+/g) ?? [])
		.map((word) => word.toLowerCase())
		.join(' ');
}

const expected: Record<string, string[]> = {
	hoiioTrigger: [
		'On call status',
		'On fax status',
		'On incoming fax',
		'On incoming SMS',
		'On IVR answer',
		'On IVR result',
		'On SMS status',
	],
	syniverseScgTrigger: [
		'On message state change',
		'On message request state change',
		'On inbound message (MO)',
	],
	vumiGoTrigger: [
		'On inbound message',
		'On ack (the channel accepted a message)',
		'On nack (the channel refused a message)',
		'On delivery report',
	],
	// Listed as the node alone: their settings are not a list of events.
	smartLivingPollTrigger: [],
	smartLivingTrigger: [],
};

test('without its own text, an event reads as n8n writes it', () => {
	expect(lowerCaseWords('Inbound Message (MO)')).toBe('inbound message mo');
	expect(lowerCaseWords('IVR Answer')).toBe('ivr answer');
});

describe.each(Object.entries(expected))('%s in the node panel', (name, events) => {
	test('lists its events in sentence case, keeping abbreviations in capitals', async () => {
		const { description } = (await loadPackage()).nodeType(name);
		expect(panelEvents(description)).toEqual(events);
	});

	test('names every event with its own panel text', async () => {
		const { description } = (await loadPackage()).nodeType(name);
		const events = description.properties.find(
			(property) => property.displayName === 'Events',
		)?.options as INodePropertyOptions[] | undefined;
		for (const option of events ?? []) expect(option.action).toMatch(/^On \S/);
	});
});
