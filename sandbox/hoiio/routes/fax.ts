import { renderFax } from '../records';
import { balanceTotal, debit, nextRef, rateFor, type HoiioFax, type HoiioState } from '../state';
import {
	byTxnRef,
	callerId,
	fail,
	faxDocument,
	file,
	gmt8,
	history,
	money,
	notifyUrl,
	ok,
	pdfPageCount,
	rateDestination,
	requiredPhone,
	round,
	tag,
	text,
} from '../wire';
import type { HoiioContext, HoiioEvents, HoiioRoutes } from './context';

/** Sent (or failed, for an unreachable number) when the task runs, billed per page, then notified. */
function finishFax(state: HoiioState, events: HoiioEvents, fax: HoiioFax, pages: number): void {
	if (fax.fax_status !== 'ongoing') return;
	if (state.unreachable.includes(fax.dest)) {
		fax.fax_status = 'failed';
		fax.fax_pages = 0;
		fax.duration = 0;
		fax.debit = 0;
	} else {
		fax.fax_status = 'answered';
		fax.fax_pages = pages;
		fax.duration = 1;
		fax.debit = round(fax.rate * pages);
		debit(state, fax.debit);
	}
	events.notify(fax.notify_url, 'fax_status', renderFax(fax, events.origin()));
}

function send({ params, state, now, events }: HoiioContext) {
	const dest = requiredPhone(params, 'dest');
	const upload = file(params, 'file');
	if (upload === undefined) throw fail('error_file_param_missing');
	const pdf = faxDocument(upload);
	const pages = pdfPageCount(pdf);
	const rate = rateFor(state, dest).fax;
	const caller_id = callerId(params);
	const fax: HoiioFax = {
		txn_ref: nextRef(state, 'F'),
		direction: 'outgoing',
		tag: tag(params),
		src: caller_id && caller_id !== 'private' ? caller_id : state.account.mobile_number,
		dest,
		// The Python SDK never sends `filename` (docs/wire-formats/hoiio.md#fax-file-name); the API documents it.
		filename:
			text(params, 'filename') ?? (typeof upload === 'string' ? 'document.pdf' : upload.filename),
		fax_status: 'ongoing',
		fax_pages: 0,
		file_size: pdf.length,
		date: gmt8(now),
		currency: state.account.currency,
		rate,
		notify_url: notifyUrl(params),
	};
	if (balanceTotal(state) < round(rate * pages)) throw fail('error_insufficient_credit');
	state.faxes.push(fax);
	state.faxFiles.set(fax.txn_ref, pdf);
	events.later(() => finishFax(state, events, fax, pages));
	return ok({ txn_ref: fax.txn_ref });
}

function getHistory({ params, state, events }: HoiioContext) {
	const type = text(params, 'type') ?? 'all';
	if (!['incoming', 'outgoing', 'all'].includes(type)) throw fail('error_type_invalid');
	const faxes = state.faxes.filter((fax) => type === 'all' || fax.direction === type);
	return history(params, faxes, (fax) => renderFax(fax, events.origin()));
}

function getRate({ params, state }: HoiioContext) {
	const dest = rateDestination(params);
	const rate = dest === undefined ? state.incomingRates.fax : rateFor(state, dest).fax;
	return ok({ currency: state.account.currency, rate: money(rate) });
}

function queryStatus({ params, state, events }: HoiioContext) {
	return ok(renderFax(byTxnRef(params, state.faxes), events.origin()));
}

export function registerFaxRoutes(routes: HoiioRoutes): void {
	routes.add('fax/send', send);
	routes.add('fax/get_history', getHistory);
	routes.add('fax/get_rate', getRate);
	routes.add('fax/query_status', queryStatus);
}
