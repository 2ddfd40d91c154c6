import type { IDataObject } from 'n8n-workflow';

import type { OwnOperationHead } from '../../../shared/operations';
import { jsonRun, listItems, operationProperties } from '../../../shared/operations';
import { call, historyPagination, platformFor } from '../../api';
import { assetAddressFields, assetPath } from '../../fields';

const toIso = (value: unknown) => new Date(String(value)).toISOString();

/**
 * Asset → Get History: `{asset}/states`, page by page. The pages are numbered, so a run can start
 * where the last one ended (Start At and nextStart).
 */
export const operation: OwnOperationHead = {
	resource: 'asset',
	operation: 'getHistory',
	name: 'Get History',
	action: 'Get the history of an asset',
	description: 'List the values an asset had over time, page by page',
	list: true,
	resumable: true,
	fields: [
		...assetAddressFields,
		{
			displayName: 'From',
			name: 'from',
			type: 'dateTime',
			default: '',
			description: 'Only values measured at or after this time',
			toWire: toIso,
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'dateTime',
			default: '',
			description: 'Only values measured at or before this time',
			toWire: toIso,
		},
	],
};

export const description = operationProperties(operation);

export const execute = jsonRun(async (context, input, settings) => {
	const path = `${assetPath(context, input, await platformFor(context))}/states`;
	const qs: IDataObject = {};
	for (const key of ['from', 'to'])
		if (input.values[key] !== undefined) qs[key] = toIso(input.values[key]);
	const fetchPage = async (page: IDataObject) =>
		await call(
			context,
			{ method: 'GET', path, qs: { ...qs, ...page }, itemIndex: input.itemIndex },
			settings,
		);
	return await listItems(context, input.itemIndex, historyPagination, fetchPage, true);
});
