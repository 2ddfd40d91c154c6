import type { OperationSpec } from '../../shared/operations';

export const accountOperations: OperationSpec[] = [
	{
		resource: 'account',
		operation: 'getBalance',
		name: 'Get Balance',
		action: 'Get the account balance',
		description: 'Get the credit left on the account: the balance, its paid points and bonus',
		method: 'POST',
		path: 'user/get_balance',
		onTimeout: 'retry',
	},
	{
		resource: 'account',
		operation: 'getInfo',
		name: 'Get Info',
		action: 'Get the account details',
		description: 'Get the account owner, mobile number, verified caller IDs, country and currency',
		method: 'POST',
		path: 'user/get_info',
		onTimeout: 'retry',
	},
];
