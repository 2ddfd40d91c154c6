/**
 * Runs this package's nodes inside n8n's own execution engine, in-process: the built `dist/` loaded
 * the way n8n loads a community package, real credential `authenticate`, real `pairedItem` and
 * `continueOnFail` handling. Only the credential store is replaced, by fixture credentials.
 */
import { join } from 'node:path';

import { ExecutionLifecycleHooks, PackageDirectoryLoader, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsHelper,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';

export const PACKAGE_NAME = 'n8n-nodes-telco-iot';
const projectRoot = join(__dirname, '..', '..');

export interface LoadedPackage {
	nodeTypes: INodeTypes;
	credentialTypes: Record<string, ICredentialType>;
	nodeType(name: string): INodeType;
}

let loaded: Promise<LoadedPackage> | undefined;

/** Loads the built package (run `npm run build` first) exactly as n8n loads an installed one. */
export async function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		const loader = new PackageDirectoryLoader(projectRoot);
		await loader.loadAll();
		// The loader keys nodes by their own name; n8n registers them as `<package>.<name>`.
		const entryOf = (type: string) => loader.nodeTypes[type.replace(`${PACKAGE_NAME}.`, '')];
		const nodeTypes: INodeTypes = {
			getByName: (type) => entryOf(type)?.type as INodeType | IVersionedNodeType,
			getByNameAndVersion: (type, version) => {
				const entry = entryOf(type);
				if (!entry) throw new Error(`Unknown node type ${type}`);
				return NodeHelpers.getVersionedNodeType(entry.type, version);
			},
			getKnownTypes: () => ({}),
		};
		const credentialTypes: Record<string, ICredentialType> = {};
		for (const [name, entry] of Object.entries(loader.credentialTypes))
			credentialTypes[name] = entry.type;
		return {
			nodeTypes,
			credentialTypes,
			nodeType: (name) =>
				NodeHelpers.getVersionedNodeType(loader.nodeTypes[name].type) as INodeType,
		};
	})();
	return await loaded;
}

type CredentialFixtures = Record<string, ICredentialDataDecryptedObject>;

/** The credential store of a test: fixture data, authenticated by the credential type's own `authenticate`. */
class FixtureCredentialsHelper implements ICredentialsHelper {
	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		private readonly fixtures: CredentialFixtures,
	) {}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.credentialTypes[typeName]?.authenticate;
		if (authenticate === undefined) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		// A generic authenticate is a template of expressions over $credentials, resolved as the server does.
		const resolve = (value: unknown): unknown => {
			if (typeof value === 'object' && value !== null) {
				return Object.fromEntries(
					Object.entries(value).map(([key, entry]) => [key, resolve(entry)]),
				);
			}
			if (!workflow || !node) return value;
			return workflow.expression.getSimpleParameterValue(
				node,
				value as string,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
		};
		const properties = resolve(authenticate.properties) as Partial<IHttpRequestOptions>;
		const options: IHttpRequestOptions = { ...requestOptions };
		if (properties.headers) options.headers = { ...options.headers, ...properties.headers };
		if (properties.qs) options.qs = { ...options.qs, ...properties.qs };
		if (properties.body)
			options.body = { ...(options.body as IDataObject), ...(properties.body as IDataObject) };
		if (properties.auth) options.auth = properties.auth;
		return options;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('Not used in tests: credentials come decrypted from fixtures');
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const fixture = this.fixtures[type];
		if (!fixture) throw new Error(`No fixture credentials of type ${type}`);
		// Defaults of the credential type fill what the fixture leaves out, as the server does.
		const defaults: ICredentialDataDecryptedObject = {};
		for (const property of this.credentialTypes[type]?.properties ?? []) {
			defaults[property.name] = property.default as ICredentialDataDecryptedObject[string];
		}
		return { ...defaults, ...fixture };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialTypes[type]?.properties ?? [];
	}
}

export interface RunNodeOptions {
	/** The node's name in the package (`hologram`), without the package prefix. */
	node: string;
	parameters: INodeParameters;
	credentials: CredentialFixtures;
	/** Input items; one empty item when left out, as a manual run gives. */
	items?: IDataObject[];
	continueOnFail?: boolean;
}

export interface NodeRun {
	/** Output items of the node's first output. */
	items: INodeExecutionData[];
	/** The execution error when the node failed (and continueOnFail was off). */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	run: IRun;
}

/** Runs one node as a one-node workflow through n8n-core's WorkflowExecute. */
export async function runNode(options: RunNodeOptions): Promise<NodeRun> {
	const pkg = await loadPackage();
	const type = `${PACKAGE_NAME}.${options.node}`;
	const node: INode = {
		id: 'node-under-test',
		name: 'Node Under Test',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			Object.keys(options.credentials).map((credentialType) => [
				credentialType,
				{ id: '1', name: credentialType },
			]),
		),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: pkg.nodeTypes,
		staticData: {},
		settings: {},
	});
	// The node's declared defaults fill in what the test leaves out, as in the editor.
	const nodeType = pkg.nodeType(options.node);
	node.parameters =
		NodeHelpers.getNodeParameters(
			nodeType.description.properties,
			node.parameters,
			true,
			false,
			node,
			nodeType.description,
		) ?? node.parameters;

	const additionalData = {
		credentialsHelper: new FixtureCredentialsHelper(pkg.credentialTypes, options.credentials),
		hooks: new ExecutionLifecycleHooks('manual', 'test-execution', {
			id: 'test-workflow',
			name: 'Test',
			nodes: [node],
			connections: {},
			active: false,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
		}),
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used in these tests');
		},
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		currentNodeExecutionIndex: 0,
		variables: {},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('Task runners are not used in these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const items = (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] },
	});
	const run = await new WorkflowExecute(
		additionalData,
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	const taskData = run.data.resultData.runData[node.name]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: (run.data.resultData.error ?? taskData?.error) as NodeRun['error'],
		run,
	};
}
