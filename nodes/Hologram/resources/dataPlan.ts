import type { OperationSpec } from '../../shared/operations';
import { planId } from '../fields';

export const dataPlanOperations: OperationSpec[] = [
	{
		resource: 'dataPlan',
		operation: 'get',
		name: 'Get',
		action: 'Get a data plan',
		description: 'Retrieve a data plan with its prices per zone',
		method: 'GET',
		path: 'plans/{planId}',
		fields: [planId],
	},
	{
		resource: 'dataPlan',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many data plans',
		description: 'List the data plans available to the account',
		method: 'GET',
		path: 'plans',
		list: true,
	},
];
