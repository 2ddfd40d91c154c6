import { findDevice } from '../records';
import {
	badRequest,
	hologramDate,
	nextId,
	ok,
	optionalBoolean,
	optionalInteger,
	optionalIntegerList,
	optionalList,
	optionalString,
	paginated,
	pick,
	requiredInteger,
	requiredIntegerList,
	unixSeconds,
	type Params,
} from '../wire';
import { HttpError } from '../../core/types';
import type { HologramContext, HologramRoutes } from './context';

/** Exactly one of a text field and its base64 twin, as for `data`/`base64data`. */
function textOrBase64(
	params: Params,
	textName: string,
	base64Name: string,
): { text: string | null; base64: string | null } {
	const text = optionalString(params, textName) ?? null;
	const base64 = optionalString(params, base64Name) ?? null;
	if (text !== null && base64 !== null)
		throw badRequest(`Send either ${textName} or ${base64Name}, not both`);
	if (text === null && base64 === null)
		throw badRequest(`Missing required parameter ${textName} or ${base64Name}`);
	if (base64 !== null && !/^[A-Za-z0-9+/]*={0,2}$/.test(base64))
		throw badRequest(`${base64Name} is not valid base64`);
	return { text, base64 };
}

function sendCsrMessage({ params, state, now }: HologramContext) {
	const device = findDevice(state, requiredInteger(params, 'deviceid'));
	const data = pick(params, 'data');
	if (data === undefined) throw badRequest('Missing required parameter data');
	const id = nextId(state.csrMessages, 9000);
	state.csrMessages.push({
		id,
		deviceid: device.id,
		logged: hologramDate(now),
		data: typeof data === 'string' ? data : JSON.stringify(data),
		record_id: `rec-${id.toString(16)}`,
		tags: [`_DEVICE_${device.id}_`, ...(optionalList(params, 'tags') ?? [])],
		error: 0,
	});
	return ok();
}

/** Both the 2016 parameter names and the current ones are honoured. */
function listCsrMessages({ request, params, state }: HologramContext) {
	const deviceIds = optionalIntegerList(params, 'deviceids', 'deviceid');
	const orgid = optionalInteger(params, 'orgid');
	const topic = optionalString(params, 'topicname', 'tagname');
	const start = optionalInteger(params, 'timestart', 'timestampstart');
	const end = optionalInteger(params, 'timeend', 'timestampend');
	const onlyErrors = optionalBoolean(params, 'error');
	const orgDevices =
		orgid === undefined
			? undefined
			: state.devices.filter((device) => device.orgid === orgid).map((device) => device.id);
	const messages = state.csrMessages.filter((message) => {
		const time = unixSeconds(message.logged);
		return (
			(deviceIds === undefined || deviceIds.includes(message.deviceid)) &&
			(orgDevices === undefined || orgDevices.includes(message.deviceid)) &&
			(topic === undefined || message.tags.includes(topic)) &&
			(start === undefined || time >= start) &&
			(end === undefined || time <= end) &&
			(onlyErrors === undefined || message.error === (onlyErrors ? 1 : 0))
		);
	});
	return paginated(request, params, messages);
}

/** Simulates an SMS arriving at each device ("incoming" from the device's point of view). */
function sendSms({ params, state, now }: HologramContext) {
	const deviceIds =
		optionalIntegerList(params, 'deviceids') ??
		(pick(params, 'deviceid') === undefined ? [] : [requiredInteger(params, 'deviceid')]);
	if (deviceIds.length === 0) throw badRequest('Missing required parameter deviceid or deviceids');
	for (const id of deviceIds) findDevice(state, id);
	const { text, base64 } = textOrBase64(params, 'body', 'base64body');
	const fromnumber = optionalString(params, 'fromnumber') ?? null;
	for (const deviceid of deviceIds) {
		const body = text ?? Buffer.from(base64 ?? '', 'base64').toString('utf8');
		state.sentSms.push({
			id: nextId(state.sentSms, 0),
			deviceid,
			body,
			base64body: base64,
			fromnumber,
			sentAt: hologramDate(now),
		});
	}
	return ok();
}

function sendCloudMessage({ params, state, now }: HologramContext) {
	const deviceIds = requiredIntegerList(params, 'deviceids');
	const protocol = optionalString(params, 'protocol');
	if (protocol !== 'TCP' && protocol !== 'UDP') throw badRequest('protocol must be "TCP" or "UDP"');
	const port = requiredInteger(params, 'port');
	if (port < 1 || port > 65535) throw badRequest('port must be between 1 and 65535');
	const { text, base64 } = textOrBase64(params, 'data', 'base64data');
	const waitForResponse = optionalBoolean(params, 'waitForResponse') ?? false;
	for (const id of deviceIds) findDevice(state, id);
	const sent = deviceIds.map((deviceid) => {
		const messageid =
			state.cloudMessages.reduce((max, message) => Math.max(max, message.messageid), 80000) + 1;
		state.cloudMessages.push({
			messageid,
			deviceid,
			protocol,
			port,
			data: text,
			base64data: base64,
			waitForResponse,
			sentAt: hologramDate(now),
		});
		return { deviceid, messageid };
	});
	return ok(sent);
}

/** The webhook GUID is the only credential here: no API key is asked for. */
function receiveWebhook({ path, params, state, now }: HologramContext) {
	const device = findDevice(state, path.deviceId);
	if (path.webhookGuid !== device.webhookguid)
		throw new HttpError(403, 'Invalid webhook GUID for this device');
	const { text, base64 } = textOrBase64(params, 'data', 'base64data');
	state.webhookMessages.push({
		id: nextId(state.webhookMessages, 0),
		deviceid: device.id,
		data: text,
		base64data: base64,
		receivedAt: hologramDate(now),
	});
	return ok();
}

export function registerMessagingRoutes(routes: HologramRoutes): void {
	routes.add('POST', '/csr/rdm', sendCsrMessage);
	routes.add('GET', '/csr/rdm', listCsrMessages);
	routes.add('POST', '/sms/incoming', sendSms);
	routes.add('POST', '/devices/messages', sendCloudMessage);
	routes.add('POST', '/devices/messages/:deviceId/:webhookGuid', receiveWebhook, 'public');
}
