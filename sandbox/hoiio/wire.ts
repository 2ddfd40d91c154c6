import { isRecord, parseSearchParams } from '../core/body';
import type { EmulatorResponse, RecordedRequest } from '../core/types';

/** A multipart part sent with a filename (the fax `file` may arrive this way). */
export interface UploadedFile {
	filename: string;
	contentType: string;
	data: Buffer;
}

export type ParamValue = string | string[] | UploadedFile;
export type Params = Record<string, ParamValue>;

/**
 * Hoiio answers every failure as `{"status":"error_..."}` inside an HTTP 200
 * (docs/wire-formats/hoiio.md#errors-inside-an-http-200), so handlers throw this.
 */
export class HoiioStatusError extends Error {
	constructor(readonly status: string) {
		super(status);
	}
}

export function fail(status: string): HoiioStatusError {
	return new HoiioStatusError(status);
}

/**
 * Every number in a response is a string (docs/wire-formats/hoiio.md#values-on-the-wire); callers render
 * values before passing them here.
 */
export function ok(fields: Record<string, unknown> = {}): EmulatorResponse {
	const body: Record<string, unknown> = { status: 'success_ok' };
	for (const [name, value] of Object.entries(fields)) if (value !== undefined) body[name] = value;
	return { status: 200, body };
}

export function statusResponse(status: string): EmulatorResponse {
	return { status: 200, body: { status } };
}

function isUploadedFile(value: unknown): value is UploadedFile {
	return (
		typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).data)
	);
}

/** Minimal multipart/form-data reader: fields become strings, parts with a filename stay bytes. */
export function parseMultipart(rawBody: Buffer, contentType: string): Params {
	const boundaryMatch = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	const params: Params = {};
	if (!boundaryMatch) return params;
	const delimiter = Buffer.from(`--${(boundaryMatch[1] ?? boundaryMatch[2]).trim()}`);
	let position = rawBody.indexOf(delimiter);
	while (position !== -1) {
		const partStart = position + delimiter.length;
		if (rawBody.subarray(partStart, partStart + 2).toString() === '--') break;
		const next = rawBody.indexOf(delimiter, partStart);
		if (next === -1) break;
		const part = rawBody.subarray(partStart, next);
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd !== -1) {
			const headers = part.subarray(0, headerEnd).toString('utf8');
			// The part body ends with the CRLF that precedes the next delimiter.
			let data = part.subarray(headerEnd + 4);
			if (data.subarray(-2).toString() === '\r\n') data = data.subarray(0, -2);
			const name = /name="([^"]*)"/i.exec(headers)?.[1];
			const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
			const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
			if (name !== undefined) {
				params[name] =
					filename !== undefined
						? { filename, contentType: type.trim(), data: Buffer.from(data) }
						: data.toString('utf8');
			}
		}
		position = next;
	}
	return params;
}

/** GET query, form-urlencoded body, multipart body (and, leniently, JSON) merged; the body wins on a clash. */
export function requestParams(request: RecordedRequest): Params {
	const params: Params = { ...request.query };
	const contentType = request.headers['content-type'] ?? '';
	let body: unknown = request.body;
	if (/multipart\/form-data/i.test(contentType))
		body = parseMultipart(request.rawBody, contentType);
	else if (body === undefined && request.rawBody.length > 0)
		body = parseSearchParams(request.rawBody.toString('utf8'));
	if (isRecord(body)) {
		for (const [name, value] of Object.entries(body)) {
			if (value === null || value === undefined) continue;
			if (typeof value === 'string' || isUploadedFile(value)) params[name] = value;
			else if (Array.isArray(value)) params[name] = value.map((item) => String(item));
			else if (typeof value === 'object') params[name] = JSON.stringify(value);
			else params[name] = String(value as number | boolean);
		}
	}
	return params;
}

/** The raw text of a parameter, '' included; a repeated field gives its first value. */
export function rawText(params: Params, name: string): string | undefined {
	const value = params[name];
	if (value === undefined || isUploadedFile(value)) return undefined;
	return Array.isArray(value) ? value[0] : value;
}

/** First present, non-blank spelling wins. */
export function text(params: Params, ...names: string[]): string | undefined {
	for (const name of names) {
		const value = rawText(params, name)?.trim();
		if (value !== undefined && value !== '') return value;
	}
	return undefined;
}

export function required(params: Params, name: string): string {
	const value = text(params, name);
	if (value === undefined) throw fail(`error_${name}_param_missing`);
	return value;
}

/** The record the request's `txn_ref` names: `error_txn_ref_invalid` when there is none. */
export function byTxnRef<T extends { txn_ref: string }>(params: Params, records: readonly T[]): T {
	const txnRef = required(params, 'txn_ref');
	const record = records.find((entry) => entry.txn_ref === txnRef);
	if (!record) throw fail('error_txn_ref_invalid');
	return record;
}

/** Comma-joined lists, repeated fields and `name[]` fields all become one list. */
export function list(params: Params, name: string): string[] | undefined {
	const value = params[name];
	if (value === undefined || isUploadedFile(value)) return undefined;
	const items = (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(','));
	const cleaned = items.map((item) => item.trim()).filter((item) => item !== '');
	return cleaned.length > 0 ? cleaned : undefined;
}

export function file(params: Params, name: string): UploadedFile | string | undefined {
	const value = params[name];
	if (isUploadedFile(value)) return value;
	return text(params, name);
}

/** E.164: '+', a non-zero country digit, 7 to 15 digits in all. */
const e164 = /^\+[1-9]\d{6,14}$/;

/** An unencoded '+' in a query string arrives as a space; give it back before validating. */
export function phone(value: string): string {
	const trimmed = value.replace(/^ (?=\d)/, '+').trim();
	return trimmed.replace(/[\s\-()]/g, '');
}

export function isE164(value: string): boolean {
	return e164.test(value);
}

/** A required E.164 parameter: `error_<name>_param_missing` or `error_<name>_invalid`. */
export function requiredPhone(params: Params, name: string): string {
	const value = rawText(params, name);
	if (value === undefined || value.trim() === '') throw fail(`error_${name}_param_missing`);
	const normalized = phone(value);
	if (!isE164(normalized)) throw fail(`error_${name}_invalid`);
	return normalized;
}

export function optionalPhone(params: Params, name: string): string | undefined {
	const value = rawText(params, name);
	if (value === undefined || value.trim() === '') return undefined;
	const normalized = phone(value);
	if (!isE164(normalized)) throw fail(`error_${name}_invalid`);
	return normalized;
}

/**
 * What a rate query (`sms/get_rate`, `fax/get_rate`) asks about: the number in `dest`, or undefined for
 * `incoming` (one of our numbers: what receiving costs). Exactly one of the two must be sent.
 */
export function rateDestination(params: Params): string | undefined {
	const hasDest = text(params, 'dest') !== undefined;
	const hasIncoming = text(params, 'incoming') !== undefined;
	if (hasDest && hasIncoming) throw fail('error_dest_incoming_both_present');
	if (!hasDest && !hasIncoming) throw fail('error_dest_incoming_both_missing');
	if (hasDest) return requiredPhone(params, 'dest');
	optionalPhone(params, 'incoming');
	return undefined;
}

export function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && value.length <= 4000;
	} catch {
		return false;
	}
}

export function notifyUrl(params: Params): string | undefined {
	const value = text(params, 'notify_url');
	if (value !== undefined && !isHttpUrl(value)) throw fail('error_invalid_notify_url');
	return value;
}

export function tag(params: Params): string | undefined {
	return rawText(params, 'tag')?.slice(0, 256) || undefined;
}

/** `caller_id`: `private` or a number. */
export function callerId(params: Params): string | undefined {
	const value = text(params, 'caller_id');
	if (value === undefined) return undefined;
	if (value.toLowerCase() === 'private') return 'private';
	const normalized = phone(value);
	if (!isE164(normalized)) throw fail('error_caller_id_invalid');
	return normalized;
}

/** A whole number in [minimum, maximum], else the given status. */
export function integer(
	params: Params,
	name: string,
	status: string,
	minimum: number,
	maximum = Number.MAX_SAFE_INTEGER,
): number | undefined {
	const value = text(params, name);
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value)) throw fail(status);
	const parsed = Number(value);
	if (parsed < minimum || parsed > maximum) throw fail(status);
	return parsed;
}

const hour = 3600 * 1000;

/** `YYYY-MM-DD HH:MM:SS` in GMT+8, the API's date format. */
export function gmt8(date: Date): string {
	return new Date(date.getTime() + 8 * hour).toISOString().slice(0, 19).replace('T', ' ');
}

/** `YYYY-MM-DD` in GMT+8 (number expiry). */
export function gmt8Day(date: Date): string {
	return gmt8(date).slice(0, 10);
}

/** Parses the API's GMT+8 format (a trailing `.ffffff` tolerated, as the SDK does); NaN when invalid. */
export function parseGmt8(value: string): number {
	const match = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?)?$/.exec(
		value.trim(),
	);
	if (!match) return Number.NaN;
	const time = match[2] ?? '00:00:00';
	return Date.parse(`${match[1]}T${time.length === 5 ? `${time}:00` : time}+08:00`);
}

/** Money: three decimals, as a string. */
export function money(amount: number): string {
	return round(amount).toFixed(3);
}

export function round(amount: number): number {
	return Math.round(amount * 1000) / 1000;
}

export const historyPageSize = 100;

/**
 * `from`/`to` (GMT+8, inclusive) and a 1-based `page` of 100 over records in date order
 * (docs/wire-formats/hoiio.md#pagination).
 */
export function history<T extends { date: string }>(
	params: Params,
	records: readonly T[],
	render: (record: T) => Record<string, unknown>,
): EmulatorResponse {
	const fromText = text(params, 'from');
	const toText = text(params, 'to');
	const from = fromText === undefined ? undefined : parseGmt8(fromText);
	const to = toText === undefined ? undefined : parseGmt8(toText);
	if (from !== undefined && Number.isNaN(from)) throw fail('error_from_invalid');
	if (to !== undefined && Number.isNaN(to)) throw fail('error_to_invalid');
	if (from !== undefined && to !== undefined && to < from) throw fail('error_to_before_from');
	const page = integer(params, 'page', 'error_page_invalid', 1) ?? 1;
	const matching = records
		.map((record, index) => ({ record, index, time: parseGmt8(record.date) }))
		.filter(({ time }) => (from === undefined || time >= from) && (to === undefined || time <= to))
		// Oldest first, so records added while a client pages through land on the last page.
		.sort((a, b) => a.time - b.time || a.index - b.index)
		.map(({ record }) => record);
	return ok(pageOf(matching, page, render));
}

export function pageOf<T>(
	records: readonly T[],
	page: number,
	render: (record: T) => unknown,
): Record<string, unknown> {
	const entries = records
		.slice((page - 1) * historyPageSize, page * historyPageSize)
		.map((record) => render(record));
	return {
		total_entries_count: String(records.length),
		entries_count: String(entries.length),
		entries,
	};
}

/** GSM 7-bit characters that take two septets (the docs' "counts as 2 characters" list). */
const doubleWidth = new Set(['\n', '[', ']', '\\', '^', '{', '}', '|', '€', '~']);

/** Plain GSM text and a few accents; anything else makes the message unicode. */
const gsm7 =
	/^[A-Za-z0-9 \r\n@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà[\]\\^{}|€~]*$/;

export interface SmsSize {
	isUnicode: boolean;
	length: number;
	splitCount: number;
}

/** 160/306/459 plain characters or 70/134/201 unicode ones make 1/2/3 parts; Hoiio sends at most 3. */
export function smsSize(message: string): SmsSize {
	const isUnicode = !gsm7.test(message);
	const length = isUnicode
		? [...message].length
		: [...message].reduce((sum, char) => sum + (doubleWidth.has(char) ? 2 : 1), 0);
	const [single, part] = isUnicode ? [70, 67] : [160, 153];
	const splitCount = length <= single ? 1 : Math.ceil(length / part);
	return { isUnicode, length, splitCount };
}

export const maxSmsParts = 3;

/** The API takes a base64 PDF of at most 2 MB (docs/wire-formats/hoiio.md#fax, `fax/send`). */
export const maxFaxBytes = 2 * 1024 * 1024;

/** Decodes the fax `file`: base64 text (GET/form) or raw bytes (multipart upload). */
export function faxDocument(value: UploadedFile | string): Buffer {
	let bytes: Buffer;
	if (typeof value === 'string') {
		// A '+' that travelled unencoded in a query string arrives as a space.
		const base64 = value.replace(/ /g, '+').replace(/[\r\n]/g, '');
		if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(base64)) throw fail('error_file_invalid');
		bytes = Buffer.from(base64, 'base64');
	} else {
		bytes = value.data;
	}
	if (bytes.length > maxFaxBytes) throw fail('error_file_too_big');
	if (bytes.subarray(0, 4).toString('latin1') !== '%PDF') throw fail('error_file_invalid');
	return bytes;
}

/** Page objects in the PDF (`/Type /Page`, not `/Pages`); at least one. */
export function pdfPageCount(pdf: Buffer): number {
	const matches = pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g);
	return Math.max(1, matches?.length ?? 0);
}

/** A small valid PDF with the given number of blank pages, for seeded and simulated faxes. */
export function blankPdf(pages: number): Buffer {
	const kids = Array.from({ length: pages }, (_, index) => `${index + 3} 0 R`).join(' ');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		`<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
		...Array.from(
			{ length: pages },
			() => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
		),
	];
	let body = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((object, index) => {
		offsets.push(body.length);
		body += `${index + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xref = body.length;
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(body, 'latin1');
}
