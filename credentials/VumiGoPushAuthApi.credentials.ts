import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The user name and password the Vumi Go Trigger asks of every push, as n8n's Webhook node asks its
 * Basic Auth credential: kept in n8n's credential store, not in the workflow. Vumi Go sends them as
 * Basic auth when they are written into the conversation's push URLs. Nothing is sent with them, so
 * the credential test (in the trigger) only checks that they can be written into a URL.
 */
export class VumiGoPushAuthApi implements ICredentialType {
	name = 'vumiGoPushAuthApi';

	displayName = 'Vumi Go Push Auth API';

	icon: Icon = {
		light: 'file:../nodes/VumiGo/vumiGo.svg',
		dark: 'file:../nodes/VumiGo/vumiGo.dark.svg',
	};

	documentationUrl = 'https://go-http-api.readthedocs.io/en/latest/';

	properties: INodeProperties[] = [
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'vumi',
			description: 'The user name written into the push URLs (https://USER:PASSWORD@host/...)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The password written into the push URLs; use a long random one (at least 16 characters)',
		},
	];
}
