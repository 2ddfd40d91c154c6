import type { Icon, ICredentialTestRequest, ICredentialType } from 'n8n-workflow';

import {
	SmartLivingApi as MainPackageSmartLivingApi,
	smartLivingCredentialTest,
} from '../../credentials/SmartLivingApi.credentials';

/**
 * The main package's SmartLiving credential, declared by this package too under the same name. n8n
 * knows credential types by name, so with both packages installed one stored credential serves the
 * nodes of both; alone, this package still has its credential. The icon and the test are named here
 * again because n8n's lint reads this file alone.
 */
export class SmartLivingApi extends MainPackageSmartLivingApi implements ICredentialType {
	name = 'smartLivingApi';

	icon: Icon = {
		light: 'file:../nodes/SmartLiving/smartLiving.svg',
		dark: 'file:../nodes/SmartLiving/smartLiving.dark.svg',
	};

	test: ICredentialTestRequest = smartLivingCredentialTest;
}
