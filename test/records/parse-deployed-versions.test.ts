import { parseDeployedVersions } from "../../src/records/parse-deployed-versions.js";

describe("parseDeployedVersions", () => {
  // The first ten cells are quoted from the Legit.Health device's records (test/fixtures/records/README.md).
  it.each([
    [">=1.0.9, >=1.0.14 (version-locked at 1.0.22 and 1.0.24)", ["1.0.22", "1.0.24"], [], [">=1.0.9", ">=1.0.14"]],
    [">=0.4.0 (version-locked at 0.5.0)", ["0.5.0"], [], [">=0.4.0"]],
    [">=1.4.0, >=2.0.0 (version-locked at 2.0.8)", ["2.0.8"], [], [">=1.4.0", ">=2.0.0"]],
    [">=1.5.0", [], [], [">=1.5.0"]],
    [">=2.0.0, >=2.1.0 (version-locked at 2.9.1)", ["2.9.1"], [], [">=2.0.0", ">=2.1.0"]],
    [">=1.26.0 (version-locked at 2.3.5, 2.4.0, and 2.4.1 across microservices)", ["2.3.5", "2.4.0", "2.4.1"], [], [">=1.26.0"]],
    [">=1.41.0 (version-locked at 1.40.61\u20131.42.26 across services)", [], [{ from: "1.40.61", to: "1.42.26" }], [">=1.41.0"]],
    [">=2.12.0 (version-locked at 2.12.5 across services; includes email validation extra)", ["2.12.5"], [], [">=2.12.0"]],
    [">=12.0.0", [], [], [">=12.0.0"]],
    [">=4.8.0 (version-locked at 4.12.0.88)", ["4.12.0.88"], [], [">=4.8.0"]],
    ["4.12.0.88", ["4.12.0.88"], [], []],
    ["1.0.22, 1.0.24", ["1.0.22", "1.0.24"], [], []],
    ["version-locked at 6.0, 2.1.0+cu121", ["6.0", "2.1.0+cu121"], [], []],
    ["(version-locked at 1.0.24)", ["1.0.24"], [], []],
    [">= 1.0.9 (version-locked at 1.0.24.)", ["1.0.24"], [], [">=1.0.9"]],
    ["version-locked at 1.40.61-1.42.26", [], [{ from: "1.40.61", to: "1.42.26" }], []],
    ["version-locked at 1.40.61 - 1.42.26 and 1.43.0", ["1.43.0"], [{ from: "1.40.61", to: "1.42.26" }], []],
    ["version-locked at 1.0.0-beta.1 and 1.0-1", ["1.0.0-beta.1", "1.0-1"], [], []],
    [">=1.4.0, <2.0.0, !=1.5.0, >=3.0 (version-locked at 1.6.0)", ["1.6.0"], [], [">=1.4.0, <2.0.0, !=1.5.0", ">=3.0"]],
    ["<2.0.0", [], [], ["<2.0.0"]],
    [">=1.0 (minimum for the API) (version-locked at 1.2)", ["1.2"], [], [">=1.0"]],
    ["~=2.9.0 (version-locked at 2.9.1)", ["2.9.1"], [], ["~=2.9.0"]],
  ])("%s", (cell, versions, spans, ranges) => {
    expect(parseDeployedVersions(cell)).toEqual({ versions, spans, ranges, problems: [] });
  });

  it.each([
    ["latest", 'Deployed Version(s): "latest" is neither a version nor a version specifier: write e.g. ">=1.0.9 (version-locked at 1.0.24)"'],
    [">=1.0 (version-locked at the newest)", 'Deployed Version(s) says "version-locked at" but no version follows: write the locked versions after it, e.g. "version-locked at 1.0.22 and 1.0.24"'],
  ])("flags %j", (cell, problem) => {
    expect(parseDeployedVersions(cell).problems).toEqual([problem]);
  });
});
