import axios from 'axios';

import { hoiioSeed } from '../../../sandbox';
import { onePagePdf, useHoiioSandbox, useReceiver } from './harness';

describe('Hoiio emulator: fax', () => {
	const h = useHoiioSandbox();
	const receiver = useReceiver();

	it('sends a base64 PDF in the GET query (the Python SDK way), keeps the bytes and notifies', async () => {
		const response = await h.get('/fax/send', {
			dest: '+6562223333',
			file: onePagePdf.toString('base64'),
			tag: 'invoice',
			notify_url: receiver.url,
		});
		expect(response.data).toEqual({
			status: 'success_ok',
			txn_ref: expect.stringMatching(/^AA-F-/),
		});
		const txnRef = response.data.txn_ref as string;
		expect(h.emulator.faxPdf(txnRef)?.equals(onePagePdf)).toBe(true);
		expect((await h.post('/fax/query_status', { txn_ref: txnRef })).data).toMatchObject({
			fax_status: 'ongoing',
		});

		await h.emulator.flushNotifications();
		const status = (await h.post('/fax/query_status', { txn_ref: txnRef })).data;
		expect(status).toEqual({
			status: 'success_ok',
			txn_ref: txnRef,
			tag: 'invoice',
			src: hoiioSeed.mobile,
			dest: '+6562223333',
			fax_status: 'answered',
			fax_pages: '1',
			fax_url: expect.stringContaining(`/__sandbox/hoiio/faxes/${txnRef}.pdf`),
			date: expect.any(String),
			duration: '1',
			currency: 'SGD',
			rate: '0.050',
			debit: '0.050',
		});
		// The notification carries the same fields as fax/query_status, without the envelope status.
		const fields: Record<string, string> = { ...status };
		delete fields.status;
		expect(receiver.merged()).toEqual([fields]);
		const pdf = await axios.get(status.fax_url, { responseType: 'arraybuffer' });
		expect(pdf.headers['content-type']).toBe('application/pdf');
		expect(Buffer.from(pdf.data).equals(onePagePdf)).toBe(true);
	});

	it('accepts the PDF as a multipart file upload and counts its pages', async () => {
		const twoPages = Buffer.from(
			onePagePdf.toString('latin1').replace('/Count 1', '/Count 2') +
				'4 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n',
			'latin1',
		);
		const form = new FormData();
		form.append('app_id', h.emulator.appId);
		form.append('access_token', h.emulator.accessToken);
		form.append('dest', '+14155550123');
		form.append('file', new Blob([twoPages], { type: 'application/pdf' }), 'report.pdf');
		const response = await h.http.post('/fax/send', form);
		expect(response.data.status).toBe('success_ok');
		await h.emulator.flushNotifications();
		const fax = h.emulator.state.faxes.at(-1);
		expect(fax).toMatchObject({ filename: 'report.pdf', fax_pages: 2, debit: 0.06 });
	});

	it.each([
		['no file', { dest: '+6562223333' }, 'error_file_param_missing'],
		['no dest', { file: onePagePdf.toString('base64') }, 'error_dest_param_missing'],
		[
			'text, not a PDF',
			{ dest: '+6562223333', file: Buffer.from('hello').toString('base64') },
			'error_file_invalid',
		],
		['not base64', { dest: '+6562223333', file: '%%%' }, 'error_file_invalid'],
		[
			'a PDF over 2 MB',
			{
				dest: '+6562223333',
				file: Buffer.concat([onePagePdf, Buffer.alloc(2 * 1024 * 1024)]).toString('base64'),
			},
			'error_file_too_big',
		],
	])('refuses %s', async (_label, params, status) => {
		expect((await h.post('/fax/send', params)).data).toEqual({ status });
	});

	it('fails a fax to an unreachable number without charge', async () => {
		const response = await h.post('/fax/send', {
			dest: hoiioSeed.unreachable,
			file: onePagePdf.toString('base64'),
			notify_url: receiver.url,
		});
		await h.emulator.flushNotifications();
		expect(receiver.merged()[0]).toMatchObject({
			txn_ref: response.data.txn_ref,
			fax_status: 'failed',
			fax_pages: '0',
			debit: '0.000',
		});
		expect(receiver.merged()[0]).not.toHaveProperty('fax_url');
	});

	it('prices sending and receiving', async () => {
		expect((await h.post('/fax/get_rate', { dest: '+6562223333' })).data).toEqual({
			status: 'success_ok',
			currency: 'SGD',
			rate: '0.050',
		});
		expect((await h.post('/fax/get_rate', { incoming: hoiioSeed.sgFaxNumber })).data.rate).toBe(
			'0.010',
		);
		expect((await h.post('/fax/get_rate')).data.status).toBe('error_dest_incoming_both_missing');
		expect((await h.post('/fax/query_status', { txn_ref: 'nope' })).data.status).toBe(
			'error_txn_ref_invalid',
		);
	});
});
