import type { EvaluatedChange, Evaluation } from "../policy/evaluation.js";
import type { Finding } from "../types.js";
import { describeAnomalies } from "./describe-anomalies.js";
import { changeStatus, describeVersions } from "./describe-change.js";
import { verdict } from "./verdict.js";

const MARK = { failure: "✗", warning: "!", ok: "✓", "not-checked": "·" } as const;

/** What a developer reads in a terminal: the verdict, then each lockfile's changes with what to do. */
export function renderText(evaluation: Evaluation): string {
  const lines: string[] = [verdict(evaluation), ""];
  const byLockfile = new Map<string, EvaluatedChange[]>();
  for (const change of evaluation.changes) byLockfile.set(change.lockfile, [...(byLockfile.get(change.lockfile) ?? []), change]);

  const shown = new Set<Finding>();
  for (const [lockfile, changes] of byLockfile) {
    lines.push(lockfile);
    // What the policy checks comes first; what it does not check follows, so the to-do list is on top.
    for (const change of [...changes.filter((c) => c.inScope), ...changes.filter((c) => !c.inScope)]) {
      const status = changeStatus(change);
      const scope = change.inScope ? "" : `  (not checked: ${change.outOfScopeReason})`;
      const record = change.record ? `  record ${change.record}${change.recordLine ? `:${change.recordLine}` : ""}` : "";
      const anomalies = change.anomalies ? `  anomalies: ${describeAnomalies(change)}` : "";
      lines.push(`  ${MARK[status]} ${change.name} ${describeVersions(change)}  line ${change.line}${record}${anomalies}${scope}`);
      for (const finding of change.findings) {
        shown.add(finding);
        lines.push(`      ${finding.severity} ${finding.code}: ${indent(finding.message)}`);
      }
    }
    lines.push("");
  }
  const rest = evaluation.findings.filter((f) => ![...shown].some((s) => s.code === f.code && s.message === f.message && s.path === f.path));
  if (rest.length > 0) {
    lines.push("Other findings");
    for (const f of rest) lines.push(`  ${f.severity} ${f.code}${f.path ? ` ${f.path}${f.line ? `:${f.line}` : ""}` : ""}: ${indent(f.message)}`);
    lines.push("");
  }
  if (evaluation.configChanged) lines.push("Note: this change edits .github/soup.yml; the new policy applies once it is merged.", "");
  return lines.join("\n");
}

function indent(message: string): string {
  return message.replace(/\n/g, "\n        ");
}
