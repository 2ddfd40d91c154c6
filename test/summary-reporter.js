// Prints the closing line CI reads in any language ("Tests: N passed, N failed, N skipped").
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		process.stdout.write(
			`\nTests: ${results.numPassedTests} passed, ${results.numFailedTests + results.numRuntimeErrorTestSuites} failed, ${skipped} skipped\n`,
		);
	}
}

module.exports = SummaryReporter;
