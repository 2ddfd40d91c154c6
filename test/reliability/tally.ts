// Counted outcomes for the reliability suites. Each test records its cases here; the reliability reporter
// (test/reliability/reporter.js) adds them up across jest workers and prints one line per suite, e.g.
// "fault matrix: 264 cases, 0 lost, 0 duplicated". Cases go to a JSON-lines file per worker in the folder
// that jest.reliability.config.js names in TELCO_IOT_TALLY_DIR.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CaseOutcome {
	/** The suite line this case is counted on: 'fault matrix', 'webhook corpus', 'broker failures'... */
	suite: string;
	/** What was tried, for the failure message and the per-case listing. */
	name: string;
	/** Sends or messages that should have happened and did not. */
	lost: number;
	/** Sends or messages that happened more than once. */
	duplicated: number;
}

export function tallyCase(outcome: CaseOutcome): void {
	const folder = process.env.TELCO_IOT_TALLY_DIR;
	if (!folder) return;
	appendFileSync(join(folder, `${process.pid}.jsonl`), `${JSON.stringify(outcome)}\n`);
}
