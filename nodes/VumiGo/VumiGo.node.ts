// One file per operation (actions/<resource>/<operation>.operation.ts): most Vumi Go operations
// need code of their own (JSON-RPC calls, sends through the conversation API, answers that are not
// errors); the few the operation table can carry (group reads and writes, contact delete and list,
// opt-out count, metric get) are table requests in files of their own, so every operation is found
// the same way.
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties } from '../shared/operations';
import { resourceOperationSubtitle } from '../shared/subtitle';
import { router, vumiGoApi } from './actions/router';
import { vumiListSearch, vumiLoadOptions } from './loadOptions';

const properties = buildProperties(vumiGoApi);

export class VumiGo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vumi Go',
		name: 'vumiGo',
		icon: { light: 'file:vumiGo.svg', dark: 'file:vumiGo.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: resourceOperationSubtitle(properties),
		description:
			'Send messages through Vumi Go and manage its contacts, groups, opt-outs, metrics and routing',
		defaults: { name: 'Vumi Go' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// One credential for every resource, so switching resources never empties it.
		credentials: [{ name: 'vumiGoApi', required: true }],
		properties,
	};

	methods = { loadOptions: vumiLoadOptions, listSearch: vumiListSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
