/**
 * Message Request → Create's Additional Fields with SCG's fixed values as dropdowns and ordered choices:
 * what the panel offers, what reaches the wire, and SCG's refusal of a value it does not know.
 */
import type { INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { scgSeed } from '../../sandbox';
import { loadPackage } from '../harness/n8n';
import { useScg } from './useScg';

const scg = useScg();

const send = (
	additionalFields: INodeParameters,
	parameters: INodeParameters = {},
): INodeParameters => ({
	resource: 'messageRequest',
	operation: 'create',
	sender: scgSeed.activeSenderId,
	messageType: 'SMS',
	recipients: `contact:${scgSeed.contactIds[0]}`,
	message: 'Your table is ready',
	additionalFields,
	...parameters,
});

async function additionalField(name: string): Promise<INodeProperties> {
	const properties = (await loadPackage()).nodeType('syniverseScg').description.properties;
	const collection = properties.find(
		(property) =>
			property.name === 'additionalFields' &&
			property.displayOptions?.show?.resource?.includes('messageRequest'),
	);
	const field = (collection?.options as INodeProperties[]).find((option) => option.name === name);
	if (!field) throw new Error(`no additional field ${name}`);
	return field;
}

const values = (field: INodeProperties) =>
	(field.options as INodePropertyOptions[]).map((option) => option.value);

describe('Syniverse SCG → Message Request → Create: Additional Fields an ops person can fill in', () => {
	test('fixed values are dropdowns, priorities are choices in order, free text has an example', async () => {
		expect(await additionalField('consentRequirement')).toMatchObject({
			type: 'options',
			default: 'OPT_IN',
		});
		expect(values(await additionalField('consentRequirement'))).toEqual([
			'OPT_IN',
			'OPT_OUT',
			'NONE',
		]);
		expect(values(await additionalField('scheduledDeliveryTimeZone'))).toEqual(['LOCAL', 'UTC']);
		expect(values(await additionalField('failover'))).toEqual(['SMS', 'NONE']);
		expect(await additionalField('contactDeliveryAddressPriority')).toMatchObject({
			type: 'multiOptions',
			default: [],
		});
		expect(values(await additionalField('senderIdSortCriteria'))).toEqual([
			'DELIVERY_ADDRESS',
			'PRICE',
		]);
		for (const name of ['criteria', 'campaignId', 'conversationId', 'externalId', 'srcLanguage'])
			expect((await additionalField(name)).placeholder).toBeTruthy();
	});

	test("SCG's own campaign is named after Syniverse, so it is not taken for the node's Campaign options", async () => {
		expect(await additionalField('campaignId')).toMatchObject({
			displayName: 'Syniverse Campaign ID',
			description: expect.stringContaining('Not the Campaign options of this node'),
		});
	});

	test('the choices reach the wire as SCG names them, the priorities as lists in the order picked', async () => {
		const { error } = await scg.run(
			send({
				consentRequirement: 'OPT_OUT',
				scheduledDeliveryTimeZone: 'LOCAL',
				scheduledDeliveryTime: '2030-01-02T10:00:00.000Z',
				contactDeliveryAddressPriority: ['PUSH', 'MDN'],
				senderIdSortCriteria: ['PRICE', 'DELIVERY_ADDRESS'],
				failover: 'SMS',
				criteria: 'primary_addr_state=CA',
				campaignId: 'SPRING26',
			}),
		);

		expect(error).toBeUndefined();
		expect(scg.lastRequest().body).toEqual({
			from: scgSeed.activeSenderId,
			to: [`contact:${scgSeed.contactIds[0]}`],
			body: 'Your table is ready',
			consent_requirement: 'OPT_OUT',
			scheduled_delivery_time_zone: 'LOCAL',
			scheduled_delivery_time: Date.parse('2030-01-02T10:00:00.000Z'),
			contact_delivery_address_priority: ['PUSH', 'MDN'],
			sender_id_sort_criteria: ['PRICE', 'DELIVERY_ADDRESS'],
			failover: 'SMS',
			criteria: 'primary_addr_state=CA',
			campaign_id: 'SPRING26',
		});
		expect(scg.state().messageRequests.at(-1)).toMatchObject({
			consent_requirement: 'OPT_OUT',
			sender_id_sort_criteria: ['PRICE', 'DELIVERY_ADDRESS'],
		});
	});

	test('a priority list with nothing picked is not sent', async () => {
		await scg.run(send({ contactDeliveryAddressPriority: [] }));

		expect(scg.lastRequest().body).not.toHaveProperty('contact_delivery_address_priority');
	});

	test('a value that is not one of the choices (from an expression, or an old JSON value) names the field', async () => {
		const { error } = await scg.run(send({ failover: '{}' }));

		expect(error?.message).toBe('Item 0: "Failover" must be one of SMS, NONE, got "{}"');
		expect(scg.requests()).toHaveLength(0);
	});

	test('SCG refuses a fallback to SMS for a message with attachments, in its own words', async () => {
		const { error } = await scg.run(
			send(
				{ failover: 'SMS' },
				{
					messageType: 'MMS',
					attachmentSource: 'ids',
					attachmentIds: scgSeed.attachmentId,
				},
			),
		);

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toContain('Cannot failover to SMS on a message with attachments');
	});
});
