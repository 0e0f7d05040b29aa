/**
 * Mutation testing (`npm run mutate`): which of the tests could not fail. It changes the pure core one
 * operator at a time and runs the tests that cover the changed line; a mutant no test notices is a test
 * gap. Incremental: results are kept in reports/stryker-incremental.json, so a re-run tests only what
 * changed. Not part of `npm test` (minutes, not seconds). docs/testing.md records the scores.
 */
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "jest",
  jest: { configFile: "jest.config.js", enableFindRelatedTests: true },
  testRunnerNodeArgs: ["--experimental-vm-modules"],
  coverageAnalysis: "perTest",
  mutate: ["src/policy/**/*.ts", "src/records/**/*.ts", "src/report/**/*.ts", "src/approval/**/*.ts", "src/core/**/*.ts"],
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  concurrency: 2,
  timeoutMS: 20000,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  ignoreStatic: true,
};
