import type { Audit } from "../../src/core/audit-commit.js";
import type { Evaluation } from "../../src/policy/evaluation.js";
import { csvCell } from "../../src/report/csv.js";
import { renderAuditMarkdown } from "../../src/report/render-audit-markdown.js";
import { renderAuditText } from "../../src/report/render-audit-text.js";
import { renderText } from "../../src/report/render-text.js";
import { hostileRun, MB } from "../fuzz/hostile-line.js";

const CONTEXT = { repository: "acme/device", ref: "HEAD", commit: "0123456789abcdef", date: "2026-11-26", policy: null };

function auditWith(name: string, message: string): Audit {
  const finding = { code: "missing-record" as const, severity: "failure" as const, message, path: "package-lock.json", line: 1 };
  return {
    conclusion: "failure",
    items: [{ ecosystem: "npm", name, versions: ["1.0.0"], unpinned: false, locations: [{ lockfile: "package-lock.json", line: 1, version: "1.0.0" }], status: "missing-record", anomalies: [], findings: [finding] }],
    orphans: [],
    outOfScope: 0,
    lockfiles: ["package-lock.json"],
    records: [],
    findings: [finding],
    anomalies: { state: "off" },
  };
}

describe("reports of a 1 MB value", () => {
  it.each([
    ["a million double quotes", hostileRun('"'), `"${hostileRun('"').repeat(2)}"`],
    ["a formula followed by a million commas", `=${hostileRun(",")}`, `"'=${hostileRun(",")}"`],
    ["a million carriage returns, which a spreadsheet strips before reading a formula", hostileRun("\r"), `"'${hostileRun("\r")}"`],
  ])("csvCell: %s", (_, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("the audit's Markdown keeps a name of a million pipes, newlines and backticks in one cell", () => {
    const name = hostileRun("|\r\n`<");
    const markdown = renderAuditMarkdown(auditWith(name, "m"), CONTEXT);
    const row = markdown.split("\n").find((line) => line.includes("\\|"))!;
    expect(row.length).toBeGreaterThan(MB);
    expect(markdown.split("\n").filter((line) => line.startsWith("| ")).length).toBe(9);
  });

  it("the audit's text indents every line of a message of a million newlines", () => {
    const text = renderAuditText(auditWith("left-pad", hostileRun("\n")), CONTEXT);
    expect(text.split("\n").filter((line) => line === "    ").length).toBe(MB + 1);
  });

  it("the check's text indents every line of a message of a million newlines", () => {
    const finding = { code: "missing-record" as const, severity: "failure" as const, message: hostileRun("\n") };
    const evaluation: Evaluation = {
      conclusion: "failure",
      changes: [{ ecosystem: "npm", name: "left-pad", kind: "added", from: null, to: "1.3.0", lockfile: "package-lock.json", line: 3, direct: true, dev: false, inScope: true, findings: [finding] }],
      findings: [finding],
      digest: "d",
      lockfiles: ["package-lock.json"],
      changedRecords: [],
      configChanged: false,
    };
    expect(renderText(evaluation).split("\n").filter((line) => line === "        ").length).toBe(MB);
  });
});
