// Adds up the cases the reliability tests recorded (test/reliability/tally.ts) and prints one line per suite,
// "<suite>: N cases, L lost, D duplicated", after jest's own summary.
const { existsSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

class ReliabilityReporter {
	onRunComplete() {
		const folder = process.env.TELCO_IOT_TALLY_DIR;
		if (!folder || !existsSync(folder)) return;
		const suites = new Map();
		for (const file of readdirSync(folder)) {
			for (const line of readFileSync(join(folder, file), 'utf8').split('\n')) {
				if (!line) continue;
				const outcome = JSON.parse(line);
				const totals = suites.get(outcome.suite) ?? { cases: 0, lost: 0, duplicated: 0 };
				totals.cases += 1;
				totals.lost += outcome.lost;
				totals.duplicated += outcome.duplicated;
				suites.set(outcome.suite, totals);
			}
		}
		rmSync(folder, { recursive: true, force: true });
		const lines = [...suites].map(
			([suite, t]) => `${suite}: ${t.cases} cases, ${t.lost} lost, ${t.duplicated} duplicated`,
		);
		process.once('exit', () => process.stdout.write(`\n${lines.join('\n')}\n`));
	}
}

module.exports = ReliabilityReporter;
