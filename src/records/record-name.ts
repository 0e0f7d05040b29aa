import type { SoupRecord } from "../types.js";

/** How a message names a record: its file, or the row of a SOUP list (`docs/soup-list.md (line 14)`). */
export function recordName(record: Pick<SoupRecord, "path" | "row">): string {
  return record.row === undefined ? record.path : `${record.path} (line ${record.row})`;
}

/** What tells records apart: a file, or one row of a SOUP list file. */
export function recordKey(record: Pick<SoupRecord, "path" | "row">): string {
  return record.row === undefined ? record.path : `${record.path}#L${record.row}`;
}
