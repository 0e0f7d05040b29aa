/**
 * How many generated inputs each property test tries: a few hundred in `npm test`, many more in
 * `npm run fuzz` (FUZZ_RUNS), so a long run finds what a quick one missed with the same tests.
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/** A time budget per property in the long run, so that `npm run fuzz` ends however large FUZZ_RUNS is. */
export const FUZZ_OPTIONS = { numRuns: FUZZ_RUNS, ...(process.env.FUZZ_RUNS ? { interruptAfterTimeLimit: 120_000 } : {}) };
