import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
	INode,
} from 'n8n-workflow';

/**
 * The credentials of one node execution, each read from n8n once. n8n reads a credential from its
 * database, decrypts it and resolves its expressions on every `getCredentials`, and
 * `httpRequestWithAuthentication` does so again for every request unless it is handed the credential
 * (`credentialsDecrypted`, n8n-workflow's public `IAdditionalCredentialOptions`). The credential's own
 * `authenticate` still makes every request's auth; a token its `preAuthentication` renews is written
 * into the object held here, so later requests use it.
 */
export class ExecutionCredentials {
	private readonly read = new Map<string, Promise<ICredentialDataDecryptedObject>>();

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly node: INode,
	) {}

	async get(type: string): Promise<ICredentialDataDecryptedObject> {
		const shared = this.read.get(type);
		if (shared) {
			const credentials = await shared.catch(() => undefined);
			// The read that failed is not shared: this request asks n8n itself and gets its own error.
			return credentials ?? (await this.context.getCredentials(type));
		}
		const own = this.context.getCredentials(type);
		this.read.set(type, own);
		// A failed read is not kept: later requests ask n8n again.
		own.catch(() => this.read.delete(type));
		return await own;
	}

	/** The credential as `httpRequestWithAuthentication` takes it, so it does not read it again. */
	decrypted(type: string, data: ICredentialDataDecryptedObject): ICredentialsDecrypted {
		const details = this.node.credentials?.[type];
		return { id: details?.id ?? '', name: details?.name ?? type, type, data };
	}
}
