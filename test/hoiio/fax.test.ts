import type { INodeExecutionData } from 'n8n-workflow';

import { hoiioSeed } from '../../sandbox';
import { sentParameters, useHoiio } from './useHoiio';

const hoiio = useHoiio();

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function pdfItem(property = 'data'): INodeExecutionData {
	return {
		json: {},
		binary: {
			[property]: {
				data: pdf.toString('base64'),
				mimeType: 'application/pdf',
				fileName: 'invoice-17.pdf',
			},
		},
	};
}

describe('Hoiio → Fax → Send', () => {
	test('sends the PDF of the binary property base64-encoded, with its file name', async () => {
		const { items, error } = await hoiio.runWithBinary(
			{
				resource: 'fax',
				operation: 'send',
				to: '+6562223333',
				binaryPropertyName: 'data',
				additionalFields: { tag: 'invoices' },
			},
			[pdfItem()],
		);

		expect(error).toBeUndefined();
		expect(hoiio.lastRequest().pathname).toBe('/open/fax/send');
		expect(sentParameters(hoiio.lastRequest())).toEqual({
			dest: '+6562223333',
			file: pdf.toString('base64'),
			filename: 'invoice-17.pdf',
			tag: 'invoices',
		});
		const txnRef = items[0].json.txn_ref as string;
		expect(hoiio.emulator().faxPdf(txnRef)?.equals(pdf)).toBe(true);
	});

	test('a missing binary property names the item and field', async () => {
		const { error } = await hoiio.runWithBinary(
			{ resource: 'fax', operation: 'send', to: '+6562223333', binaryPropertyName: 'document' },
			[pdfItem('data')],
		);

		expect(error?.message).toBe(
			'Item 0: "Input Binary Field" names no binary data: the item has data',
		);
		expect(hoiio.requests()).toHaveLength(0);
	});
});

describe('Hoiio → Fax → status, history and rates', () => {
	test('Get Status returns the fax with its pages as a number', async () => {
		const { items } = await hoiio.run({
			resource: 'fax',
			operation: 'getStatus',
			txnRef: hoiioSeed.firstFaxRef,
		});

		expect(hoiio.lastRequest().pathname).toBe('/open/fax/query_status');
		expect(items[0].json.txn_ref).toBe(hoiioSeed.firstFaxRef);
		expect(typeof items[0].json.fax_pages).toBe('number');
	});

	test('Get History sends the direction as type', async () => {
		const { items } = await hoiio.run({
			resource: 'fax',
			operation: 'getHistory',
			returnAll: true,
			filters: { direction: 'incoming' },
		});

		expect(sentParameters(hoiio.lastRequest())).toEqual({ type: 'incoming', page: '1' });
		expect(items.length).toBeGreaterThan(0);
		expect(items.length).toBeLessThan(hoiioSeed.seededFaxCount);
	});

	test('Get Rate and Get Incoming Rate send dest and incoming', async () => {
		const outgoing = await hoiio.run({ resource: 'fax', operation: 'getRate', to: '+6562223333' });
		expect(sentParameters(hoiio.lastRequest())).toEqual({ dest: '+6562223333' });
		expect(outgoing.items[0].json.rate).toBe(0.05);

		const incoming = await hoiio.run({
			resource: 'fax',
			operation: 'getIncomingRate',
			hoiioNumber: hoiioSeed.sgFaxNumber,
		});
		expect(sentParameters(hoiio.lastRequest())).toEqual({ incoming: hoiioSeed.sgFaxNumber });
		expect(typeof incoming.items[0].json.rate).toBe('number');
	});
});
