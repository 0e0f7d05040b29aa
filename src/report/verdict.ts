import type { Evaluation } from "../policy/evaluation.js";
import type { Finding, Severity } from "../types.js";

/** One sentence that says whether the change may merge and how much is left to do. */
export function verdict(evaluation: Evaluation): string {
  const failures = bySeverity(evaluation, "failure").length;
  const warnings = bySeverity(evaluation, "warning").length;
  const also = warnings > 0 ? ` (${plural(warnings, "warning")})` : "";
  if (failures > 0) return `✗ SOUP records: ${plural(failures, "problem")} to fix before merging${also}.`;
  return `✓ SOUP records: ${passPhrase(evaluation)}${also}.`;
}

/** What a passing evaluation covered: "no dependency changes", "3 dependency changes covered by reviewed records", … */
export function passPhrase(evaluation: Evaluation): string {
  const checked = evaluation.changes.filter((c) => c.inScope).length;
  if (evaluation.changes.length === 0) return "no dependency changes";
  if (checked === 0) return `${plural(evaluation.changes.length, "dependency change")}, none in scope of the SOUP policy`;
  return `${plural(checked, "dependency change")} covered by reviewed records`;
}

export function bySeverity(evaluation: Evaluation, severity: Severity): Finding[] {
  return evaluation.findings.filter((f) => f.severity === severity);
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
