import { readFileSync } from "node:fs";
import fc from "fast-check";
import { defaultConfig } from "../../src/policy/config.js";
import { evaluate } from "../../src/policy/evaluate.js";
import { parseRecord } from "../../src/records/parse-record.js";
import type { Change, SoupRecord } from "../../src/types.js";
import { expectNoPollution, HOSTILE_PIECES, mutated } from "./damage.js";
import { FUZZ_OPTIONS } from "./runs.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/records/${name}`, import.meta.url), "utf8");

/** Every form a record takes, as real files: front matter, plain YAML (top level and under soup:), the Legit.Health table. */
const REAL = [
  ["docs/soup/timm.md", fixture("front-matter-timm.md")],
  ["docs/soup/timm.md", fixture("legit-health-timm.md")],
  ["docs/soup/timm.mdx", fixture("legit-health-timm.md").replace(/\n/g, "\r\n")],
  ["docs/soup/pyyaml.yml", fixture("pyyaml.yml")],
  ["docs/soup/pillow.yaml", fixture("pillow.yaml")],
  ["docs/soup/evil.yml", fixture("evil.yml")],
  ["docs/soup/index.md", fixture("index-page.md")],
] as const;

const TODAY = "2026-11-26";

/**
 * What must hold of any record text, however damaged: reading it never throws, every problem is a
 * short message at a real line, and a record without problems names a package, a version and a review
 * date — so nothing unreadable can pass as a reviewed record.
 */
function checkRecord(path: string, text: string): void {
  const outcome = parseRecord(path, text);
  expectNoPollution();
  if (outcome.kind === "not-a-record") return;
  for (const record of outcome.kind === "list" ? outcome.records : [outcome.record]) checkOneRecord(path, text, record);
}

function checkOneRecord(path: string, text: string, record: SoupRecord): void {
  expect(record.path).toBe(path);
  const lines = text.split(/\r?\n/).length;
  for (const problem of record.problems) {
    expect(typeof problem.message).toBe("string");
    expect(problem.message.length).toBeLessThan(1000);
    expect(Number.isInteger(problem.line) && problem.line >= 1 && problem.line <= lines).toBe(true);
  }
  for (const list of [record.packages, record.aliases, record.versions, record.versionRanges]) expect(list.every((v) => typeof v === "string")).toBe(true);
  if (record.reviewIntervalDays !== undefined) expect(record.reviewIntervalDays >= 1 && record.reviewIntervalDays <= 36_500).toBe(true);
  if (record.problems.length === 0) {
    expect(record.packages.length).toBeGreaterThan(0);
    expect(record.lastReviewDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(record.versions.length + record.spans.length + record.versionRanges.length).toBeGreaterThan(0);
  }
  checkEvaluation(record);
}

/** Any record, evaluated against a change of a package it names: never a throw, never a pass when it is invalid. */
function checkEvaluation(record: SoupRecord): void {
  const name = record.packages[0] ?? "timm";
  const change: Change = { ecosystem: record.ecosystem ?? "pypi", name, kind: "added", from: null, to: record.versions[0] ?? "1.0.24", lockfile: "requirements.txt", line: 1, direct: true, dev: false };
  // The record is edited by the pull request, as when someone damages it: its problems must be reported.
  const evaluation = evaluate({ changes: [change], records: [record], changedRecords: [{ path: record.path, blob: "b" }], config: defaultConfig(), today: TODAY });
  const codes = evaluation.findings.map((f) => f.code);
  if (record.problems.length > 0) expect(codes).toContain("record-invalid");
  if (evaluation.conclusion === "success") {
    expect(record.problems).toEqual([]);
    expect(evaluation.changes[0]!.record).toBe(record.path);
  }
  for (const finding of evaluation.findings) expect(finding.message.length).toBeLessThan(5000);
}

describe("records under fuzzing", () => {
  it.each(REAL)("mutations of a real record (%s) are read or refused, never thrown or passed silently", (path, text) => {
    fc.assert(fc.property(mutated(text), (damaged) => checkRecord(path, damaged)), FUZZ_OPTIONS);
  });

  it("random text in each record form", () => {
    const text = fc.oneof(fc.string({ unit: "binary", maxLength: 400 }), fc.array(fc.constantFrom(...HOSTILE_PIECES, "\n", "a", "1"), { maxLength: 60 }).map((p) => p.join("")));
    const path = fc.constantFrom("docs/soup/a.md", "docs/soup/a.mdx", "docs/soup/a.yml", "docs/soup/a.yaml", "docs/soup/a.txt");
    fc.assert(fc.property(path, text, (p, t) => checkRecord(p, t)), FUZZ_OPTIONS);
  });

  it("records built from hostile values for every key", () => {
    const value = fc.oneof(
      fc.constantFrom(...HOSTILE_PIECES),
      fc.string({ maxLength: 30 }),
      fc.integer().map(String),
      fc.double().map(String),
      fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }).map((a) => JSON.stringify(a)),
      fc.constant("*a"),
    );
    const keys = ["package", "aliases", "ecosystem", "manufacturer", "license", "versions", "version_range", "latest_reviewed", "last_review_date", "review_interval_days", "safety_class", "__proto__", "constructor"];
    const record = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 13 });
    fc.assert(
      fc.property(record, fc.boolean(), (fields, frontMatter) => {
        const body = Object.entries(fields).map(([k, v]) => `${frontMatter ? "  " : ""}${k}: ${v}`).join("\n");
        const anchors = "anchors: &a [x, y]\n";
        if (frontMatter) checkRecord("docs/soup/a.md", `---\n${anchors}soup:\n${body}\n---\n# A\n`);
        else checkRecord("docs/soup/a.yml", `${anchors}${body}\n`);
      }),
      FUZZ_OPTIONS,
    );
  });

  it("Legit.Health tables built from hostile cells", () => {
    const cell = fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ maxLength: 30 }));
    const label = fc.constantFrom("Package Name", "Deployed Version(s)", "Most Recent Available Version", "Last Review Date", "Ecosystem", "Manufacturer / Vendor", "License", "Package Name(s)", "**Last Review Date**");
    fc.assert(
      fc.property(fc.array(fc.tuple(label, cell), { maxLength: 10 }), (rows) => {
        const table = rows.map(([l, c]) => `| ${l} | ${c} |`).join("\n");
        checkRecord("docs/soup/a.md", `# A\n\n## General Information\n\n| Field | Value |\n|---|---|\n${table}\n`);
      }),
      FUZZ_OPTIONS,
    );
  });
});
