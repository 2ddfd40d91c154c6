import type { IDataObject, IExecuteFunctions, IHookFunctions } from 'n8n-workflow';

import { isObject } from '../shared/provider';

/**
 * An active Hoiio Trigger writes its webhook URL (with its secret) into the workflow's global static
 * data under its node name, so the Hoiio node of the same workflow can send reports to it.
 */
const KEY = 'hoiioTriggerUrls';

export function publishTriggerUrl(context: IHookFunctions, url: string | undefined): void {
	const data = context.getWorkflowStaticData('global');
	const urls = isObject(data[KEY]) ? (data[KEY] as IDataObject) : {};
	const name = context.getNode().name;
	if (url) urls[name] = url;
	else delete urls[name];
	data[KEY] = urls;
}

export function triggerUrl(context: IExecuteFunctions, nodeName: string): string | undefined {
	const urls = context.getWorkflowStaticData('global')[KEY];
	const url = isObject(urls) ? urls[nodeName] : undefined;
	return typeof url === 'string' ? url : undefined;
}
