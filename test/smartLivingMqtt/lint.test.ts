import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The companion lints itself with n8n's own rules for packages without n8n Cloud support (the root lint
 * leaves its folder out). Those rules still refuse any runtime dependency, and `mqtt` is the one this
 * package exists for: that is the only problem allowed.
 */
test('`n8n-node lint` in the companion folder finds nothing but its mqtt dependency', () => {
	// As a developer runs it: n8n's node rules read file names differently under NODE_ENV=test (Jest's).
	const env = { ...process.env };
	delete env.NODE_ENV;
	const run = spawnSync('npx', ['--no', 'n8n-node', 'lint'], {
		cwd: join(__dirname, '..', '..', 'n8n-nodes-telco-iot-mqtt'),
		env,
		encoding: 'utf8',
		timeout: 120_000,
	});
	// eslint's "stylish" report, without its colours: a file line, then "line:column  severity  message  rule".
	const colours = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
	const output = `${run.stdout}${run.stderr}`.replace(colours, '');
	const problems: string[] = [];
	let file = '';
	for (const line of output.split('\n')) {
		if (line.startsWith('/')) file = line.trim().replace(/^.*\/n8n-nodes-telco-iot-mqtt\//, '');
		const problem = /^\s+\d+:\d+\s+(error|warning)\s+.*\s(\S+)$/.exec(line);
		if (problem) problems.push(`${file}: ${problem[1]} ${problem[2]}`);
	}

	expect(problems).toEqual(['package.json: error @n8n/community-nodes/no-runtime-dependencies']);
	expect(output).toMatch(/✖ 1 problem \(1 error, 0 warnings\)/);
});
