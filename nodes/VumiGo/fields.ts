import type { FieldSpec } from '../shared/operations';
import { idFromList } from '../shared/operations';

/** Fields that several Vumi Go resources share. */

export const campaignKey: FieldSpec = {
	displayName: 'Campaign Name or ID',
	name: 'campaignKey',
	type: 'options',
	default: '',
	required: true,
	loadOptionsMethod: 'getCampaigns',
	description:
		'Campaign (on most Vumi Go servers: the account itself) to work with; its ID is the campaign key',
};

const byKey = (record: string) => ({
	displayName: 'By Key',
	placeholder: `The ${record}'s key, as Create or Get Many output it`,
});

/** A contact, picked from the account's contacts or typed by its key. */
export const contactKey: FieldSpec = {
	...idFromList('contactKey', 'Contact Key', 'searchContacts', byKey('contact')),
	description: 'The contact: pick it from the list, or give its key',
};

/** A group, picked from the account's groups or typed by its key. */
export const groupKey: FieldSpec = {
	...idFromList('groupKey', 'Group Key', 'searchGroups', byKey('group')),
	description: 'The group: pick it from the list, or give its key',
};

/** Contact fields a contact can be looked up by. */
export const ADDRESS_FIELDS = [
	{ name: 'BBM PIN', value: 'bbm_pin' },
	{ name: 'Facebook ID', value: 'facebook_id' },
	{ name: 'Google Talk ID', value: 'gtalk_id' },
	{ name: 'MSISDN (Phone Number)', value: 'msisdn' },
	{ name: 'Mxit ID', value: 'mxit_id' },
	{ name: 'Twitter Handle', value: 'twitter_handle' },
	{ name: 'WeChat ID', value: 'wechat_id' },
];

/** The documented contact fields, all optional; `extra` is handled apart as free key/values. */
export const contactFields: FieldSpec[] = [
	{
		displayName: 'First Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Given name of the contact',
	},
	{
		displayName: 'Surname',
		name: 'surname',
		type: 'string',
		default: '',
		description: 'Last name',
	},
	{
		displayName: 'MSISDN (Phone Number)',
		name: 'msisdn',
		type: 'string',
		default: '',
		placeholder: '+27761234567',
		description: 'Phone number in international format',
	},
	{
		displayName: 'Email Address',
		name: 'emailAddress',
		wireName: 'email_address',
		type: 'string',
		default: '',
		placeholder: 'name@email.com',
	},
	{
		displayName: 'Date of Birth',
		name: 'dob',
		type: 'string',
		default: '',
		placeholder: '1990-05-01',
		description: 'Date of birth as text, for example 1990-05-01',
	},
	{
		displayName: 'Twitter Handle',
		name: 'twitterHandle',
		wireName: 'twitter_handle',
		type: 'string',
		default: '',
		placeholder: '@name',
	},
	{
		displayName: 'Facebook ID',
		name: 'facebookId',
		wireName: 'facebook_id',
		type: 'string',
		default: '',
	},
	{ displayName: 'BBM PIN', name: 'bbmPin', wireName: 'bbm_pin', type: 'string', default: '' },
	{
		displayName: 'Google Talk ID',
		name: 'gtalkId',
		wireName: 'gtalk_id',
		type: 'string',
		default: '',
	},
	{ displayName: 'Mxit ID', name: 'mxitId', wireName: 'mxit_id', type: 'string', default: '' },
	{
		displayName: 'WeChat ID',
		name: 'wechatId',
		wireName: 'wechat_id',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Group Keys',
		name: 'groups',
		type: 'stringList',
		default: '',
		placeholder: 'group-key-1, group-key-2',
		description: 'Keys of the groups the contact belongs to: comma-separated, or a list',
	},
];

export const SESSION_EVENTS = [
	{ name: 'None', value: 'none', description: 'Not part of a session (a plain SMS)' },
	{ name: 'New', value: 'new', description: 'Start a new session (USSD) or call (voice)' },
	{ name: 'Resume', value: 'resume', description: 'Continue an existing session or call' },
	{ name: 'Close', value: 'close', description: 'End the session or call with this message' },
];

export const sessionEvent: FieldSpec = {
	displayName: 'Session Event',
	name: 'sessionEvent',
	wireName: 'session_event',
	type: 'options',
	default: 'none',
	options: SESSION_EVENTS,
	description: 'For session-based channels such as USSD and voice',
	toWire: (value) => (value === 'none' ? undefined : value),
};
