/**
 * What n8n's node panel (the node creator) makes of the descriptions, as n8n 2.41.1's editor derives it
 * (`generateMergedNodesAndActions` in its node-types store; n8n 1.x does the same):
 * - A trigger whose type name without "Trigger" is an action node's type name (`<package>.hoiioTrigger` →
 *   `<package>.hoiio`) is merged into that node's entry: one entry named after the action node, showing the
 *   trigger's description, listing "Triggers (n)" and "Actions (n)". On an empty canvas the triggers are
 *   open and the actions folded (n8n's own Telegram and Twilio entries show the same); once the workflow has
 *   a trigger, the actions are open, grouped by resource, and the triggers folded.
 * - A trigger's entries come from its first parameter named "Event", "Events" or "Trigger On": each option
 *   shows its `action`, or else "On " and the option's name in lower case ("On incoming sms"). A trigger
 *   without such a parameter is listed as the node alone.
 * - An action node's entries are its operations' `action` texts.
 * test/e2e/editor.e2e.ts checks the same in the real editor.
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

const expectedEvents: Record<string, string[]> = {
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

describe.each(Object.entries(expectedEvents))('%s in the node panel', (name, events) => {
	test('lists its events in sentence case, keeping abbreviations in capitals', async () => {
		const { description } = (await loadPackage()).nodeType(name);
		expect(panelEvents(description)).toEqual(events);
	});

	test('names every event with its own panel text', async () => {
		const { description } = (await loadPackage()).nodeType(name);
		const options = description.properties.find((property) => property.displayName === 'Events')
			?.options as INodePropertyOptions[] | undefined;
		for (const option of options ?? []) expect(option.action).toMatch(/^On \S/);
	});
});

/** Triggers n8n merges into an action node's entry, and that node (both in the main package). */
const merged = [
	['hoiioTrigger', 'hoiio'],
	['syniverseScgTrigger', 'syniverseScg'],
	['vumiGoTrigger', 'vumiGo'],
];

describe.each(merged)('the panel entry of %s merged into %s', (triggerName, actionName) => {
	test('is merged by n8n: the type names differ only by "Trigger"', async () => {
		const nodes = await loadPackage();
		expect(nodes.typeOf(triggerName).replace('Trigger', '')).toBe(nodes.typeOf(actionName));
	});

	test("shows the trigger's description, which names the actions first and then the events", async () => {
		const { description } = (await loadPackage()).nodeType(triggerName);
		expect(description.description).toMatch(/^Send .+, or start the workflow on .+/);
	});
});

test('the SmartLiving triggers stay entries of their own, beside the SmartLiving nodes', async () => {
	const nodes = await loadPackage();
	const actionTypes = ['smartLiving', 'smartLivingMqtt'].map((name) => nodes.typeOf(name));
	for (const trigger of ['smartLivingPollTrigger', 'smartLivingTrigger'])
		expect(actionTypes).not.toContain(nodes.typeOf(trigger).replace('Trigger', ''));
});
