/** @type {import('jest').Config} */
export default {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
  // Fixture folders hold real package.json files; they are data, not modules.
  modulePathIgnorePatterns: ["<rootDir>/test/fixtures/"],
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  // tsconfig.json sets isolatedModules, so ts-jest transpiles each file alone (fast); `tsc --noEmit` type-checks.
  transform: { "^.+\\.ts$": ["ts-jest", { useESM: true }] },
};
