import type { AuditItem } from "../policy/group-audit-items.js";
import type { FindingCode, Severity } from "../types.js";

const LABELS: Partial<Record<FindingCode, string>> = {
  "missing-record": "missing record",
  "version-not-recorded": "version not recorded",
  "newer-than-reviewed": "newer than reviewed",
  "review-overdue": "review overdue",
  "review-due-soon": "review due soon",
  "record-invalid": "invalid record",
  "duplicate-record": "duplicate records",
  unpinned: "not pinned",
};

/** What a reader of the SOUP list sees in the status column: a draft reads "review pending", not just "invalid". */
export function auditStatusLabel(item: Pick<AuditItem, "status" | "record">): string {
  if (item.status === "covered") return "covered";
  if (item.status === "record-invalid" && item.record && item.record.lastReviewDate === undefined) return "invalid record (review pending)";
  return LABELS[item.status] ?? item.status;
}

/** The item's worst severity, or `ok` when nothing is wrong with it. */
export function auditItemSeverity(item: Pick<AuditItem, "findings">): Severity | "ok" {
  return item.findings[0]?.severity ?? "ok";
}

/** How an item's version column reads: the locked versions, and "unpinned" where a requirement pins none. */
export function describeLockedVersions(item: Pick<AuditItem, "versions" | "unpinned">): string {
  return [...item.versions, ...(item.unpinned ? ["unpinned"] : [])].join(", ");
}
