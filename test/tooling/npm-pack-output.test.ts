/**
 * `packedPackage` (scripts/packages.mjs) reads what `npm pack --json` prints, which the scanner step and the
 * packing for `npm start` and the e2e set-up rely on: an array in npm 11 and earlier, an object keyed by
 * package name in npm 12. The script is an ES module, so it runs in a Node process of its own.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const modulePath = join(__dirname, '..', '..', 'scripts', 'packages.mjs');

function packedPackage(output: string): { filename?: string; error?: string } {
	const run = spawnSync(
		process.execPath,
		[
			'--input-type=module',
			'-e',
			`import { packedPackage } from ${JSON.stringify(modulePath)};
			try { console.log(JSON.stringify({ filename: packedPackage(process.argv[1]).filename })); }
			catch (error) { console.log(JSON.stringify({ error: error.message })); }`,
			output,
		],
		{ encoding: 'utf8' },
	);
	if (run.status !== 0) throw new Error(run.stderr);
	return JSON.parse(run.stdout) as { filename?: string; error?: string };
}

const entry = {
	id: 'n8n-nodes-telco-iot@0.1.0',
	name: 'n8n-nodes-telco-iot',
	filename: 'n8n-nodes-telco-iot-0.1.0.tgz',
	files: [{ path: 'README.md', size: 1, mode: 420 }],
};

describe('reading npm pack --json', () => {
	it('takes npm 11’s array', () => {
		expect(packedPackage(JSON.stringify([entry], null, 2))).toEqual({ filename: entry.filename });
	});

	it('takes npm 12’s object keyed by package name, whose files list holds brackets too', () => {
		const output = JSON.stringify({ [entry.name]: entry }, null, 2);
		expect(packedPackage(output)).toEqual({ filename: entry.filename });
	});

	it('skips what a script printed before the JSON', () => {
		const output = `> prepack\nbuilt [ok]\n${JSON.stringify([entry], null, 2)}`;
		expect(packedPackage(output)).toEqual({ filename: entry.filename });
	});

	it('says so when npm printed no JSON or named no tarball', () => {
		expect(packedPackage('npm error code E404').error).toMatch(/npm pack printed no JSON/);
		expect(packedPackage('{}').error).toMatch(/npm pack named no tarball/);
	});
});
