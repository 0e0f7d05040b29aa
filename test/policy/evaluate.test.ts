import { defaultConfig, type Config } from "../../src/policy/config.js";
import { evaluate, type EvaluateInput } from "../../src/policy/evaluate.js";
import type { Change, SoupRecord } from "../../src/types.js";

const TODAY = "2026-11-26";

function change(overrides: Partial<Change> = {}): Change {
  return { ecosystem: "pypi", name: "timm", kind: "upgraded", from: "1.0.22", to: "1.0.24", lockfile: "requirements.txt", line: 12, direct: true, dev: false, ...overrides };
}

function record(overrides: Partial<SoupRecord> = {}): SoupRecord {
  return {
    path: "docs/soup/timm.md", form: "table", packages: ["timm"], aliases: [], versions: ["1.0.22", "1.0.24"], spans: [], versionRanges: [],
    latestReviewed: "1.0.24", lastReviewDate: "2026-06-01", lines: { package: 5, versions: 8, last_review_date: 10 }, problems: [], ...overrides,
  };
}

function run(input: Partial<EvaluateInput> & { config?: Config }) {
  return evaluate({ changes: [change()], records: [record()], config: defaultConfig(), today: TODAY, ...input });
}

const codes = (e: ReturnType<typeof run>) => e.findings.map((f) => [f.code, f.severity]);

describe("evaluate", () => {
  it("passes a bump that a current record names", () => {
    const e = run({});
    expect(e.conclusion).toBe("success");
    expect(e.findings).toEqual([]);
    expect(e.changes[0]).toMatchObject({ inScope: true, record: "docs/soup/timm.md", findings: [] });
  });

  it("fails a new dependency without a record, at its lockfile line", () => {
    const e = run({ changes: [change({ name: "zod", ecosystem: "npm", kind: "added", from: null, to: "3.23.8", lockfile: "package-lock.json", line: 40 })] });
    expect(e.conclusion).toBe("failure");
    expect(e.findings).toEqual([{ code: "missing-record", severity: "failure", path: "package-lock.json", line: 40, ecosystem: "npm", name: "zod", message: "No SOUP record covers zod (npm) 3.23.8. Add one under docs/soup/ — the pull-request comment carries a draft to start from." }]);
  });

  it("fails a version the record does not name, and one newer than the reviewed release", () => {
    const e = run({ changes: [change({ to: "1.0.25" })] });
    expect(codes(e)).toEqual([["version-not-recorded", "failure"], ["newer-than-reviewed", "failure"]]);
    expect(e.findings[0]?.message).toBe("docs/soup/timm.md does not name timm 1.0.25 (it names 1.0.22, 1.0.24). Add 1.0.25 to the record's deployed versions and re-review it.");
  });

  it("accepts a version inside a locked span, and a PEP 440 local build of a recorded version", () => {
    const spans = run({ changes: [change({ to: "1.41.3" })], records: [record({ versions: [], spans: [{ from: "1.40.61", to: "1.42.26" }], latestReviewed: "1.42.26" })] });
    expect(spans.findings).toEqual([]);
    const local = run({ changes: [change({ name: "torch", to: "2.5.1+cu121" })], records: [record({ packages: ["torch"], versions: ["2.5.1"], latestReviewed: "2.5.1" })] });
    expect(local.findings).toEqual([]);
  });

  it("uses the version ranges only when the record locks no version", () => {
    const ranged = record({ versions: [], versionRanges: [">=1.5.0"], latestReviewed: undefined });
    expect(run({ changes: [change({ to: "1.6.0" })], records: [ranged] }).findings).toEqual([]);
    expect(codes(run({ changes: [change({ to: "1.4.0" })], records: [ranged] }))).toEqual([["version-not-recorded", "failure"]]);
  });

  it("fails an overdue review and warns before it lapses", () => {
    expect(codes(run({ records: [record({ lastReviewDate: "2025-11-01" })] }))).toEqual([["review-overdue", "failure"]]);
    const soon = run({ records: [record({ lastReviewDate: "2025-12-10" })] });
    expect(codes(soon)).toEqual([["review-due-soon", "warning"]]);
    expect(soon.findings[0]).toMatchObject({ path: "docs/soup/timm.md", line: 10, message: "The review of docs/soup/timm.md lapses on 2026-12-10, in 14 days. Plan the review." });
    expect(soon.conclusion).toBe("success");
    expect(codes(run({ records: [record({ lastReviewDate: "2026-06-01", reviewIntervalDays: 90 })] }))).toEqual([["review-overdue", "failure"]]);
  });

  it("turns record problems and future review dates into record-invalid at their line", () => {
    const broken = run({ records: [record({ problems: [{ message: "last_review_date is missing", line: 3 }], lastReviewDate: undefined })] });
    expect(broken.findings).toEqual([expect.objectContaining({ code: "record-invalid", path: "docs/soup/timm.md", line: 3 })]);
    expect(codes(run({ records: [record({ lastReviewDate: "2027-01-01" })] }))).toEqual([["record-invalid", "failure"]]);
  });

  it("fails two records that claim one package", () => {
    const e = run({ records: [record(), record({ path: "docs/soup/timm-2.md" })] });
    expect(codes(e)).toEqual([["duplicate-record", "failure"]]);
  });

  it("fails a pull request that adds a second record for a package, even when no dependency changed", () => {
    const records = [record(), record({ path: "docs/soup/timm-copy.md", lines: { package: 3 } })];
    const e = run({ changes: [], records, changedRecords: [{ path: "docs/soup/timm-copy.md", blob: "c".repeat(40) }] });
    expect(e.findings).toEqual([{ code: "duplicate-record", severity: "failure", path: "docs/soup/timm-copy.md", line: 3, name: "timm", message: "docs/soup/timm.md and docs/soup/timm-copy.md both claim timm: merge them into one record." }]);
    // Records the pull request did not touch are not its problem.
    expect(run({ changes: [], records, changedRecords: [] }).findings).toEqual([]);
  });

  it("warns about an unpinned requirement and still asks for a record", () => {
    const e = run({ changes: [change({ name: "requests", kind: "added", from: null, to: "" })] });
    expect(codes(e)).toEqual([["missing-record", "failure"], ["unpinned", "warning"]]);
  });

  it("checks only direct runtime changes by default, and says why the others are not checked", () => {
    const e = run({ changes: [change({ name: "pydantic", direct: false, to: "9.9.9" }), change({ name: "pytest", dev: true, to: "9.9.9" })] });
    expect(e.findings).toEqual([]);
    expect(e.changes.map((c) => [c.name, c.inScope, c.outOfScopeReason])).toEqual([
      ["pydantic", false, "transitive (scope.transitive is false)"],
      ["pytest", false, "development only (scope.development is false)"],
    ]);
    const config = defaultConfig();
    config.scope = { transitive: true, development: true };
    expect(codes(run({ config, changes: [change({ name: "pydantic", direct: false, to: "9.9.9" })] }))).toEqual([["missing-record", "failure"]]);
  });

  it("ignores packages listed in the policy, with the reason, by glob", () => {
    const config = defaultConfig();
    config.ignore = [{ ecosystem: "npm", name: "@types/*", reason: "type declarations, not shipped" }];
    const e = run({ config, changes: [change({ ecosystem: "npm", name: "@types/node", kind: "added", from: null, to: "20.0.0" })] });
    expect(e.findings).toEqual([]);
    expect(e.changes[0]?.outOfScopeReason).toBe("ignored by policy: type declarations, not shipped");
  });

  it("applies severity overrides, including off", () => {
    const config = defaultConfig();
    config.severity["newer-than-reviewed"] = "warning";
    config.severity["version-not-recorded"] = "off";
    const e = run({ config, changes: [change({ to: "1.0.25" })] });
    expect(codes(e)).toEqual([["newer-than-reviewed", "warning"]]);
    expect(e.conclusion).toBe("success");
  });

  it("raises orphan-record only when nothing at head still locks the removed package", () => {
    const removed = change({ kind: "removed", from: "1.0.22", to: null });
    expect(codes(run({ changes: [removed], stillLocked: () => false }))).toEqual([["orphan-record", "notice"]]);
    expect(run({ changes: [removed], stillLocked: () => true }).findings).toEqual([]);
  });

  it("fails unreadable lockfiles and an invalid policy, naming every bad key", () => {
    const e = run({ changes: [], lockfileErrors: [{ path: "yarn.lock", error: { message: "merge-conflict marker", line: 30 } }], configErrors: ["scope.transitive: expected true or false", "colour: unknown key"] });
    expect(e.findings.map((f) => [f.code, f.path, f.line])).toEqual([["config-invalid", ".github/soup.yml", 1], ["lockfile-unparsable", "yarn.lock", 30]]);
    expect(e.findings[0]?.message).toContain("- scope.transitive: expected true or false\n- colour: unknown key");
  });

  it("checks a record the pull request edits even when no dependency changed", () => {
    const e = run({ changes: [], records: [record({ problems: [{ message: "no version", line: 4 }] })], changedRecords: [{ path: "docs/soup/timm.md", blob: "abc" }] });
    expect(codes(e)).toEqual([["record-invalid", "failure"]]);
  });

  it("binds the digest to the in-scope changes and changed record blobs only", () => {
    const base = run({}).digest;
    expect(run({}).digest).toBe(base);
    expect(run({ changes: [change(), change({ name: "pydantic", direct: false })] }).digest).toBe(base);
    expect(run({ changes: [change({ to: "1.0.23" })] }).digest).not.toBe(base);
    expect(run({ changedRecords: [{ path: "docs/soup/timm.md", blob: "b1" }] }).digest).not.toBe(run({ changedRecords: [{ path: "docs/soup/timm.md", blob: "b2" }] }).digest);
  });
});
