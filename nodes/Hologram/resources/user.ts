import type { OperationSpec } from '../../shared/operations';
import { amount } from '../fields';

export const userOperations: OperationSpec[] = [
	{
		resource: 'user',
		operation: 'get',
		name: 'Get',
		action: 'Get the current user',
		description: 'Retrieve the user that owns the API key',
		method: 'GET',
		path: 'users/me',
	},
	{
		resource: 'user',
		operation: 'getBalance',
		name: 'Get Balance',
		action: 'Get the balance of the current user',
		description: "Retrieve the user's account balance",
		method: 'GET',
		path: 'users/me/balance',
	},
	{
		resource: 'user',
		operation: 'addBalance',
		name: 'Add Balance',
		action: 'Add balance to the current user',
		description: "Top up the user's balance from the card on file",
		method: 'POST',
		path: 'users/me/balance',
		onTimeout: 'fail',
		fields: [amount],
	},
	{
		resource: 'user',
		operation: 'getBalanceHistory',
		name: 'Get Balance History',
		action: 'Get the balance history of the current user',
		description: "List the charges and top-ups of the user's balance",
		method: 'GET',
		path: 'users/me/balancehistory',
		list: true,
	},
];
