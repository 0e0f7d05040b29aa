import type { Audit } from "../core/audit-commit.js";
import { describeLockedVersions } from "./audit-status.js";
import { csvCell } from "./csv.js";
import { describeItemAnomalies } from "./describe-item-anomalies.js";
import { joinLines } from "./join-lines.js";

const HEADER = ["Ecosystem", "Package", "Title", "Manufacturer", "Locked versions", "Licence", "Last review", "Status", "Record", "Lockfiles", "Findings", "Anomalies"];

/**
 * The SOUP list for a spreadsheet: RFC 4180 (quoted where needed, CRLF line ends, a header row), UTF-8
 * with a byte-order mark so Excel reads accents in manufacturers' names, and no cell that a spreadsheet
 * would run as a formula. Orphan records follow the items, with status `orphan-record`.
 */
export function renderAuditCsv(audit: Audit): string {
  return [...renderAuditCsvChunks(audit)].join("");
}

/** The same CSV in pieces, for the command line to write as it goes. */
export function renderAuditCsvChunks(audit: Audit): Generator<string> {
  return joinLines(csvLines(audit), "\r\n");
}

function* csvLines(audit: Audit): Generator<string> {
  const line = (row: string[]) => row.map(csvCell).join(",");
  yield `\uFEFF${line(HEADER)}`;
  for (const item of audit.items) {
    const record = item.record;
    yield line([
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
  const orphanFindings = new Map(audit.findings.filter((f) => f.code === "orphan-record").reverse().map((f) => [f.path, f]));
  for (const record of audit.orphans) {
    const finding = orphanFindings.get(record.path);
    yield line([
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
  yield "";
}
