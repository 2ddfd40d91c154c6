// Prints the closing line CI reads in any language ("Tests: N passed, N failed, N skipped"), after
// jest's own summary: it is written when the jest process exits, so it is the last line.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		const skipped = results.numPendingTests + results.numTodoTests;
		const line = `Tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
		process.once('exit', () => process.stdout.write(`\n${line}`));
	}
}

module.exports = SummaryReporter;
