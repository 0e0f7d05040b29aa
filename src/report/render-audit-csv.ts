import type { Audit } from "../core/audit-commit.js";
import { describeLockedVersions } from "./audit-status.js";
import { describeItemAnomalies } from "./describe-item-anomalies.js";
import { renderCsv } from "./csv.js";

const HEADER = ["Ecosystem", "Package", "Title", "Manufacturer", "Locked versions", "Licence", "Last review", "Status", "Record", "Lockfiles", "Findings", "Anomalies"];

/**
 * The SOUP list for a spreadsheet: RFC 4180 (quoted where needed, CRLF line ends, a header row), UTF-8
 * with a byte-order mark so Excel reads accents in manufacturers' names, and no cell that a spreadsheet
 * would run as a formula. Orphan records follow the items, with status `orphan-record`.
 */
export function renderAuditCsv(audit: Audit): string {
  const rows: string[][] = [HEADER];
  for (const item of audit.items) {
    const record = item.record;
    rows.push([
      item.ecosystem,
      item.name,
      record?.title ?? "",
      record?.manufacturer ?? "",
      describeLockedVersions(item),
      record?.license ?? item.license ?? "",
      record?.lastReviewDate ?? "",
      item.status,
      record?.path ?? "",
      [...new Set(item.locations.map((l) => `${l.lockfile}:${l.line}`))].join("\n"),
      item.findings.map((f) => `${f.code}: ${f.message}`).join("\n"),
      describeItemAnomalies(item, audit.anomalies.state !== "off", false).join("\n"),
    ]);
  }
  for (const record of audit.orphans) {
    const finding = audit.findings.find((f) => f.code === "orphan-record" && f.path === record.path);
    rows.push([
      record.ecosystem ?? "",
      [...record.packages, ...record.aliases].join(", "),
      record.title ?? "",
      record.manufacturer ?? "",
      "",
      record.license ?? "",
      record.lastReviewDate ?? "",
      "orphan-record",
      record.path,
      "",
      finding ? `${finding.code}: ${finding.message}` : "",
      "",
    ]);
  }
  return renderCsv(rows);
}
