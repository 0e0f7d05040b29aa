import { recordName } from "../records/record-name.js";
import type { Audit } from "../core/audit-commit.js";
import type { Finding } from "../types.js";
import type { AuditContext } from "./audit-context.js";
import { auditItemSeverity, auditStatusLabel, describeLockedVersions } from "./audit-status.js";
import { joinLines } from "./join-lines.js";
import { plural } from "./verdict.js";

const MARK = { failure: "✗", warning: "!", notice: "·", ok: "✓" } as const;

/**
 * The audit as a short checklist (in the spirit of `licensed status`): the verdict and the counts, then
 * one line per SOUP item or record that needs action, each with what to do.
 */
export function renderAuditText(audit: Audit, context: AuditContext): string {
  return [...renderAuditTextChunks(audit, context)].join("");
}

/** The same checklist in pieces, for the command line to write as it goes. */
export function renderAuditTextChunks(audit: Audit, context: AuditContext): Generator<string> {
  return joinLines(auditLines(audit, context));
}

function* auditLines(audit: Audit, context: AuditContext): Generator<string> {
  yield verdictLine(audit);
  yield `  ${context.repository} at ${context.commit.slice(0, 12)} (${context.ref}), ${context.date}, policy ${context.policy ?? "defaults (no .github/soup.yml)"}`;
  yield "";

  const counts = new Map<string, number>();
  for (const item of audit.items) counts.set(auditStatusLabel(item), (counts.get(auditStatusLabel(item)) ?? 0) + 1);
  const breakdown = [...counts].sort(([a], [b]) => (a === "covered" ? -1 : b === "covered" ? 1 : 0)).map(([label, n]) => `${n} ${label}`);
  yield `  ${plural(audit.items.length, "SOUP item")} in scope${breakdown.length > 0 ? `: ${breakdown.join(", ")}` : ""}`;
  if (audit.outOfScope > 0) yield `  ${plural(audit.outOfScope, "locked package")} not in scope (transitive, development only or ignored)`;
  yield `  ${plural(audit.lockfiles.length, "lockfile")}${audit.lockfiles.length > 0 ? `: ${audit.lockfiles.join(", ")}` : ""}`;
  const advisories = audit.anomalies.state === "checked" ? `checked with ${audit.anomalies.source}` : audit.anomalies.state === "unavailable" ? `not checked: ${audit.anomalies.source} could not be asked` : "not checked (anomalies.source: off)";
  yield `  published advisories ${advisories}`;
  yield `  ${plural(audit.records.length, "record")}, ${audit.orphansNotChecked ? `orphans not looked for: ${audit.orphansNotChecked}` : plural(audit.orphans.length, "orphan record")}`;
  yield "";

  // Keys, not a scan of what was shown for each finding: an audit of 100,000 items stays linear.
  const shown = new Set<string>();
  for (const item of audit.items) {
    if (item.findings.length === 0) continue;
    // Where to act: the record, or the lockfile lines that bring the package in.
    const where = item.record ? recordName(item.record) : [...new Set(item.locations.map((l) => `${l.lockfile}:${l.line}`))].join(", ");
    yield `${MARK[auditItemSeverity(item)]} ${item.name} ${describeLockedVersions(item)} (${item.ecosystem}): ${auditStatusLabel(item)}  ${where}`;
    for (const finding of item.findings) {
      shown.add(findingKey(finding));
      yield `    ${indent(finding.message)}`;
    }
  }
  for (const f of audit.findings) {
    if (shown.has(findingKey(f))) continue;
    yield `${MARK[f.severity]} ${f.code}${f.path ? ` ${f.path}${f.line ? `:${f.line}` : ""}` : ""}`;
    yield `    ${indent(f.message)}`;
  }
  if (audit.findings.length > 0) yield "";
}

function findingKey(f: Finding): string {
  return `${f.code}\0${f.path ?? ""}\0${f.message}`;
}

function verdictLine(audit: Audit): string {
  const failing = audit.items.filter((i) => auditItemSeverity(i) === "failure").length;
  const failures = audit.findings.filter((f) => f.severity === "failure").length;
  const warnings = audit.findings.filter((f) => f.severity === "warning").length;
  const also = warnings > 0 ? ` (${plural(warnings, "warning")})` : "";
  if (audit.conclusion === "failure") {
    const items = failing > 0 ? `${failing} of ${plural(audit.items.length, "SOUP item")} need${failing === 1 ? "s" : ""} action` : plural(failures, "problem");
    return `✗ SOUP audit: ${items}${also}.`;
  }
  if (audit.items.length === 0) return `✓ SOUP audit: no SOUP items in scope${also}.`;
  return `✓ SOUP audit: ${audit.items.length === 1 ? "the SOUP item is" : `all ${audit.items.length} SOUP items are`} covered by reviewed records${also}.`;
}

function indent(message: string): string {
  return message.replace(/\n/g, "\n    ");
}
