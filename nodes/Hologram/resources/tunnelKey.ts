import type { FieldSpec, OperationSpec } from '../../shared/operations';

const keyId: FieldSpec = {
	displayName: 'Tunnel Key ID',
	name: 'keyId',
	type: 'number',
	default: 0,
	integer: true,
	required: true,
	description: 'Numeric ID of the Spacebridge tunnel key',
};

export const tunnelKeyOperations: OperationSpec[] = [
	{
		resource: 'tunnelKey',
		operation: 'create',
		name: 'Create',
		action: 'Create a tunnel key',
		description: 'Add a public SSH key for Spacebridge tunnels (at most five per user)',
		method: 'POST',
		path: 'tunnelkeys',
		fields: [
			{
				displayName: 'Public Key',
				name: 'publicKey',
				type: 'string',
				default: '',
				required: true,
				wireName: 'public_key',
				typeOptions: { rows: 3 },
				placeholder: 'ssh-rsa AAAA...',
				description: 'The public key, in OpenSSH format',
			},
		],
	},
	{
		resource: 'tunnelKey',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many tunnel keys',
		description: 'List the Spacebridge tunnel keys of the user',
		method: 'GET',
		path: 'tunnelkeys',
		list: true,
		fields: [
			{
				displayName: 'Include Disabled',
				name: 'includeDisabled',
				type: 'boolean',
				default: false,
				wireName: 'withdisabled',
				description: 'Whether to list disabled keys too',
				toWire: (value) => (value ? 1 : 0),
			},
		],
	},
	{
		resource: 'tunnelKey',
		operation: 'disable',
		name: 'Disable',
		action: 'Disable a tunnel key',
		description: 'Stop a key from opening tunnels',
		method: 'POST',
		path: 'tunnelkeys/{keyId}/disable',
		idempotent: true,
		fields: [keyId],
	},
	{
		resource: 'tunnelKey',
		operation: 'enable',
		name: 'Enable',
		action: 'Enable a tunnel key',
		description: 'Allow a disabled key to open tunnels again',
		method: 'POST',
		path: 'tunnelkeys/{keyId}/enable',
		idempotent: true,
		fields: [keyId],
	},
];
