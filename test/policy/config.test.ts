import { defaultConfig, parseConfig } from "../../src/policy/config.js";
import { readConfigText } from "../../src/policy/read-config-text.js";

describe("parseConfig", () => {
  it("fills every default of SPEC §4 when there is no file", () => {
    expect(parseConfig(null)).toEqual({ ok: true, config: defaultConfig() });
    expect(defaultConfig()).toMatchObject({
      records: { path: ["docs/soup"] },
      scope: { transitive: false, development: false },
      review: { interval_days: 365, warn_days: 30 },
      approval: { required: true, teams: [], users: [], permission: null, allow_authors: false },
    });
    expect(defaultConfig().severity).toMatchObject({ "newer-than-reviewed": "failure", "review-due-soon": "warning", "orphan-record": "notice", unpinned: "warning" });
  });

  it("reads the example of SPEC §4", () => {
    const outcome = readConfigText(`
records:
  path: docs/soup
  repository: acme/qms
lockfiles:
  exclude: ["examples/**", "test/fixtures/**"]
scope:
  transitive: false
  development: false
review:
  interval_days: 365
  warn_days: 30
ignore:
  - { ecosystem: npm, name: "@types/*", reason: "type declarations, not shipped" }
severity:
  newer-than-reviewed: failure
approval:
  required: true
  teams: [qa]
  users: []
  permission: null
  allow_authors: false
`);
    expect(outcome.ok).toBe(true);
    expect(outcome.config.records).toEqual({ path: ["docs/soup"], repository: "acme/qms" });
    expect(outcome.config.lockfiles.exclude).toEqual(["examples/**", "test/fixtures/**"]);
    expect(outcome.config.ignore).toEqual([{ ecosystem: "npm", name: "@types/*", reason: "type declarations, not shipped" }]);
    expect(outcome.config.approval.teams).toEqual(["qa"]);
  });

  it("lists every bad key in one error, and keeps the defaults for them", () => {
    const outcome = readConfigText(`
records: { path: 3, repo: x }
scope: { transitive: "yes" }
review: { interval_days: -5 }
severity: { missing-record: fatal, not-a-code: off }
ignore: [{ name: "left-pad" }]
approval: { permission: owner }
colour: blue
`);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors).toEqual([
      "records.path: expected a string or a list of strings, got 3",
      "records.repo: unknown key (known: path, repository)",
      'scope.transitive: expected true or false, got "yes"',
      "review.interval_days: expected a whole number of days from 1 to 36500 (100 years), got -5",
      'severity.missing-record: expected failure, warning, notice or off, got "fatal"',
      expect.stringMatching(/^severity\.not-a-code: unknown key/),
      "ignore[0].reason: missing — say why this package needs no record",
      'approval.permission: expected one of triage, write, maintain, admin or null, got "owner"',
      expect.stringMatching(/^colour: unknown key \(known: records, lockfiles, scope, review, ignore, severity, anomalies, approval\)$/),
    ]);
    expect(outcome.config.review.interval_days).toBe(365);
    expect(outcome.config.severity["missing-record"]).toBe("failure");
  });

  it("turns a YAML syntax error into one config error with its line", () => {
    const outcome = readConfigText("records:\n  path: [docs\nscope: {");
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? [] : outcome.errors).toEqual([expect.stringMatching(/^YAML syntax error at line \d+: /)]);
  });

  it("rejects a file that is not a mapping and ignores Probot's _extends", () => {
    expect(parseConfig(["a"]).ok).toBe(false);
    expect(parseConfig({ _extends: ".github" }).ok).toBe(true);
  });

  it("treats __proto__ as an unknown key, never as a prototype", () => {
    const outcome = parseConfig(JSON.parse('{"__proto__": {"scope": {"transitive": true}}}'));
    expect(outcome.ok).toBe(false);
    expect(outcome.config.scope.transitive).toBe(false);
    expect(({} as Record<string, unknown>).scope).toBeUndefined();
  });
});
