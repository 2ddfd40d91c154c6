import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { isObject } from '../../../nodes/shared/provider';
import { pathWith } from '../../../nodes/shared/request';
import type { NodeApi, OperationInput, OperationSpec } from '../../../nodes/shared/operations';
import { buildProperties, executeOperations, jsonRun } from '../../../nodes/shared/operations';
import type { RequestSettings } from '../../../nodes/shared/request';
import { resourceOperationSubtitle } from '../../../nodes/shared/subtitle';
import {
	CREDENTIAL_TYPE,
	call,
	noPagination,
	platformFor,
	smartLivingProfile,
	unwrapSmartLiving,
} from '../../../nodes/SmartLiving/api';
import {
	addressOutput,
	assetAddressFields,
	assetAddressOf,
	assetPath,
	timestampField,
	timestampOf,
	typedValueFields,
	typedValueOf,
} from '../../../nodes/SmartLiving/fields';
import {
	smartLivingListSearch,
	smartLivingLoadOptions,
} from '../../../nodes/SmartLiving/loadOptions';
import { brokerLogin, publishOnce } from './broker';
import { legacyCommandPayload, valueAtPayload } from './payload';
import { publishTopic } from './topics';

/**
 * Publishes a state (as the device would report it) or a command (for the device) on the asset's
 * topic with QoS 1, and returns once the broker took it.
 */
async function publish(
	context: IExecuteFunctions,
	input: OperationInput,
	settings: RequestSettings,
	kind: 'state' | 'command',
): Promise<IDataObject> {
	const platform = await platformFor(context);
	assetPath(context, input, platform); // the same platform checks as the REST operations make
	const value = typedValueOf(input.values);
	const at = kind === 'state' ? timestampOf(input.values) : new Date().toISOString();
	const login = await brokerLogin(
		context,
		await context.getCredentials(CREDENTIAL_TYPE),
		input.itemIndex,
	);
	const address = assetAddressOf(input.values);
	if (platform === 'maker' && address.assetId !== undefined) {
		// Maker topics name the device and the asset: look them up from the asset's ID.
		const asset = await call(
			context,
			{
				method: 'GET',
				path: pathWith('/asset/{id}', { id: address.assetId }),
				itemIndex: input.itemIndex,
			},
			settings,
		);
		address.deviceId = isObject(asset) ? String(asset.deviceId ?? '') : '';
		address.assetName = isObject(asset) ? String(asset.name ?? '') : '';
	}
	let topic: string;
	try {
		topic = publishTopic(address, kind, platform, login.legacyClientId);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			itemIndex: input.itemIndex,
		});
	}
	const payload =
		kind === 'command' && platform === 'smartLiving'
			? legacyCommandPayload(value)
			: valueAtPayload(value, at);
	try {
		await publishOnce(login, topic, payload, settings.timeout ?? 30_000);
	} catch (error) {
		// The reason goes in the description: n8n replaces a message naming a socket error code
		// (ECONNREFUSED ...) with a generic text that would not mention the broker.
		throw new NodeOperationError(context.getNode(), `The MQTT broker did not take the ${kind}`, {
			itemIndex: input.itemIndex,
			description: `${(error as Error).message}. Check the broker host, port and TLS setting of the credential (${login.url}).`,
		});
	}
	return {
		...addressOutput(input.values),
		value: value as IDataObject[string],
		...(kind === 'state' ? { at } : {}),
		topic,
	};
}

/**
 * `method` and `path` say what the platform does with the message (the REST call it stands for);
 * the asset's address fields are path segments of it. Nothing is sent over HTTP except the Maker
 * lookup of an asset ID.
 */
const operations: OperationSpec[] = [
	{
		resource: 'asset',
		operation: 'sendCommand',
		name: 'Send Command',
		action: 'Send a command to an asset over MQTT',
		description: 'Publish a value for an actuator on its command topic, with QoS 1',
		method: 'PUT',
		path: '/asset/{assetId}/command',
		fields: [...assetAddressFields, ...typedValueFields],
		run: jsonRun(
			async (context, input, settings) => await publish(context, input, settings, 'command'),
		),
	},
	{
		resource: 'asset',
		operation: 'sendState',
		name: 'Send State',
		action: 'Send the state of an asset over MQTT',
		description: 'Publish a new value for a sensor on its state topic, as the device itself would',
		method: 'PUT',
		path: '/asset/{assetId}/state',
		fields: [...assetAddressFields, ...typedValueFields, timestampField],
		run: jsonRun(
			async (context, input, settings) => await publish(context, input, settings, 'state'),
		),
	},
];

const smartLivingMqttApi: NodeApi = {
	profile: smartLivingProfile,
	pagination: noPagination,
	unwrap: unwrapSmartLiving,
	resources: [
		{ name: 'Asset', value: 'asset', description: 'Sensors, actuators and settings of a device' },
	],
	operations,
};

const properties = buildProperties(smartLivingMqttApi);

export class SmartLivingMqtt implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SmartLiving MQTT',
		name: 'smartLivingMqtt',
		icon: { light: 'file:smartLiving.svg', dark: 'file:smartLiving.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: resourceOperationSubtitle(properties),
		description:
			'Send states and commands to IoT devices on AllThingsTalk Maker or SmartLiving over their MQTT broker',
		defaults: { name: 'SmartLiving MQTT' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smartLivingApi', required: true }],
		properties,
	};

	methods = { loadOptions: smartLivingLoadOptions, listSearch: smartLivingListSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations(this, smartLivingMqttApi);
	}
}
