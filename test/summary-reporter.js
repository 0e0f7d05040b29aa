// Prints one plain closing line, "N passed, N failed" (", N skipped" when any), which CI reads to know how
// many tests ran; Jest's own summary says the same in its own words.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stderr.write(`${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
  }
}
