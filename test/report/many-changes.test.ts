import type { Audit } from "../../src/core/audit-commit.js";
import type { EvaluatedChange, Evaluation } from "../../src/policy/evaluation.js";
import type { AuditItem } from "../../src/policy/group-audit-items.js";
import { renderAuditCsv } from "../../src/report/render-audit-csv.js";
import { renderAuditJson } from "../../src/report/render-audit-json.js";
import { renderAuditMarkdown } from "../../src/report/render-audit-markdown.js";
import { renderAuditText } from "../../src/report/render-audit-text.js";
import { renderJson } from "../../src/report/render-json.js";
import { renderText } from "../../src/report/render-text.js";

// 100,000 changes, each with its own finding: a renderer that compares every finding with every other
// one takes many minutes here, so a regression fails by Jest's timeout; the benchmark measures the rest.
const N = 100_000;
const CONTEXT = { repository: "acme/device", ref: "HEAD", commit: "0123456789abcdef", date: "2026-11-26", policy: null };

function finding(i: number) {
  return { code: "missing-record" as const, severity: "failure" as const, message: `No SOUP record covers pkg-${i}.`, path: `services/s${i % 4}/requirements.txt`, line: i + 1 };
}

function evaluation(): Evaluation {
  const changes: EvaluatedChange[] = Array.from({ length: N }, (_, i) => ({
    ecosystem: "pypi", name: `pkg-${i}`, kind: "added", from: null, to: "1.0.0", lockfile: `services/s${i % 4}/requirements.txt`, line: i + 1, direct: true, dev: false, inScope: true, findings: [finding(i)],
  }));
  return { conclusion: "failure", changes, findings: changes.map((c) => c.findings[0]!), digest: "d", lockfiles: [], changedRecords: [], configChanged: false };
}

function audit(): Audit {
  const items: AuditItem[] = Array.from({ length: N }, (_, i) => ({
    ecosystem: "pypi", name: `pkg-${i}`, versions: ["1.0.0"], unpinned: false, locations: [{ lockfile: "requirements.txt", line: i + 1, version: "1.0.0" }], status: "missing-record", anomalies: [], findings: [finding(i)],
  }));
  return { conclusion: "failure", items, orphans: [], outOfScope: 0, lockfiles: ["requirements.txt"], records: [], findings: items.map((i) => i.findings[0]!), anomalies: { state: "off" } };
}

describe("reports of 100,000 changes", () => {
  it("the check's text lists every change and every finding once", () => {
    const text = renderText(evaluation());
    expect(text.match(/^ {2}✗ pkg-/gm)).toHaveLength(N);
    expect(text.match(/^ {6}failure missing-record/gm)).toHaveLength(N);
    expect(text).not.toContain("Other findings");
  });

  it("the check's JSON lists every change", () => {
    expect((JSON.parse(renderJson(evaluation())) as { changes: unknown[] }).changes).toHaveLength(N);
  });

  it("the audit's text, Markdown, CSV and JSON list every item", () => {
    const a = audit();
    expect(renderAuditText(a, CONTEXT).match(/^✗ pkg-/gm)).toHaveLength(N);
    expect(renderAuditMarkdown(a, CONTEXT).match(/^\| pkg-/gm)).toHaveLength(N);
    expect(renderAuditCsv(a).split("\r\n")).toHaveLength(N + 2);
    expect((JSON.parse(renderAuditJson(a, CONTEXT)) as { items: unknown[] }).items).toHaveLength(N);
  });
});
