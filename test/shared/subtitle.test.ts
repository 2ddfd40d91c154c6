/**
 * Canvas subtitles read as the node's own dropdowns say it. n8n evaluates the subtitle expression on the
 * node's parameters (the editor does it for the canvas); here n8n-workflow's own expression engine does.
 */
import type { INode, INodeParameters } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { loadPackage } from '../harness/n8n';

async function subtitleOf(name: string, parameters: INodeParameters): Promise<unknown> {
	const nodes = await loadPackage();
	const node: INode = {
		id: 'node',
		name: 'Node',
		type: nodes.typeOf(name),
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodes.nodeTypes,
	});
	return workflow.expression.getSimpleParameterValue(
		node,
		nodes.nodeType(name).description.subtitle,
		'internal',
		{},
	);
}

describe('canvas subtitles', () => {
	test.each([
		['hologram', { resource: 'device', operation: 'getAll' }, 'Device: Get Many'],
		['hologram', { resource: 'cellularLink', operation: 'pause' }, 'Cellular Link: Pause'],
		['hoiio', { resource: 'sms', operation: 'send' }, 'SMS: Send'],
		[
			'syniverseScg',
			{ resource: 'messageRequest', operation: 'create' },
			'Message Request: Create',
		],
		['vumiGo', { resource: 'optOut', operation: 'get' }, 'Opt-Out: Get'],
		['smartLiving', { resource: 'asset', operation: 'sendCommand' }, 'Asset: Send Command'],
		['smartLivingMqtt', { resource: 'asset', operation: 'sendState' }, 'Asset: Send State'],
	])('%s with %j reads %p', async (name, parameters, expected) => {
		expect(await subtitleOf(name, parameters)).toBe(expected);
	});

	test.each([
		['hoiioTrigger', { events: ['incomingSms', 'smsStatus'] }, 'Incoming SMS, SMS Status'],
		['syniverseScgTrigger', { events: ['message_state_change'] }, 'Message State Change'],
		[
			'vumiGoTrigger',
			{ events: ['message', 'delivery_report'] },
			'Inbound Message, Delivery Report',
		],
	])('%s with %j reads %p', async (name, parameters, expected) => {
		expect(await subtitleOf(name, parameters)).toBe(expected);
	});

	test('a value the node does not list is shown as it is', async () => {
		expect(await subtitleOf('hologram', { resource: 'device', operation: 'archive' })).toBe(
			'archive: device',
		);
		expect(await subtitleOf('vumiGoTrigger', { events: ['message', 'reply'] })).toBe(
			'Inbound Message, reply',
		);
	});
});
