import type { OperationSpec } from '../../shared/operations';
import { amount, organizationId } from '../fields';

const requiredOrganization = {
	...organizationId,
	required: true,
	description: 'The organization.',
};

export const organizationOperations: OperationSpec[] = [
	{
		resource: 'organization',
		operation: 'get',
		name: 'Get',
		action: 'Get an organization',
		description: 'Retrieve an organization with its members',
		method: 'GET',
		path: 'organizations/{organizationId}',
		fields: [requiredOrganization],
	},
	{
		resource: 'organization',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many organizations',
		description: 'List the organizations the user belongs to',
		method: 'GET',
		path: 'organizations',
		list: true,
	},
	{
		resource: 'organization',
		operation: 'getBalance',
		name: 'Get Balance',
		action: 'Get the balance of an organization',
		description: "Retrieve an organization's balance, promotional balance and pending charges",
		method: 'GET',
		path: 'organizations/{organizationId}/balance',
		fields: [requiredOrganization],
	},
	{
		resource: 'organization',
		operation: 'addBalance',
		name: 'Add Balance',
		action: 'Add balance to an organization',
		description: "Top up an organization's balance from the card on file",
		method: 'POST',
		path: 'organizations/{organizationId}/balance',
		onTimeout: 'fail',
		fields: [requiredOrganization, amount],
	},
	{
		resource: 'organization',
		operation: 'getBalanceHistory',
		name: 'Get Balance History',
		action: 'Get the balance history of an organization',
		description: "List the charges and top-ups of an organization's balance",
		method: 'GET',
		path: 'organizations/{organizationId}/balancehistory',
		list: true,
		fields: [requiredOrganization],
	},
];
