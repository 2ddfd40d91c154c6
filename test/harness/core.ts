/**
 * What every in-process harness shares: both packages loaded as n8n loads them (plus node and
 * credential types a test registers), the fixture credential store, and the one-node workflow with the
 * `additionalData` n8n's server would hand to a node.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import { ExecutionLifecycleHooks, PackageDirectoryLoader } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsHelper,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow, getCredentialOwnRequestAllowedDomains } from 'n8n-workflow';

import { processedDataStore } from './deduplication';

export const PACKAGE_NAME = 'n8n-nodes-telco-iot';
/** The MQTT companion package (self-hosted n8n only), built into its own folder. */
export const MQTT_PACKAGE_NAME = 'n8n-nodes-telco-iot-mqtt';
const projectRoot = join(__dirname, '..', '..');
/** Both packages of the repository, each loaded from its own built `dist/` as n8n loads it. */
const packageRoots = [projectRoot, join(projectRoot, MQTT_PACKAGE_NAME)];

/** Test-only node and credential types, looked up before the package's own. */
const testNodeTypes = new Map<string, INodeType | IVersionedNodeType>();
/** The package a registered node type is named after, when not this one. */
const testNodePackages = new Map<string, string>();
const testCredentialTypes = new Map<string, ICredentialType>();

/**
 * Makes a node type defined in a test file available as `<package>.<name>` to every harness, as if
 * the package shipped it. Lets the harness be tested with fixture triggers and webhooks. Another
 * package's node (n8n's own HTTP Request node, `n8n-nodes-base`) keeps its type name: n8n-core treats
 * some node types by that name.
 */
export function registerTestNodeType(
	name: string,
	nodeType: INodeType | IVersionedNodeType,
	packageName = PACKAGE_NAME,
): void {
	testNodeTypes.set(name, nodeType);
	testNodePackages.set(name, packageName);
}

/** Makes a credential type defined in a test file available to the fixture credential store. */
export function registerTestCredentialType(credentialType: ICredentialType): void {
	testCredentialTypes.set(credentialType.name, credentialType);
}

export interface LoadedPackage {
	nodeTypes: INodeTypes;
	/** The packages' credential types; `credentialType()` also finds the registered test ones. */
	credentialTypes: Record<string, ICredentialType>;
	credentialType(name: string): ICredentialType | undefined;
	/** A node by its name in its package (`hologram`, `smartLivingTrigger`), from either package. */
	nodeType(name: string): INodeType;
	/** The type name n8n gives that node: `<package>.<name>`. */
	typeOf(name: string): string;
}

let loaded: Promise<LoadedPackage> | undefined;

/** Loads the built packages (run `npm run build` first) exactly as n8n loads installed ones. */
export async function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		const loaders: PackageDirectoryLoader[] = [];
		for (const root of packageRoots) {
			const loader = new PackageDirectoryLoader(root);
			await loader.loadAll();
			loaders.push(loader);
		}
		// The loaders key nodes by their own name; n8n registers them as `<package>.<name>`.
		const packageOf = new Map<string, string>();
		for (const loader of loaders) {
			for (const name of Object.keys(loader.nodeTypes)) {
				if (packageOf.has(name))
					throw new Error(
						`Both packages have a node named ${name}: the harness finds nodes by name`,
					);
				packageOf.set(name, loader.packageName);
			}
		}
		const entryOf = (type: string): INodeType | IVersionedNodeType | undefined => {
			const dot = type.lastIndexOf('.');
			const [packageName, name] =
				dot < 0 ? [undefined, type] : [type.slice(0, dot), type.slice(dot + 1)];
			if (testNodeTypes.has(name)) return testNodeTypes.get(name);
			const loader = loaders.find(
				(candidate) => candidate.packageName === (packageName ?? packageOf.get(name)),
			);
			return loader?.nodeTypes[name]?.type;
		};
		const nodeTypes: INodeTypes = {
			getByName: (type) => entryOf(type) as INodeType | IVersionedNodeType,
			getByNameAndVersion: (type, version) => {
				const entry = entryOf(type);
				if (!entry) throw new Error(`Unknown node type ${type}`);
				return NodeHelpers.getVersionedNodeType(entry, version);
			},
			getKnownTypes: () => ({}),
		};
		// A credential both packages declare (smartLivingApi) is one type to n8n: the first one found here.
		const credentialTypes: Record<string, ICredentialType> = {};
		for (const loader of loaders)
			for (const [name, entry] of Object.entries(loader.credentialTypes))
				credentialTypes[name] ??= entry.type;
		return {
			nodeTypes,
			credentialTypes,
			credentialType: (name) => testCredentialTypes.get(name) ?? credentialTypes[name],
			nodeType: (name) => {
				const entry = entryOf(name);
				if (!entry) throw new Error(`Unknown node type ${name}`);
				return NodeHelpers.getVersionedNodeType(entry) as INodeType;
			},
			typeOf: (name) =>
				`${testNodePackages.get(name) ?? packageOf.get(name) ?? PACKAGE_NAME}.${name}`,
		};
	})();
	return await loaded;
}

export type CredentialFixtures = Record<string, ICredentialDataDecryptedObject>;

export interface PreAuthenticationCall {
	credentialType: string;
	/** True when n8n-core asked again after the provider answered 401 to the stored token. */
	credentialsExpired: boolean;
	/** What the credential's `preAuthentication` returned (and what was stored). */
	output: ICredentialDataDecryptedObject | undefined;
}

/**
 * The credential store of a test: fixture data, authenticated by the credential type's own
 * `authenticate`, with tokens renewed by its `preAuthentication` and kept in the fixtures, as the
 * server keeps them in its database.
 */
export class FixtureCredentialsHelper implements ICredentialsHelper {
	/** Every time a credential's `preAuthentication` ran, in order. */
	readonly preAuthenticationCalls: PreAuthenticationCall[] = [];
	/** How often a credential was read (the server reads its database and decrypts each time). */
	credentialReads = 0;

	constructor(
		private readonly pkg: LoadedPackage,
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
		const authenticate = this.pkg.credentialType(typeName)?.authenticate;
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

	/**
	 * As the server: only a credential with a hidden `expirable` field is pre-authenticated, and only
	 * when that field is empty or the provider rejected it; the output is stored only when it
	 * carries that field.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.pkg.credentialType(typeName);
		const expirable = credentialType?.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!credentialType || expirable === undefined) return undefined;
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		const output = (await credentialType.preAuthentication.call(
			restrictedHelpers(helpers, credentials),
			credentials,
		)) as ICredentialDataDecryptedObject | undefined;
		this.preAuthenticationCalls.push({ credentialType: typeName, credentialsExpired, output });
		if (output?.[expirable.name] === undefined || !node.credentials?.[typeName]) return undefined;

		// The server writes the renewed token to the stored credential: later requests start from it.
		this.fixtures[typeName] = { ...this.fixtures[typeName], ...output };
		return Object.assign(credentials, output);
	}

	/** OAuth2 only in n8n-core: the hook runs without the expirable guard and nothing is stored. */
	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const preAuthentication = this.pkg.credentialType(typeName)?.preAuthentication;
		if (typeof preAuthentication !== 'function') return undefined;
		const output = await preAuthentication.call(
			restrictedHelpers(helpers, credentials),
			credentials,
		);
		return (output as ICredentialDataDecryptedObject | undefined) ?? undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('Not used in tests: credentials come decrypted from fixtures');
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.credentialReads++;
		const fixture = this.fixtures[type];
		if (!fixture) throw new Error(`No fixture credentials of type ${type}`);
		// Defaults of the credential type fill what the fixture leaves out, as the server does.
		const defaults: ICredentialDataDecryptedObject = {};
		for (const property of this.pkg.credentialType(type)?.properties ?? []) {
			defaults[property.name] = property.default as ICredentialDataDecryptedObject[string];
		}
		return { ...defaults, ...fixture };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.pkg.credentialType(type)?.properties ?? [];
	}
}

/**
 * The server hands `preAuthentication` only `httpRequest`, held to the credential's allowed
 * domains, so a credential that reaches for any other helper fails here as it would there.
 */
function restrictedHelpers(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions) => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}

export interface NodeUnderTestOptions {
	/** The node's name in the package (`hologram`) or a registered test node, without the prefix. */
	node: string;
	/** The node's version in the workflow; 1 unless given (every node of the packages is at 1). */
	typeVersion?: number;
	parameters: INodeParameters;
	credentials: CredentialFixtures;
	webhookId?: string;
	continueOnFail?: boolean;
	/** Whether the workflow is active (triggers and webhooks run in active workflows). */
	active?: boolean;
	/** The workflow's static data as the server stored it, e.g. from an earlier activation. */
	staticData?: IDataObject;
}

export interface NodeUnderTest {
	pkg: LoadedPackage;
	node: INode;
	nodeType: INodeType;
	workflow: Workflow;
	credentialsHelper: FixtureCredentialsHelper;
	additionalData: IWorkflowExecuteAdditionalData;
	/** What the node sent to the editor with `sendMessageToUI` (manual runs only), in order. */
	uiMessages: unknown[];
}

/**
 * One node in a one-node workflow, its parameters completed with the type's defaults as the editor
 * does, and the `additionalData` of an n8n instance at `baseUrl`.
 */
export async function prepareNode(
	options: NodeUnderTestOptions,
	baseUrl = 'http://127.0.0.1:5678',
): Promise<NodeUnderTest> {
	const pkg = await loadPackage();
	// The server's processed-data store, for the deduplication helpers (campaigns).
	processedDataStore();
	const nodeType = pkg.nodeType(options.node);
	const node: INode = {
		id: 'node-under-test',
		name: 'Node Under Test',
		type: pkg.typeOf(options.node),
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			Object.keys(options.credentials).map((credentialType) => [
				credentialType,
				{ id: '1', name: credentialType },
			]),
		),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(nodeType.description.webhooks?.length
			? { webhookId: options.webhookId ?? randomUUID() }
			: {}),
	};
	node.parameters =
		NodeHelpers.getNodeParameters(
			nodeType.description.properties,
			node.parameters,
			true,
			false,
			node,
			nodeType.description,
		) ?? node.parameters;
	// The server keeps one Workflow per active workflow: its static data lives as long as it does.
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Test',
		nodes: [node],
		connections: {},
		active: options.active ?? false,
		nodeTypes: pkg.nodeTypes,
		staticData: options.staticData ?? {},
		settings: {},
	});
	const credentialsHelper = new FixtureCredentialsHelper(pkg, options.credentials);
	const uiMessages: unknown[] = [];
	return {
		pkg,
		node,
		nodeType,
		workflow,
		credentialsHelper,
		additionalData: createAdditionalData(node, credentialsHelper, baseUrl, uiMessages),
		uiMessages,
	};
}

function createAdditionalData(
	node: INode,
	credentialsHelper: ICredentialsHelper,
	baseUrl: string,
	uiMessages: unknown[],
): IWorkflowExecuteAdditionalData {
	// Each run is its own execution, as in the server: nothing keyed by execution (rate limits) carries over.
	const executionId = randomUUID();
	return {
		credentialsHelper,
		executionId,
		hooks: new ExecutionLifecycleHooks('manual', executionId, {
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
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: baseUrl,
		formBaseUrl: `${baseUrl}/form`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		formTestBaseUrl: `${baseUrl}/form-test`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		mcpBaseUrl: `${baseUrl}/mcp`,
		mcpTestBaseUrl: `${baseUrl}/mcp-test`,
		currentNodeExecutionIndex: 0,
		variables: {},
		logAiEvent: () => {},
		// The editor's push connection: console messages of a manual run arrive here.
		sendDataToUI: (type: string, data: { messages?: unknown[] }) => {
			if (type === 'sendConsoleMessage') uiMessages.push(...(data.messages ?? []));
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('Task runners are not used in these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Resolves when `done()` returns true, checking on every `notify()`; rejects after `timeoutMs`. */
export class Waiters {
	private readonly waiting = new Set<() => void>();

	notify(): void {
		for (const check of [...this.waiting]) check();
	}

	async until(done: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
		if (done()) return;
		await new Promise<void>((resolve, reject) => {
			const check = () => {
				if (!done()) return;
				clearTimeout(timer);
				this.waiting.delete(check);
				resolve();
			};
			const timer = setTimeout(() => {
				this.waiting.delete(check);
				reject(new Error(`Timed out after ${timeoutMs} ms: ${describe()}`));
			}, timeoutMs);
			this.waiting.add(check);
		});
	}
}

export interface Deferred<T> {
	promise: Promise<T>;
	resolve: (value: T) => void;
	reject: (error: Error) => void;
}

/** `createDeferredPromise` is no longer exported by n8n-workflow. */
export function createDeferred<T>(): Deferred<T> {
	let resolve!: (value: T) => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}
