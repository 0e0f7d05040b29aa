/** @type {import('jest').Config} */
export default {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Outside connections refused in every test file (test/no-network.ts).
  setupFiles: ["<rootDir>/test/no-network.ts"],
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
  // A private PostgreSQL for the history store's tests (or TEST_DATABASE_URL): see the setup file.
  globalSetup: "<rootDir>/test/postgres-global-setup.js",
  globalTeardown: "<rootDir>/test/postgres-global-teardown.js",
  // Fixture folders hold real package.json files; they are data, not modules.
  modulePathIgnorePatterns: ["<rootDir>/test/fixtures/"],
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  // tsconfig.json sets isolatedModules, so ts-jest transpiles each file alone (fast); `tsc --noEmit` type-checks.
  transform: { "^.+\\.ts$": ["ts-jest", { useESM: true }] },
};
