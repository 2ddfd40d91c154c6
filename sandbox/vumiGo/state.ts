/** Vumi Go emulator state: the record types and the deterministic seed every test can rely on. */

export interface VumiCampaign {
	key: string;
	name: string;
}

export interface VumiConversation {
	key: string;
	/** The owning account (campaign) key. */
	account: string;
	type: string;
	name: string;
	description: string;
	status: 'running' | 'stopped' | 'draft';
	extra_endpoints: string[];
	/** The channel this conversation talks through; gives outbound messages their transport. */
	transport_name: string;
	transport_type: string;
	/** The address inbound messages are sent to (the channel's tag). */
	channel_address: string;
	/** Push URLs as configured, with any `user:pass@` shown as `***@`; the real ones stay private. */
	push_message_url: string | null;
	push_event_url: string | null;
	ignore_messages: boolean;
	ignore_events: boolean;
}

export interface VumiChannel {
	account: string;
	pool: string;
	tag: string;
}

export interface VumiRouter {
	key: string;
	account: string;
	type: string;
	name: string;
	description: string;
	status: 'running' | 'stopped' | 'draft';
	channel_endpoints: string[];
	conversation_endpoints: string[];
}

export interface VumiRoutingEntry {
	source: { uuid: string };
	target: { uuid: string };
}

export interface VumiContact {
	key: string;
	$VERSION: number;
	user_account: string;
	created_at: string;
	name: string | null;
	surname: string | null;
	groups: string[];
	msisdn: string | null;
	twitter_handle: string | null;
	bbm_pin: string | null;
	mxit_id: string | null;
	dob: string | null;
	facebook_id: string | null;
	wechat_id: string | null;
	email_address: string | null;
	gtalk_id: string | null;
	extra: Record<string, string>;
	subscription: Record<string, string>;
}

export interface VumiGroup {
	key: string;
	$VERSION: number | null;
	user_account: string;
	created_at: string;
	name: string;
	/** Non-null makes it a smart group: `field:value` terms (with `*` wildcards) joined by ` AND `. */
	query: string | null;
}

export type VumiMetricAggregator = 'avg' | 'sum' | 'max' | 'min' | 'last';

export interface VumiMetricValue {
	account: string;
	name: string;
	aggregator: VumiMetricAggregator;
	value: number;
	/** Epoch milliseconds. */
	timestamp: number;
	source: 'seed' | 'metrics_api' | 'conversation';
	conversation_key?: string;
}

export interface VumiOptOut {
	id: string;
	address_type: string;
	address: string;
	user_account: string;
	message: string | null;
	created_at: string;
}

/** `vumi.message.TransportUserMessage.to_json()` */
export interface VumiUserMessage {
	message_version: '20110921';
	message_type: 'user_message';
	timestamp: string;
	routing_metadata: Record<string, unknown>;
	helper_metadata: Record<string, unknown>;
	message_id: string;
	to_addr: string | null;
	from_addr: string | null;
	in_reply_to: string | null;
	provider: string | null;
	session_event: 'new' | 'resume' | 'close' | null;
	content: string | null;
	transport_name: string;
	transport_type: string;
	transport_metadata: Record<string, unknown>;
	group: string | null;
	to_addr_type: string | null;
	from_addr_type: string | null;
}

/** `vumi.message.TransportEvent` */
export interface VumiEvent {
	message_version: '20110921';
	message_type: 'event';
	event_id: string;
	event_type: 'ack' | 'nack' | 'delivery_report';
	user_message_id: string;
	sent_message_id?: string;
	nack_reason?: string;
	delivery_status?: 'pending' | 'failed' | 'delivered';
	timestamp: string;
	transport_name: string;
	transport_metadata: Record<string, unknown>;
	helper_metadata: Record<string, unknown>;
	routing_metadata: Record<string, unknown>;
}

/** One push to a user URL: the URL is shown without credentials. */
export interface VumiPushDelivery {
	id: number;
	kind: 'message' | 'event';
	conversation_key: string;
	url: string;
	body: VumiUserMessage | VumiEvent;
	attempts: number;
	outcome: 'pending' | 'delivered' | 'dropped' | 'failed';
	/** The last HTTP status received, if any. */
	status?: number;
	/** The last connection error, if any. */
	error?: string;
}

export interface VumiGoState {
	campaigns: VumiCampaign[];
	conversations: VumiConversation[];
	channels: VumiChannel[];
	routers: VumiRouter[];
	/** Routing table per account key. */
	routingTables: Record<string, VumiRoutingEntry[]>;
	contacts: VumiContact[];
	groups: VumiGroup[];
	metrics: VumiMetricValue[];
	optouts: VumiOptOut[];
	/** Messages sent through the conversation HTTP API (send_to and replies). */
	outboundMessages: (VumiUserMessage & { conversation_key: string })[];
	/** Simulated messages from users (the ones replies may point at). */
	inboundMessages: (VumiUserMessage & { conversation_key: string })[];
	events: (VumiEvent & { conversation_key: string })[];
	deliveries: VumiPushDelivery[];
}

const account = 'sandbox-account';

/** Seeded keys, for tests that need a known record. */
export const vumiGoSeed = {
	accountKey: account,
	campaignKey: account,
	conversationKeys: { sms: 'conv-sms-1', ussd: 'conv-ussd-1', bulk: 'conv-bulk-1' },
	routerKey: 'router-keyword-1',
	channels: {
		sms: ['sandbox_sms', '27110001234'],
		ussd: ['sandbox_ussd', '*120*1234#'],
		twitter: ['sandbox_twitter', '@sandbox_go'],
	} as Record<'sms' | 'ussd' | 'twitter', [string, string]>,
	contactCount: 125,
	/** Contact n (1-based) has key `contact-00n` and msisdn `+2771000<nnnn>`. */
	contactKey: (n: number): string => `contact-${String(n).padStart(3, '0')}`,
	contactMsisdn: (n: number): string => `+2771000${String(n).padStart(4, '0')}`,
	groupKeys: {
		/** Static group of the even-numbered contacts (62 members). */
		subscribers: 'group-subscribers',
		/** Static group of contacts 1-3. */
		staff: 'group-staff',
		/** Smart group `msisdn:+277100001*` (contacts 100-125). */
		smart: 'group-smart-100s',
	},
	/** Opted-out addresses of the seeded account: contact 7, and a number that is no contact. */
	optedOutMsisdns: ['+27710000007', '+27710009999'],
	/** Seeded metric series: one value per hour over the 48 hours before the emulator clock. */
	metricNames: { sent: 'messages.sent.sum', active: 'contacts.active.last' },
} as const;

export const contactFields = [
	'$VERSION',
	'user_account',
	'created_at',
	'name',
	'surname',
	'groups',
	'msisdn',
	'twitter_handle',
	'bbm_pin',
	'mxit_id',
	'dob',
	'facebook_id',
	'wechat_id',
	'email_address',
	'gtalk_id',
	'extra',
	'subscription',
] as const;

export const groupFields = ['$VERSION', 'user_account', 'created_at', 'name', 'query'] as const;

export function conversationConnector(conversation: { type: string; key: string }): string {
	return `CONVERSATION:${conversation.type}:${conversation.key}`;
}

export function channelConnector(channel: { pool: string; tag: string }): string {
	return `TRANSPORT_TAG:${channel.pool}:${channel.tag}`;
}

export function routerConnector(
	router: { type: string; key: string },
	side: 'INBOUND' | 'OUTBOUND',
) {
	return `ROUTER:${router.type}:${router.key}:${side}`;
}

/**
 * Endpoint ids as docs/wire-formats/vumiGo.md#account-api-json-rpc shows them:
 * `<connector>::<endpoint name>`.
 */
export function endpointUuid(connector: string, endpoint = 'default'): string {
	return `${connector}::${endpoint}`;
}

const firstNames = ['Thandi', 'Sipho', 'Lerato', 'Pieter', 'Aisha', 'Kagiso', 'Naledi', 'Johan'];
const surnames = ['Dlamini', 'Nkosi', 'Mokoena', 'van Wyk', 'Patel', 'Molefe', 'Khumalo', 'Botha'];

function seedContact(n: number): VumiContact {
	const groups: string[] = [];
	if (n % 2 === 0) groups.push(vumiGoSeed.groupKeys.subscribers);
	if (n <= 3) groups.push(vumiGoSeed.groupKeys.staff);
	return {
		key: vumiGoSeed.contactKey(n),
		$VERSION: 2,
		user_account: account,
		created_at: `2015-03-${String(1 + (n % 28)).padStart(2, '0')} 09:${String(n % 60).padStart(2, '0')}:00.000000`,
		name: firstNames[n % firstNames.length],
		surname: surnames[(n * 3) % surnames.length],
		groups,
		msisdn: vumiGoSeed.contactMsisdn(n),
		twitter_handle: n % 10 === 0 ? `@sandbox_user_${n}` : null,
		bbm_pin: null,
		mxit_id: null,
		dob: null,
		facebook_id: n % 25 === 0 ? `fb-${n}` : null,
		wechat_id: null,
		email_address: n % 5 === 0 ? `user${n}@example.com` : null,
		gtalk_id: null,
		extra: n % 3 === 0 ? { language: 'zu', region: 'gauteng' } : {},
		subscription: n % 2 === 0 ? { newsletter: 'subscribed' } : {},
	};
}

function hourlyMetric(
	now: Date,
	name: string,
	aggregator: VumiMetricAggregator,
	value: (hoursAgo: number) => number,
): VumiMetricValue[] {
	const hour = 3600_000;
	const currentHour = Math.floor(now.getTime() / hour) * hour;
	const values: VumiMetricValue[] = [];
	for (let hoursAgo = 48; hoursAgo >= 1; hoursAgo--) {
		values.push({
			account,
			name,
			aggregator,
			value: value(hoursAgo),
			timestamp: currentHour - hoursAgo * hour + 30 * 60_000,
			source: 'seed',
		});
	}
	return values;
}

export function seedVumiGoState(now: Date): VumiGoState {
	const [smsPool, smsTag] = vumiGoSeed.channels.sms;
	const [ussdPool, ussdTag] = vumiGoSeed.channels.ussd;
	const [twitterPool, twitterTag] = vumiGoSeed.channels.twitter;
	const conversation = (
		key: string,
		type: string,
		name: string,
		description: string,
		transport: [string, string, string],
		extra_endpoints: string[] = [],
	): VumiConversation => ({
		key,
		account,
		type,
		name,
		description,
		status: 'running',
		extra_endpoints,
		transport_name: transport[0],
		transport_type: transport[1],
		channel_address: transport[2],
		push_message_url: null,
		push_event_url: null,
		ignore_messages: false,
		ignore_events: false,
	});
	const router: VumiRouter = {
		key: vumiGoSeed.routerKey,
		account,
		type: 'keyword',
		name: 'Keyword Router',
		description: 'Routes HELP to the helpdesk and NEWS to the newsletter',
		status: 'running',
		channel_endpoints: ['default'],
		conversation_endpoints: ['default', 'news'],
	};
	const conversations = [
		conversation(
			vumiGoSeed.conversationKeys.sms,
			'http_api',
			'SMS Helpdesk',
			'Two-way SMS over the HTTP API',
			['sandbox_sms_transport', 'sms', smsTag],
		),
		conversation(
			vumiGoSeed.conversationKeys.ussd,
			'http_api',
			'USSD Survey',
			'Session-based USSD survey over the HTTP API',
			['sandbox_ussd_transport', 'ussd', ussdTag],
		),
		conversation(
			vumiGoSeed.conversationKeys.bulk,
			'bulk_message',
			'Monthly Newsletter',
			'Bulk message to the subscribers group',
			['sandbox_sms_transport', 'sms', smsTag],
		),
	];
	const link = (source: string, target: string): VumiRoutingEntry[] => [
		{ source: { uuid: source }, target: { uuid: target } },
		{ source: { uuid: target }, target: { uuid: source } },
	];
	const sms = endpointUuid(channelConnector({ pool: smsPool, tag: smsTag }));
	const ussd = endpointUuid(channelConnector({ pool: ussdPool, tag: ussdTag }));
	return {
		campaigns: [{ key: account, name: 'Your Campaign' }],
		conversations,
		channels: [
			{ account, pool: smsPool, tag: smsTag },
			{ account, pool: ussdPool, tag: ussdTag },
			{ account, pool: twitterPool, tag: twitterTag },
		],
		routers: [router],
		routingTables: {
			[account]: [
				...link(sms, endpointUuid(routerConnector(router, 'INBOUND'))),
				...link(
					endpointUuid(routerConnector(router, 'OUTBOUND')),
					endpointUuid(conversationConnector(conversations[0])),
				),
				...link(
					endpointUuid(routerConnector(router, 'OUTBOUND'), 'news'),
					endpointUuid(conversationConnector(conversations[2])),
				),
				...link(ussd, endpointUuid(conversationConnector(conversations[1]))),
			],
		},
		contacts: Array.from({ length: vumiGoSeed.contactCount }, (_, index) => seedContact(index + 1)),
		groups: [
			{
				key: vumiGoSeed.groupKeys.subscribers,
				$VERSION: 1,
				user_account: account,
				created_at: '2015-02-01 08:00:00.000000',
				name: 'Newsletter subscribers',
				query: null,
			},
			{
				key: vumiGoSeed.groupKeys.staff,
				$VERSION: 1,
				user_account: account,
				created_at: '2015-02-01 08:05:00.000000',
				name: 'Staff',
				query: null,
			},
			{
				key: vumiGoSeed.groupKeys.smart,
				$VERSION: 1,
				user_account: account,
				created_at: '2015-02-02 10:00:00.000000',
				name: 'Numbers 100 and up',
				query: 'msisdn:+277100001*',
			},
		],
		metrics: [
			...hourlyMetric(now, vumiGoSeed.metricNames.sent, 'sum', (h) => 10 + (h % 5)),
			...hourlyMetric(now, vumiGoSeed.metricNames.active, 'last', (h) => 100 - h),
		],
		optouts: vumiGoSeed.optedOutMsisdns.map((address, index) => ({
			id: `optout-${index + 1}`,
			address_type: 'msisdn',
			address,
			user_account: account,
			message: null,
			created_at: `2015-11-10 20:3${index}:03.742409`,
		})),
		outboundMessages: [],
		inboundMessages: [],
		events: [],
		deliveries: [],
	};
}
