import type { AuditItem } from "../policy/group-audit-items.js";
import type { Severity } from "../types.js";
import { FINDING_HELP } from "./finding-help.js";

/** What a reader of the SOUP list sees in the status column: a draft reads "review pending", not just "invalid". */
export function auditStatusLabel(item: Pick<AuditItem, "status" | "record">): string {
  if (item.status === "covered") return "covered";
  if (item.status === "record-invalid" && item.record && item.record.lastReviewDate === undefined) return "invalid record (review pending)";
  return FINDING_HELP[item.status].status;
}

/** The item's worst severity, or `ok` when nothing is wrong with it. */
export function auditItemSeverity(item: Pick<AuditItem, "findings">): Severity | "ok" {
  return item.findings[0]?.severity ?? "ok";
}

/** How an item's version column reads: the locked versions, and "unpinned" where a requirement pins none. */
export function describeLockedVersions(item: Pick<AuditItem, "versions" | "unpinned">): string {
  return [...item.versions, ...(item.unpinned ? ["unpinned"] : [])].join(", ");
}
