import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../../shared/provider';
import { addressOutput } from '../../fields';

/** What Send State and Send Command output: the address, the value sent, and the platform's answer. */
export function sentOutput(
	values: Record<string, unknown>,
	sent: IDataObject,
	answer: unknown,
): IDataObject {
	return {
		...addressOutput(values),
		...sent,
		...(isObject(answer) ? (answer as IDataObject) : {}),
	};
}
