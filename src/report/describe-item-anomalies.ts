import type { AuditItem } from "../policy/group-audit-items.js";
import { nameAnomaly } from "./describe-anomalies.js";

/**
 * An audit item's published anomalies, each with the versions it affects and whether the record assesses
 * it: `GHSA-53q9-r3pm-6pq6 (CVE-2025-32434; critical) on 2.5.1: not assessed`. `none` when the source
 * knows of none, `not checked` when it could not be asked, `—` when no source was asked.
 */
export function describeItemAnomalies(item: Pick<AuditItem, "anomalies" | "anomaliesUnchecked">, checked: boolean, markdown: boolean): string[] {
  const lines = item.anomalies.map((a) => `${nameAnomaly(a, markdown)} on ${a.versions.join(", ")}: ${a.assessed ? "assessed" : "not assessed"}`);
  if (item.anomaliesUnchecked) lines.push("not checked");
  if (lines.length === 0) lines.push(checked ? "none" : "—");
  return lines;
}
