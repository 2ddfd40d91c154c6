/** Hologram emulator state: the record types and the deterministic seed every test can rely on. */

export interface HologramUser {
	id: number;
	email: string;
	partnerid: number;
	first: string;
	last: string;
	role: string;
	registered: string;
	last_login: string;
}

export interface HologramOrganization {
	id: number;
	name: string;
	is_personal: boolean;
	ownerid: number;
	users: { id: number; email: string; first: string; last: string; permissions: string[] }[];
	pending: { email: string; permissions: string[] }[];
}

/** Amounts are strings, as the real API sends them. */
export interface HologramBalance {
	userid: number;
	orgid: number;
	balance: string;
	promobalance: string;
	minbalance: string;
	topoffamount: string;
	pendingcharges: string;
}

export interface HologramBalanceHistoryEntry {
	id: number;
	orgid: number;
	time: string;
	description: string;
	amount: string;
	transaction_type_id: number;
	orderid: number | null;
	linkids: number[];
}

export interface HologramDevice {
	id: number;
	orgid: number;
	name: string;
	type: string;
	whencreated: string;
	phonenumber: string;
	tunnelable: 0 | 1;
	hidden: 0 | 1;
	imei: string;
	model: string;
	manufacturer: string;
	lastsession: {
		linkid: number;
		active: boolean;
		bytes: number;
		session_begin: string;
		session_end: string;
	};
	/** The secret in `devices/messages/{deviceid}/{webhookguid}`. */
	webhookguid: string;
}

export type HologramLinkState = 'LIVE' | 'PAUSE' | 'DEACTIVATE';

export interface HologramCellularLink {
	id: number;
	deviceid: number;
	orgid: number;
	sim: string;
	msisdn: string;
	imsi: string;
	carrier: string;
	tunnelable: 0 | 1;
	planid: number;
	zone: string;
	/** Legacy (2016) pricing tier; the current API uses `zone`. */
	tier: number;
	state: HologramLinkState;
	whenclaimed: string;
	whenexpires: string;
	whencreated: string;
	/** Bytes; -1 means no limit. */
	overagelimit: number;
	datathreshold: number;
	smslimit: number;
	apn: string;
}

export interface HologramPlan {
	id: number;
	partnerid: number;
	name: string;
	description: string;
	data: number;
	recurring: boolean;
	enabled: boolean;
	billingperiod: number;
	trialdays: number;
	carrierid: number;
	groupid: number;
	tiers: Record<
		string,
		{ zones: Record<string, { amount: string; sms: string; overage: string }> }
	>;
}

/** Which devices carry a tag is stored here only; a device's `tags` is derived from it. */
export interface HologramTag {
	id: number;
	name: string;
	deviceids: number[];
}

export interface HologramCsrMessage {
	id: number;
	deviceid: number;
	logged: string;
	/** A JSON string, as the API returns it. */
	data: string;
	record_id: string;
	tags: string[];
	error: 0 | 1;
}

export interface HologramSentSms {
	id: number;
	deviceid: number;
	body: string;
	base64body: string | null;
	fromnumber: string | null;
	sentAt: string;
}

export interface HologramCloudMessage {
	messageid: number;
	deviceid: number;
	protocol: 'TCP' | 'UDP';
	port: number;
	data: string | null;
	base64data: string | null;
	waitForResponse: boolean;
	sentAt: string;
}

export interface HologramWebhookMessage {
	id: number;
	deviceid: number;
	data: string | null;
	base64data: string | null;
	receivedAt: string;
}

export interface HologramTunnelKey {
	id: number;
	userid: number;
	disabled: 0 | 1;
	public_key: string;
}

export interface HologramOrder {
	orderid: number;
	orgid: number;
	kind: 'bulkclaim' | 'changeplan' | 'addbalance';
	amount: string;
	time: string;
	linkids: number[];
}

export interface HologramState {
	user: HologramUser;
	organizations: HologramOrganization[];
	balances: HologramBalance[];
	balanceHistory: HologramBalanceHistoryEntry[];
	devices: HologramDevice[];
	links: HologramCellularLink[];
	plans: HologramPlan[];
	tags: HologramTag[];
	csrMessages: HologramCsrMessage[];
	sentSms: HologramSentSms[];
	cloudMessages: HologramCloudMessage[];
	webhookMessages: HologramWebhookMessage[];
	tunnelKeys: HologramTunnelKey[];
	orders: HologramOrder[];
}

/** Seeded ids, for tests that need a known record. */
export const hologramSeed = {
	userId: 501,
	personalOrgId: 1001,
	teamOrgId: 1002,
	deviceIds: [3001, 3002, 3003, 3004, 3005, 3006, 3007],
	linkIds: [4001, 4002, 4003, 4004, 4005, 4006, 4007],
	pausedLinkIds: [4002, 4006],
	planIds: [11, 12, 13],
	tagIds: [21, 22],
	tunnelKeyIds: { enabled: 61, disabled: 62 },
	/** Device id → the GUID of its webhook URL. */
	webhookGuid: (deviceId: number): string =>
		`7c8e1f4a-2d3b-4c5e-8f90-${String(deviceId).padStart(12, '0')}`,
	/** Device id → its SIM (ICCID); link id = device id + 1000. */
	sim: (deviceId: number): string => `8944500102198304${deviceId}`,
} as const;

const ada = { id: 501, email: 'ada.lovelace@example.com', first: 'Ada', last: 'Lovelace' };
const grace = { id: 502, email: 'grace.hopper@example.com', first: 'Grace', last: 'Hopper' };

const deviceSeeds: {
	id: number;
	orgid: number;
	name: string;
	planid: number;
	state: HologramLinkState;
	model: string;
	created: string;
}[] = [
	{
		id: 3001,
		orgid: 1001,
		name: 'Cold Room Sensor 1',
		planid: 12,
		state: 'LIVE',
		model: 'Nova R410',
		created: '2023-02-06 10:15:00',
	},
	{
		id: 3002,
		orgid: 1001,
		name: 'Cold Room Sensor 2',
		planid: 12,
		state: 'PAUSE',
		model: 'Nova R410',
		created: '2023-02-06 10:16:30',
	},
	{
		id: 3003,
		orgid: 1001,
		name: 'Garden Weather Station',
		planid: 11,
		state: 'LIVE',
		model: 'Nova U201',
		created: '2023-04-19 17:42:11',
	},
	{
		id: 3004,
		orgid: 1002,
		name: 'Truck 17 Tracker',
		planid: 13,
		state: 'LIVE',
		model: 'Nova R410',
		created: '2023-06-01 08:00:00',
	},
	{
		id: 3005,
		orgid: 1002,
		name: 'Truck 22 Tracker',
		planid: 13,
		state: 'LIVE',
		model: 'Nova R410',
		created: '2023-06-01 08:05:00',
	},
	{
		id: 3006,
		orgid: 1002,
		name: 'Depot Gate Controller',
		planid: 13,
		state: 'PAUSE',
		model: 'Nova R404',
		created: '2023-09-12 14:30:45',
	},
	{
		id: 3007,
		orgid: 1002,
		name: 'Spare Modem',
		planid: 11,
		state: 'LIVE',
		model: 'Nova U201',
		created: '2024-01-08 09:00:00',
	},
];

function seedDevice(seed: (typeof deviceSeeds)[number]): HologramDevice {
	return {
		id: seed.id,
		orgid: seed.orgid,
		name: seed.name,
		type: 'Cellular',
		whencreated: seed.created,
		phonenumber: `447937${String(seed.id).padStart(6, '0')}`,
		tunnelable: 1,
		hidden: 0,
		imei: `35290611000${seed.id}`,
		model: seed.model,
		manufacturer: 'Hologram',
		lastsession: {
			linkid: seed.id + 1000,
			active: false,
			bytes: 2048 + seed.id,
			session_begin: '2024-05-01 06:00:00',
			session_end: '2024-05-01 06:04:12',
		},
		webhookguid: hologramSeed.webhookGuid(seed.id),
	};
}

function seedLink(seed: (typeof deviceSeeds)[number]): HologramCellularLink {
	return {
		id: seed.id + 1000,
		deviceid: seed.id,
		orgid: seed.orgid,
		sim: hologramSeed.sim(seed.id),
		msisdn: `447937${String(seed.id).padStart(6, '0')}`,
		imsi: `23450709500${seed.id}`,
		carrier: 'T-Mobile',
		tunnelable: 1,
		planid: seed.planid,
		zone: 'global',
		tier: 1,
		state: seed.state,
		whenclaimed: seed.created,
		whenexpires: '2026-12-31 23:59:59',
		whencreated: seed.created,
		overagelimit: -1,
		datathreshold: 0,
		smslimit: 0,
		apn: 'hologram',
	};
}

function plan(
	id: number,
	name: string,
	description: string,
	data: number,
	amount: string,
	overage: string,
): HologramPlan {
	return {
		id,
		partnerid: 0,
		name,
		description,
		data,
		recurring: true,
		enabled: true,
		billingperiod: 30,
		trialdays: 0,
		carrierid: 1,
		groupid: 1,
		tiers: { '1': { zones: { global: { amount, sms: '0.19', overage } } } },
	};
}

function history(
	id: number,
	orgid: number,
	time: string,
	description: string,
	amount: string,
	type: number,
	orderid: number | null,
	linkids: number[] = [],
): HologramBalanceHistoryEntry {
	return { id, orgid, time, description, amount, transaction_type_id: type, orderid, linkids };
}

export function seedHologramState(): HologramState {
	return {
		user: {
			...ada,
			partnerid: 0,
			role: 'USER',
			registered: '2016-03-14 09:26:53',
			last_login: '2024-05-02 07:30:00',
		},
		organizations: [
			{
				id: 1001,
				name: 'Ada Lovelace',
				is_personal: true,
				ownerid: 501,
				users: [{ ...ada, permissions: ['owner'] }],
				pending: [],
			},
			{
				id: 1002,
				name: 'Acme Fleet Telemetry',
				is_personal: false,
				ownerid: 501,
				users: [
					{ ...ada, permissions: ['owner'] },
					{ ...grace, permissions: ['view_devices', 'manage_devices'] },
				],
				pending: [{ email: 'alan.turing@example.com', permissions: ['view_devices'] }],
			},
		],
		balances: [
			{
				userid: 501,
				orgid: 1001,
				balance: '42.50',
				promobalance: '5.00',
				minbalance: '0.00',
				topoffamount: '25.00',
				pendingcharges: '1.20',
			},
			{
				userid: 501,
				orgid: 1002,
				balance: '1250.00',
				promobalance: '0.00',
				minbalance: '100.00',
				topoffamount: '500.00',
				pendingcharges: '37.85',
			},
		],
		balanceHistory: [
			history(7001, 1001, '2024-01-02 09:00:00', 'Account balance top-off', '50.00', 1, 88001),
			history(
				7002,
				1001,
				'2024-02-01 00:00:00',
				'Monthly data plan charge',
				'-3.00',
				2,
				null,
				[4001, 4002],
			),
			history(7003, 1001, '2024-02-15 12:30:00', 'Data overage', '-0.40', 3, null, [4001]),
			history(
				7004,
				1001,
				'2024-03-01 00:00:00',
				'Monthly data plan charge',
				'-3.00',
				2,
				null,
				[4001, 4002],
			),
			history(7005, 1001, '2024-03-20 18:05:00', 'Promotional credit', '5.00', 4, null),
			history(
				7006,
				1001,
				'2024-04-01 00:00:00',
				'Monthly data plan charge',
				'-6.10',
				2,
				null,
				[4001, 4002, 4003],
			),
			history(7101, 1002, '2024-01-05 10:00:00', 'Account balance top-off', '1000.00', 1, 88002),
			history(
				7102,
				1002,
				'2024-02-01 00:00:00',
				'Monthly data plan charge',
				'-120.00',
				2,
				null,
				[4004, 4005, 4006],
			),
			history(7103, 1002, '2024-02-10 08:45:00', 'SIM activation', '-15.00', 5, 88003, [4007]),
			history(
				7104,
				1002,
				'2024-03-01 00:00:00',
				'Monthly data plan charge',
				'-120.00',
				2,
				null,
				[4004, 4005, 4006],
			),
			history(7105, 1002, '2024-03-02 09:15:00', 'Account balance top-off', '500.00', 1, 88004),
			history(7106, 1002, '2024-04-01 00:00:00', 'Monthly data plan charge', '5.00', 6, null, [
				4004,
			]),
		],
		devices: deviceSeeds.map(seedDevice),
		links: deviceSeeds.map(seedLink),
		plans: [
			plan(11, 'Pay As You Go', 'Pay per megabyte, no monthly data', 0, '0.00', '0.60'),
			plan(12, '1 MB Maker', '1 MB of data per month', 1048576, '1.50', '0.40'),
			plan(13, '1 GB Fleet', '1 GB of data per month', 1073741824, '40.00', '0.15'),
		],
		tags: [
			{ id: 21, name: 'cold-chain', deviceids: [3001, 3002] },
			{ id: 22, name: 'fleet', deviceids: [3004, 3005] },
		],
		csrMessages: [
			csr(9001, 3001, '2024-05-01 06:00:05', { temperature: 3.9 }, ['temperature']),
			csr(9002, 3001, '2024-05-01 07:00:05', { temperature: 4.2 }, ['temperature']),
			csr(9003, 3002, '2024-05-01 07:30:00', { door: 'open' }, ['door', 'alarm']),
			csr(9004, 3004, '2024-05-01 08:12:44', { lat: 51.5072, lon: -0.1276 }, ['gps']),
			csr(9005, 3005, '2024-05-01 09:01:10', { lat: 53.4808, lon: -2.2426 }, ['gps']),
			csr(9006, 3003, '2024-05-02 12:00:00', { rain_mm: 1.4, wind_kph: 18 }, ['weather']),
			csr(9007, 3004, '2024-05-02 13:20:00', 'malformed reading', ['gps'], 1),
			csr(9008, 3006, '2024-05-03 18:45:30', { gate: 'closed' }, ['gate', 'alarm']),
		],
		sentSms: [],
		cloudMessages: [],
		webhookMessages: [],
		tunnelKeys: [
			{
				id: 61,
				userid: 501,
				disabled: 0,
				public_key:
					'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHm8aWQgWC1sYXB0b3Atc2FuZGJveC1rZXk ada@laptop',
			},
			{
				id: 62,
				userid: 501,
				disabled: 1,
				public_key: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDoldcisabledkeysandbox ada@old-desktop',
			},
		],
		orders: [],
	};
}

/** The logged payload mirrors a Data Engine record: the device's bytes plus routing metadata. */
function csr(
	id: number,
	deviceid: number,
	logged: string,
	payload: unknown,
	topics: string[],
	error: 0 | 1 = 0,
): HologramCsrMessage {
	const data = JSON.stringify({
		data: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)).toString(
			'base64',
		),
		received: logged,
		source: hologramSeed.sim(deviceid),
		tags: topics,
	});
	return {
		id,
		deviceid,
		logged,
		data,
		record_id: `rec-${id.toString(16)}`,
		tags: [`_DEVICE_${deviceid}_`, ...topics],
		error,
	};
}
