// One read and one send per provider, and how to count the sends in the emulator's own records.
import type {
	HoiioEmulator,
	HologramEmulator,
	Sandbox,
	SmartLivingEmulator,
	SyniverseScgEmulator,
	VumiGoEmulator,
} from '../../../sandbox';
import {
	defaultScgCredentials,
	defaultVumiGoConversationToken,
	defaultVumiGoToken,
	hoiioSeed,
	hologramSeed,
	scgSeed,
	smartLivingSeed,
	vumiGoSeed,
} from '../../../sandbox';
import type { MatrixTarget } from './matrix';

const hologramOf = (sandbox: Sandbox) => sandbox.emulators.hologram as HologramEmulator;
const scgOf = (sandbox: Sandbox) => sandbox.emulators.syniverseScg as SyniverseScgEmulator;
const hoiioOf = (sandbox: Sandbox) => sandbox.emulators.hoiio as HoiioEmulator;
const vumiOf = (sandbox: Sandbox) => sandbox.emulators.vumiGo as VumiGoEmulator;
const smartLivingOf = (sandbox: Sandbox) => sandbox.emulators.smartLiving as SmartLivingEmulator;

const hologramDevice = hologramSeed.deviceIds[0];

export const hologram: MatrixTarget = {
	displayName: 'Hologram',
	provider: 'hologram',
	node: 'hologram',
	credentials: (sandbox) => ({
		hologramApi: { apiKey: hologramOf(sandbox).apiKey, baseUrl: hologramOf(sandbox).url },
	}),
	secretFields: ['apiKey'],
	read: {
		name: 'device get',
		parameters: { resource: 'device', operation: 'get', deviceId: hologramDevice },
		match: { method: 'GET', path: `/devices/${hologramDevice}` },
		isExpected: (items) => items.length === 1 && items[0].json.id === hologramDevice,
	},
	send: {
		name: 'SMS send',
		parameters: (marker) => ({
			resource: 'sms',
			operation: 'send',
			deviceId: hologramDevice,
			encoding: 'text',
			message: marker,
		}),
		match: { method: 'POST', path: '/sms/incoming' },
		performed: (sandbox, marker) =>
			hologramOf(sandbox).state.sentSms.filter((sms) => sms.body === marker).length,
	},
};

const scgContact = scgSeed.contactIds[0];

export const syniverseScg: MatrixTarget = {
	displayName: 'Syniverse SCG',
	provider: 'syniverseScg',
	node: 'syniverseScg',
	credentials: (sandbox) => ({
		syniverseScgApi: {
			accessToken: defaultScgCredentials.accessToken,
			consumerKey: defaultScgCredentials.consumerKey,
			consumerSecret: defaultScgCredentials.consumerSecret,
			baseUrl: scgOf(sandbox).url,
		},
	}),
	secretFields: ['accessToken', 'consumerKey', 'consumerSecret'],
	read: {
		name: 'contact get',
		parameters: { resource: 'contact', operation: 'get', contactId: scgContact },
		match: { method: 'GET', path: `/contacts/${scgContact}` },
		isExpected: (items) => items.length === 1 && items[0].json.id === scgContact,
	},
	send: {
		name: 'message request create',
		parameters: (marker) => ({
			resource: 'messageRequest',
			operation: 'create',
			sender: scgSeed.activeSenderId,
			messageType: 'SMS',
			recipients: '+14085551212',
			message: marker,
		}),
		match: { method: 'POST', path: /\/messaging\/message_requests$/ },
		performed: (sandbox, marker) =>
			scgOf(sandbox).state.messageRequests.filter((request) => request.body === marker).length,
	},
};

export const hoiio: MatrixTarget = {
	displayName: 'Hoiio',
	provider: 'hoiio',
	node: 'hoiio',
	credentials: (sandbox) => ({
		hoiioApi: {
			appId: hoiioOf(sandbox).appId,
			accessToken: hoiioOf(sandbox).accessToken,
			defaultCountryCode: '',
			baseUrl: hoiioOf(sandbox).url,
		},
	}),
	secretFields: ['accessToken'],
	read: {
		name: 'SMS get status',
		parameters: { resource: 'sms', operation: 'getStatus', txnRef: hoiioSeed.firstSmsRef },
		match: { path: '/sms/query_status' },
		isExpected: (items) => items.length === 1 && items[0].json.txn_ref === hoiioSeed.firstSmsRef,
	},
	send: {
		name: 'SMS send',
		parameters: (marker) => ({
			resource: 'sms',
			operation: 'send',
			to: '+6591234567',
			message: marker,
		}),
		match: { path: '/sms/send' },
		performed: (sandbox, marker) =>
			hoiioOf(sandbox).state.sms.filter((sms) => sms.msg === marker).length,
	},
};

const vumiContact = vumiGoSeed.contactKey(4);

export const vumiGo: MatrixTarget = {
	displayName: 'Vumi Go',
	provider: 'vumiGo',
	node: 'vumiGo',
	credentials: (sandbox) => ({
		vumiGoApi: {
			accessToken: defaultVumiGoToken,
			baseUrl: vumiOf(sandbox).url,
			accountKey: vumiGoSeed.accountKey,
			conversationKey: vumiGoSeed.conversationKeys.sms,
			conversationToken: defaultVumiGoConversationToken,
			httpApiBaseUrl: vumiOf(sandbox).httpApiUrl,
		},
	}),
	secretFields: ['accessToken', 'conversationToken'],
	read: {
		name: 'contact get',
		parameters: { resource: 'contact', operation: 'get', lookUpBy: 'key', contactKey: vumiContact },
		match: { method: 'GET', path: `/contacts/${vumiContact}` },
		isExpected: (items) => items.length === 1 && items[0].json.key === vumiContact,
	},
	send: {
		name: 'text message send',
		parameters: (marker) => ({
			resource: 'message',
			operation: 'sendText',
			toAddress: '+27821234567',
			content: marker,
		}),
		match: { method: 'PUT', path: '/messages.json' },
		performed: (sandbox, marker) =>
			vumiOf(sandbox).state.outboundMessages.filter((message) => message.content === marker).length,
	},
};

const thermostat = smartLivingSeed.deviceIds.thermostat;
const heating = smartLivingSeed.assetIds.heating;
/** Commands to the heating over REST; the marker cannot travel in a boolean, and each case has its own sandbox. */
const heatingCommands = (sandbox: Sandbox) =>
	smartLivingOf(sandbox).state.commands.filter(
		(command) => command.assetId === heating && command.via === 'rest',
	).length;

export const smartLivingLegacy: MatrixTarget = {
	displayName: 'SmartLiving',
	label: 'SmartLiving (legacy API)',
	provider: 'smartLiving',
	node: 'smartLiving',
	credentials: (sandbox) => ({
		smartLivingApi: {
			platform: 'smartLiving',
			username: smartLivingSeed.username,
			password: smartLivingSeed.password,
			apiUrl: smartLivingOf(sandbox).url,
			brokerHost: smartLivingOf(sandbox).mqttUrl,
		},
	}),
	secretFields: ['password', 'accessToken', 'refreshToken', 'mqttPassword'],
	read: {
		name: 'asset get',
		parameters: { resource: 'asset', operation: 'get', assetBy: 'id', assetId: heating },
		match: { method: 'GET', path: `/asset/${heating}` },
		isExpected: (items) => items.length === 1 && items[0].json.id === heating,
	},
	send: {
		name: 'command send',
		parameters: () => ({
			resource: 'asset',
			operation: 'sendCommand',
			assetBy: 'id',
			assetId: heating,
			valueType: 'boolean',
			booleanValue: true,
		}),
		match: { method: 'PUT', path: `/asset/${heating}/command` },
		performed: heatingCommands,
	},
};

export const smartLivingMaker: MatrixTarget = {
	displayName: 'SmartLiving',
	label: 'SmartLiving (AllThingsTalk Maker API)',
	provider: 'smartLiving',
	node: 'smartLiving',
	credentials: (sandbox) => ({
		smartLivingApi: {
			platform: 'maker',
			token: smartLivingSeed.makerGroundToken,
			makerApiUrl: smartLivingOf(sandbox).url,
			brokerHost: smartLivingOf(sandbox).mqttUrl,
		},
	}),
	secretFields: ['token'],
	read: {
		name: 'asset get',
		parameters: {
			resource: 'asset',
			operation: 'get',
			assetBy: 'device',
			deviceId: thermostat,
			assetName: 'heating',
		},
		match: { method: 'GET', path: `/device/${thermostat}/asset/heating` },
		isExpected: (items) => items.length === 1 && items[0].json.id === heating,
	},
	send: {
		name: 'command send',
		parameters: () => ({
			resource: 'asset',
			operation: 'sendCommand',
			assetBy: 'device',
			deviceId: thermostat,
			assetName: 'heating',
			valueType: 'boolean',
			booleanValue: true,
		}),
		match: { method: 'PUT', path: `/device/${thermostat}/asset/heating/command` },
		performed: heatingCommands,
	},
};
