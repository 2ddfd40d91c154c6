import { balanceTotal } from '../state';
import { money, ok } from '../wire';
import type { HoiioContext, HoiioRoutes } from './context';

function getBalance({ state }: HoiioContext) {
	return ok({
		currency: state.account.currency,
		balance: money(balanceTotal(state)),
		points: money(state.balance.points),
		bonus: money(state.balance.bonus),
	});
}

/** `email` only once verified, as documented. */
function getInfo({ state }: HoiioContext) {
	const account = state.account;
	return ok({
		uid: account.uid,
		name: account.name,
		mobile_number: account.mobile_number,
		caller_ids: [...account.caller_ids],
		email: account.email_verified ? account.email : undefined,
		country: account.country,
		prefix: account.prefix,
		currency: account.currency,
		time_zone: account.time_zone,
		user_status: account.user_status,
		sms_rebrand_status: account.sms_rebrand_status,
		call_rebrand_status: account.call_rebrand_status,
	});
}

export function registerUserRoutes(routes: HoiioRoutes): void {
	routes.add('user/get_balance', getBalance);
	routes.add('user/get_info', getInfo);
}
