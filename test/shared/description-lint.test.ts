/**
 * scripts/lint-descriptions.mjs: n8n's description rules applied to descriptions built from an operation
 * table, which `n8n-node lint` cannot see. A fixture package has one node whose parameters come from the
 * real shared builder (dist/nodes/shared/operations), fed the table under test.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const projectRoot = join(__dirname, '..', '..');
const script = join(projectRoot, 'scripts', 'lint-descriptions.mjs');

interface Finding {
	source: string;
	where: string;
	severity: 'error' | 'warning';
	ruleId: string;
}

interface OperationRow {
	name: string;
	action: string;
	organizationDisplayName: string;
}

/** A package whose Fixture node lists devices, described by one row of an operation table. */
function fixturePackage(folder: string, row: OperationRow): void {
	const nodeDir = join(folder, 'dist', 'nodes', 'Fixture');
	mkdirSync(nodeDir, { recursive: true });
	copyFileSync(
		join(projectRoot, 'nodes', 'Hologram', 'hologram.svg'),
		join(nodeDir, 'fixture.svg'),
	);
	copyFileSync(
		join(projectRoot, 'nodes', 'Hologram', 'hologram.dark.svg'),
		join(nodeDir, 'fixture.dark.svg'),
	);
	const api = {
		resources: [{ name: 'Device', value: 'device', description: 'Devices with their SIMs' }],
		operations: [
			{
				resource: 'device',
				operation: 'getAll',
				name: row.name,
				action: row.action,
				description: 'List the devices of the account',
				method: 'GET',
				path: 'devices',
				list: true,
				fields: [
					{
						displayName: row.organizationDisplayName,
						name: 'organizationId',
						type: 'options',
						required: true,
						loadOptionsMethod: 'getOrganizations',
						description: 'Organization that owns the devices',
					},
				],
			},
		],
	};
	const description = {
		displayName: 'Fixture',
		name: 'fixture',
		icon: { light: 'file:fixture.svg', dark: 'file:fixture.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Lists devices',
		defaults: { name: 'Fixture' },
		usableAsTool: true,
		inputs: ['main'],
		outputs: ['main'],
		properties: '__PROPERTIES__',
	};
	const operations = JSON.stringify(join(projectRoot, 'dist', 'nodes', 'shared', 'operations'));
	writeFileSync(
		join(nodeDir, 'Fixture.node.js'),
		[
			`const { buildProperties } = require(${operations});`,
			`const api = ${JSON.stringify(api)};`,
			'class Fixture {',
			`\tconstructor() { this.description = ${JSON.stringify(description).replace('"__PROPERTIES__"', 'buildProperties(api)')}; }`,
			'}',
			'exports.Fixture = Fixture;',
		].join('\n'),
	);
	writeFileSync(
		join(folder, 'package.json'),
		JSON.stringify({
			name: 'n8n-nodes-fixture',
			version: '0.1.0',
			n8n: { n8nNodesApiVersion: 1, nodes: ['dist/nodes/Fixture/Fixture.node.js'] },
		}),
	);
}

function lintDescriptions(row: OperationRow): { status: number | null; findings: Finding[] } {
	const folder = mkdtempSync(join(tmpdir(), 'description-lint-'));
	try {
		fixturePackage(folder, row);
		const run = spawnSync(process.execPath, [script, '--json', folder], {
			cwd: projectRoot,
			encoding: 'utf8',
		});
		if (run.stdout === '') throw new Error(run.stderr);
		const findings = (JSON.parse(run.stdout) as Finding[]).map(
			({ source, where, severity, ruleId }) => ({ source, where, severity, ruleId }),
		);
		return { status: run.status, findings };
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

describe('description lint of generated node parameters', () => {
	test("reports a Get All operation, a miscased action and a dynamic dropdown without 'Name or ID', on the parameter they belong to", () => {
		const { status, findings } = lintDescriptions({
			name: 'Get All',
			action: 'get All Devices',
			organizationDisplayName: 'Organization',
		});

		const getAllOption = 'parameter "operation" (resource: device) > option "Get All"';
		expect(findings).toEqual([
			{
				source: 'node Fixture',
				where: getAllOption,
				severity: 'error',
				ruleId: 'n8n-nodes-base/node-param-option-name-wrong-for-get-many',
			},
			{
				source: 'node Fixture',
				where: getAllOption,
				severity: 'error',
				ruleId: 'n8n-nodes-base/node-param-operation-option-action-miscased',
			},
			{
				source: 'node Fixture',
				where: 'parameter "organizationId" (resource: device, operation: getAll)',
				severity: 'error',
				ruleId: 'n8n-nodes-base/node-param-display-name-wrong-for-dynamic-options',
			},
		]);
		expect(status).toBe(1);
	});

	test('passes the same table written as n8n wants it', () => {
		const { status, findings } = lintDescriptions({
			name: 'Get Many',
			action: 'Get many devices',
			organizationDisplayName: 'Organization Name or ID',
		});

		expect(findings).toEqual([]);
		expect(status).toBe(0);
	});
});
