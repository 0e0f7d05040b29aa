import type { Evaluation } from "../policy/evaluation.js";

/** One sentence that says whether the change may merge and how much is left to do. */
export function verdict(evaluation: Evaluation): string {
  const count = (severity: string) => evaluation.findings.filter((f) => f.severity === severity).length;
  const failures = count("failure");
  const warnings = count("warning");
  const checked = evaluation.changes.filter((c) => c.inScope).length;
  const also = warnings > 0 ? ` (${plural(warnings, "warning")})` : "";
  if (failures > 0) return `✗ SOUP records: ${plural(failures, "problem")} to fix before merging${also}.`;
  if (evaluation.changes.length === 0 && evaluation.findings.length === 0) return "✓ SOUP records: no dependency changes.";
  if (checked === 0) return `✓ SOUP records: ${plural(evaluation.changes.length, "dependency change")}, none in scope of the SOUP policy${also}.`;
  return `✓ SOUP records: ${plural(checked, "dependency change")} covered by reviewed records${also}.`;
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
