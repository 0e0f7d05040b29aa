import type { Anomaly } from "../anomalies/advisory.js";
import type { EvaluatedChange, Evaluation } from "../policy/evaluation.js";
import { describeVersions } from "./describe-change.js";

/** The comment's *Anomalies* column: `2 assessed, 1 new`, `none`, `not checked`, or `—` when not asked. */
export function describeAnomalies(change: Pick<EvaluatedChange, "anomalies">): string {
  const found = change.anomalies;
  if (!found) return "—";
  if (found.state === "unavailable") return "not checked";
  const parts = [
    ...(found.assessed.length > 0 ? [`${found.assessed.length} assessed`] : []),
    ...(found.unassessed.length > 0 ? [`${found.unassessed.length} new`] : []),
  ];
  return parts.length > 0 ? parts.join(", ") : "none";
}

/** `GHSA-53q9-r3pm-6pq6 (CVE-2025-32434; critical)`, the id linked when Markdown is wanted. */
export function nameAnomaly(anomaly: Anomaly, markdown: boolean): string {
  const details = [anomaly.aliases.join(", "), anomaly.severity ?? ""].filter((s) => s !== "").join("; ");
  const id = markdown ? `[${anomaly.id}](${anomaly.url})` : anomaly.id;
  return details ? `${id} (${details})` : id;
}

/**
 * Every published advisory that affects a new version and that no record assesses yet, one line each, so
 * that a QA reviewer sees them before approving.
 */
export function listUnassessedAnomalies(evaluation: Evaluation, max = 50): string[] {
  const lines: string[] = [];
  for (const change of evaluation.changes) {
    if (change.anomalies?.state !== "checked") continue;
    for (const anomaly of change.anomalies.unassessed) {
      const what = anomaly.summary ? ` — ${anomaly.summary.replace(/\s+/g, " ")}` : "";
      lines.push(`- \`${change.name}\` ${describeVersions(change)}: ${nameAnomaly(anomaly, true)}${what}${change.record ? "" : " (no record yet)"}`);
    }
  }
  if (lines.length > max) return [...lines.slice(0, max), `- …and ${lines.length - max} more`];
  return lines;
}
