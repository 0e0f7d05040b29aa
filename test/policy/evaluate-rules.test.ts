import { describe, expect, test } from "@jest/globals";
import { defaultConfig, type Config } from "../../src/policy/config.js";
import { evaluate, type EvaluateInput } from "../../src/policy/evaluate.js";
import type { Change, SoupRecord } from "../../src/types.js";

/**
 * The policy's rules at their edges, and the exact words a developer reads for each finding: a message is
 * the product's interface, so a changed word must be a decision, never an accident.
 */
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

function run(input: Partial<EvaluateInput> & { config?: Config } = {}) {
  return evaluate({ changes: [change()], records: [record()], config: defaultConfig(), today: TODAY, ...input });
}

const messages = (e: ReturnType<typeof run>) => e.findings.map((f) => `${f.code} ${f.path}:${f.line} ${f.message}`);

describe("the words of each finding", () => {
  test.each<[string, Partial<EvaluateInput>, string[]]>([
    ["an unreadable lockfile", { changes: [], lockfileErrors: [{ path: "poetry.lock", error: { message: "expected '=' after a key", line: 7 } }] },
      ["lockfile-unparsable poetry.lock:7 poetry.lock could not be parsed: expected '=' after a key (line 7). Fix or regenerate the lockfile; until then its changes cannot be checked."]],
    ["a version the record does not name, against locked versions and spans", { changes: [change({ to: "1.0.23" })], records: [record({ versions: ["1.0.22"], spans: [{ from: "1.0.30", to: "1.0.40" }], latestReviewed: "1.0.40" })] },
      ["version-not-recorded requirements.txt:12 docs/soup/timm.md does not name timm 1.0.23 (it names 1.0.22, 1.0.30–1.0.40). Add 1.0.23 to the record's deployed versions and re-review it."]],
    ["a version outside every range of a record that locks none", { changes: [change({ to: "1.4.0" })], records: [record({ versions: [], versionRanges: [">=1.5", "<1.0"], latestReviewed: undefined })] },
      ["version-not-recorded requirements.txt:12 docs/soup/timm.md does not name timm 1.4.0 (it names >=1.5 or <1.0). Add 1.4.0 to the record's deployed versions and re-review it."]],
    ["a version newer than the reviewed release", { changes: [change({ to: "1.0.24" })], records: [record({ latestReviewed: "1.0.22" })] },
      ["newer-than-reviewed requirements.txt:12 timm 1.0.24 is newer than 1.0.22, the newest release docs/soup/timm.md was reviewed against. Re-review the record (requirements, known anomalies) against 1.0.24 and update latest_reviewed."]],
    ["an unpinned requirement", { changes: [change({ name: "requests", kind: "added", from: null, to: "", line: 3 })], records: [record({ packages: ["requests"], versions: ["2.32.3"], latestReviewed: "2.32.3" })] },
      ["unpinned requirements.txt:3 requests is not pinned to one version in requirements.txt: pin it (for example `==1.2.3`) so that its record can name the exact version deployed."]],
    ["a second record for one package", { records: [record(), record({ path: "docs/soup/timm-2.md", lines: {} })] },
      ["duplicate-record docs/soup/timm-2.md:1 docs/soup/timm.md and docs/soup/timm-2.md both claim timm: merge them into one record."]],
    ["a removed package whose record remains", { changes: [change({ kind: "removed", from: "1.0.22", to: null })], stillLocked: () => false, records: [record({ lines: {} })] },
      ["orphan-record docs/soup/timm.md:1 timm is no longer locked anywhere, but docs/soup/timm.md still describes it: retire the record (mark it obsolete or delete it)."]],
    ["a problem in the record", { records: [record({ problems: [{ message: "the versions are missing", line: 8 }] })] },
      ["record-invalid docs/soup/timm.md:8 docs/soup/timm.md is not a valid SOUP record: the versions are missing"]],
    ["a review dated after today", { records: [record({ lastReviewDate: "2026-11-27" })] },
      ["record-invalid docs/soup/timm.md:10 docs/soup/timm.md: last_review_date 2026-11-27 is in the future. Set it to the day the review was done."]],
    ["a review that lapsed", { records: [record({ lastReviewDate: "2025-11-01" })] },
      ["review-overdue docs/soup/timm.md:10 The review of docs/soup/timm.md lapsed on 2026-11-01 (last reviewed 2025-11-01, every 365 days). Review the record and update last_review_date."]],
    ["a review that lapses tomorrow", { records: [record({ lastReviewDate: "2025-11-27" })] },
      ["review-due-soon docs/soup/timm.md:10 The review of docs/soup/timm.md lapses on 2026-11-27, in 1 day. Plan the review."]],
  ])("%s", (_, input, expected) => {
    expect(messages(run(input))).toStrictEqual(expected);
  });
});

describe("the edges of the rules", () => {
  test("a review is current through the last day of its interval and overdue on the day it lapses", () => {
    expect(run({ records: [record({ lastReviewDate: "2025-11-26" })] }).findings.map((f) => f.code)).toStrictEqual(["review-overdue"]);
    expect(run({ records: [record({ lastReviewDate: "2026-11-26" })] }).findings).toStrictEqual([]);
  });

  test("the warning starts exactly warn_days before the review lapses", () => {
    const config = defaultConfig();
    config.review = { interval_days: 100, warn_days: 10 };
    // Reviewed 2026-08-28: lapses 2026-12-06, 10 days from today.
    expect(run({ config, records: [record({ lastReviewDate: "2026-08-28" })] }).findings.map((f) => f.code)).toStrictEqual(["review-due-soon"]);
    expect(run({ config, records: [record({ lastReviewDate: "2026-08-29" })] }).findings).toStrictEqual([]);
  });

  test("a record's own interval wins over the policy's", () => {
    expect(run({ records: [record({ lastReviewDate: "2026-06-01", reviewIntervalDays: 600 })] }).findings).toStrictEqual([]);
  });

  test("a record that locks versions ignores its ranges; one with ranges only accepts any of them", () => {
    const both = record({ versions: ["1.0.22"], versionRanges: [">=1.0"], latestReviewed: undefined });
    expect(run({ records: [both] }).findings.map((f) => f.code)).toStrictEqual(["version-not-recorded"]);
    const ranges = record({ versions: [], versionRanges: [">=2.0", ">=1.0,<1.1"], latestReviewed: undefined });
    expect(run({ records: [ranges] }).findings).toStrictEqual([]);
    const none = record({ versions: [], versionRanges: [], latestReviewed: undefined });
    // Nothing to compare with: the record's own problems (no version) say what is missing.
    expect(run({ records: [none] }).findings).toStrictEqual([]);
  });

  test("an unpinned change is not compared with the record's versions", () => {
    const e = run({ changes: [change({ to: "" })] });
    expect(e.findings.map((f) => f.code)).toStrictEqual(["unpinned"]);
  });

  test("a record's own findings are reported once however many changes it covers, and on each of them", () => {
    const overdue = record({ packages: ["timm", "timm-nightly"], lastReviewDate: "2025-01-01" });
    const e = run({ changes: [change(), change({ name: "timm-nightly", line: 13 })], records: [overdue] });
    expect(e.findings.map((f) => f.code)).toStrictEqual(["review-overdue"]);
    expect(e.changes.map((c) => c.findings.map((f) => f.code))).toStrictEqual([["review-overdue"], ["review-overdue"]]);
  });

  test("a removal never raises the record's review findings, and a finding turned off is not on the change either", () => {
    expect(run({ changes: [change({ kind: "removed", to: null })], records: [record({ lastReviewDate: "2020-01-01" })] }).findings).toStrictEqual([]);
    const config = defaultConfig();
    config.severity["review-overdue"] = "off";
    config.severity["missing-record"] = "off";
    const e = run({ config, changes: [change(), change({ name: "zod", ecosystem: "npm" })], records: [record({ lastReviewDate: "2020-01-01" })] });
    expect(e.findings).toStrictEqual([]);
    expect(e.changes.map((c) => c.findings)).toStrictEqual([[], []]);
  });

  test("a removal without a record, or with nobody to say what is still locked, is no orphan", () => {
    expect(run({ changes: [change({ kind: "removed", to: null })], records: [], stillLocked: () => false }).findings).toStrictEqual([]);
    expect(run({ changes: [change({ kind: "removed", to: null })] }).findings).toStrictEqual([]);
  });

  test("an empty list of policy errors is a valid policy", () => {
    expect(run({ configErrors: [] }).findings).toStrictEqual([]);
  });

  test("a record the pull request changed is checked once, even when a change also reaches it", () => {
    const e = run({ records: [record({ lastReviewDate: "2025-01-01" })], changedRecords: [{ path: "docs/soup/timm.md", blob: "a".repeat(40) }] });
    expect(e.findings.map((f) => f.code)).toStrictEqual(["review-overdue"]);
    const untouched = run({ changes: [], records: [record({ lastReviewDate: "2025-01-01" })], changedRecords: [{ path: "docs/soup/other.md", blob: "" }] });
    expect(untouched.findings).toStrictEqual([]);
  });

  test("what the evaluation reports besides findings: lockfiles, changed records sorted, the policy edit", () => {
    const e = run({ lockfiles: ["b/requirements.txt", "a/requirements.txt"], changedRecords: [{ path: "docs/soup/z.md", blob: "1" }, { path: "docs/soup/a.md", blob: "2" }], configChanged: true });
    expect(e.lockfiles).toStrictEqual(["b/requirements.txt", "a/requirements.txt"]);
    expect(e.changedRecords).toStrictEqual(["docs/soup/a.md", "docs/soup/z.md"]);
    expect(e.configChanged).toBe(true);
    const plain = run({});
    expect([plain.lockfiles, plain.changedRecords, plain.configChanged]).toStrictEqual([[], [], false]);
  });

  test("findings are listed failures first, then by file and line; each carries only the places it has", () => {
    const e = run({
      changes: [change({ name: "b", line: 9 }), change({ name: "a", line: 3 }), change({ name: "c", line: 20, to: "" })],
      records: [],
      lockfileErrors: [{ path: "a.lock", error: { message: "x", line: 2 } }],
    });
    expect(e.findings.map((f) => [f.code, f.path, f.line])).toStrictEqual([
      ["lockfile-unparsable", "a.lock", 2],
      ["missing-record", "requirements.txt", 3],
      ["missing-record", "requirements.txt", 9],
      ["missing-record", "requirements.txt", 20],
      ["unpinned", "requirements.txt", 20],
    ]);
    expect(Object.keys(e.findings[0]!).sort()).toStrictEqual(["code", "line", "message", "path", "severity"]);
    expect(Object.keys(e.findings[1]!).sort()).toStrictEqual(["code", "ecosystem", "line", "message", "name", "path", "severity"]);
  });

  test("the same finding reached twice is listed once", () => {
    const e = run({ changes: [change(), change()], records: [] });
    expect(e.findings.map((f) => f.code)).toStrictEqual(["missing-record"]);
  });
});
