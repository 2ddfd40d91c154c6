import { findSubscribedNumber, renderNumber } from '../records';
import { balanceTotal, debit, type HoiioCountry, type HoiioState } from '../state';
import {
	fail,
	gmt8Day,
	integer,
	isHttpUrl,
	money,
	ok,
	pageOf,
	phone,
	rawText,
	required,
	text,
	type Params,
} from '../wire';
import type { HoiioContext, HoiioRoutes } from './context';

function country(params: Params, state: HoiioState): HoiioCountry {
	const code = required(params, 'country').toUpperCase();
	const found = state.countries.find((entry) => entry.code === code);
	if (!found) throw fail('error_country_invalid');
	return found;
}

function getCountries({ state }: HoiioContext) {
	return ok({
		entries_count: String(state.countries.length),
		entries: state.countries.map((entry) => ({
			code: entry.code,
			name: entry.name,
			prefix: entry.prefix,
			...(entry.states
				? {
						states: entry.states.map((item) => ({
							code: item.code,
							name: item.name,
							capability: [...item.capability],
						})),
					}
				: {}),
		})),
	});
}

/** `state` is required for a country with states (the US); 100 numbers a page. */
function getChoices({ params, state }: HoiioContext) {
	const entry = country(params, state);
	const stateCode = text(params, 'state')?.toUpperCase();
	if (entry.states) {
		if (stateCode === undefined) throw fail('error_state_param_missing');
		if (!entry.states.some((item) => item.code === stateCode)) throw fail('error_state_invalid');
	}
	const page = integer(params, 'page', 'error_page_invalid', 1) ?? 1;
	const numbers = (state.availableNumbers[entry.code] ?? []).filter(
		(number) => !entry.states || number.state === stateCode,
	);
	return ok(
		pageOf(numbers, page, (number) => ({
			number: number.number,
			capability: [...number.capability],
		})),
	);
}

function getRates({ params, state }: HoiioContext) {
	const entry = country(params, state);
	const rates = state.numberRates[entry.code] ?? [];
	return ok({
		currency: state.account.currency,
		entries_count: String(rates.length),
		entries: rates.map((rate) => ({ duration: rate.duration, rate: money(rate.rate) })),
	});
}

function addMonths(date: Date, months: number): Date {
	const result = new Date(date.getTime());
	result.setUTCMonth(result.getUTCMonth() + months);
	return result;
}

/** `duration`: 1, 3 or 12 months, or `auto_extend` (monthly, renewed). */
function subscribe({ params, state, now }: HoiioContext) {
	const number = phone(required(params, 'number'));
	const duration = required(params, 'duration');
	if (!['1', '3', '12', 'auto_extend'].includes(duration)) throw fail('error_invalid_duration');
	const countryCode = Object.keys(state.availableNumbers).find((code) =>
		state.availableNumbers[code].some((entry) => entry.number === number),
	);
	const offered =
		countryCode === undefined
			? undefined
			: state.availableNumbers[countryCode].find((entry) => entry.number === number);
	if (countryCode === undefined || offered === undefined) throw fail('error_number_not_available');
	const months = duration === 'auto_extend' ? 1 : Number(duration);
	const price = state.numberRates[countryCode]?.find((rate) => rate.duration === String(months));
	if (!price) throw fail('error_invalid_duration');
	if (balanceTotal(state) < price.rate) throw fail('error_insufficient_credit');
	state.availableNumbers[countryCode] = state.availableNumbers[countryCode].filter(
		(entry) => entry !== offered,
	);
	debit(state, price.rate);
	const expiry = gmt8Day(addMonths(now, months));
	state.numbers.push({
		number,
		country: countryCode,
		...(offered.state === undefined ? {} : { state: offered.state }),
		capabilities: [...offered.capability],
		forward_to: '',
		forward_sms_to: '',
		mode: 'voice',
		expiry,
		auto_extend_status: duration === 'auto_extend' ? 'enabled' : 'disabled',
	});
	return ok({ currency: state.account.currency, debit: money(price.rate), expiry });
}

/** The first spelling present, '' included (an empty value clears the URL). */
function firstPresent(params: Params, names: string[]): string | undefined {
	for (const name of names) {
		const value = rawText(params, name);
		if (value !== undefined) return value.trim();
	}
	return undefined;
}

/**
 * Only the settings sent change. The SMS URL is `forward_to_sms` (official Java SDK) or `forward_sms_to` (the
 * Python SDK); the seed's examples also misspell them `foward_*`, accepted too.
 */
function updateForwarding({ params, state }: HoiioContext) {
	const entry = findSubscribedNumber(state, phone(required(params, 'number')));
	const forwardTo = firstPresent(params, ['forward_to', 'foward_to']);
	const forwardSms = firstPresent(params, [
		'forward_to_sms',
		'forward_sms_to',
		'foward_to_sms',
		'foward_sms_to',
	]);
	const mode = text(params, 'mode')?.toLowerCase();
	if (forwardTo && !isHttpUrl(forwardTo)) throw fail('error_forward_to_invalid');
	if (forwardSms && !isHttpUrl(forwardSms)) throw fail('error_forward_to_invalid');
	if (mode !== undefined) {
		if (mode !== 'voice' && mode !== 'fax') throw fail('error_mode_invalid');
		if (mode === 'fax' && !entry.capabilities.includes('FAX')) throw fail('error_mode_invalid');
	}
	if (forwardTo !== undefined) entry.forward_to = forwardTo;
	if (forwardSms !== undefined) entry.forward_sms_to = forwardSms;
	if (mode !== undefined) entry.mode = mode;
	return ok();
}

function getActive({ state }: HoiioContext) {
	return ok({
		entries_count: String(state.numbers.length),
		entries: state.numbers.map(renderNumber),
	});
}

export function registerNumberRoutes(routes: HoiioRoutes): void {
	routes.add('number/get_countries', getCountries);
	routes.add('number/get_choices', getChoices);
	routes.add('number/get_rates', getRates);
	routes.add('number/subscribe', subscribe);
	routes.add('number/update_forwarding', updateForwarding);
	routes.add('number/get_active', getActive);
}
