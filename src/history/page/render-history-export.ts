import { renderCsv as renderCsvRows } from "../../report/csv.js";
import type { ChainedEntry, HistoryEntry } from "../entry.js";

export type ExportFormat = "csv" | "json";

export interface RenderedExport {
  body: string;
  contentType: string;
}

/**
 * The download of the filtered view. It must read exactly like `soup-gate history export`, so that an
 * auditor gets the same file from the page and from the command line: this one function is where the
 * page takes the command's renderer.
 */
export function renderHistoryExport(entries: readonly ChainedEntry[], format: ExportFormat): RenderedExport {
  if (format === "json") return { body: `${JSON.stringify(entries, null, 2)}\n`, contentType: "application/json; charset=utf-8" };
  return { body: renderCsv(entries), contentType: "text/csv; charset=utf-8" };
}

const HEADER = ["Entry", "Hash", "Time", "Kind", "Repository", "Pull request", "Head", "Actor", "Delivery", "Outcome", "Digest", "Changes", "Findings", "Via", "Basis", "Reason", "Check run"];

function renderCsv(entries: readonly ChainedEntry[]): string {
  const rows = [HEADER, ...entries.map(({ seq, hash, entry }) => [String(seq), hash, entry.at, entry.kind, entry.repository, String(entry.pullRequest), entry.headSha, entry.actor, entry.delivery ?? "", ...details(entry)])];
  return renderCsvRows(rows);
}

/** Outcome, digest, changes, findings, via, basis, reason, check run. */
function details(entry: HistoryEntry): string[] {
  switch (entry.kind) {
    case "evaluation":
      return [
        entry.conclusion,
        entry.digest,
        entry.changes.map((c) => `${c.ecosystem} ${c.name} ${c.from ?? "(none)"} -> ${c.to ?? "(none)"}`).join("\n"),
        entry.findings.map((f) => `${f.code}: ${f.message}`).join("\n"),
        "",
        "",
        "",
        entry.checkRunUrl ?? "",
      ];
    case "approval":
      return ["approved", entry.digest, "", "", entry.via, entry.basis, entry.reason ?? "", entry.checkRunUrl ?? ""];
    case "refusal":
      return [`${entry.command} refused`, entry.digest, "", "", entry.via, "", entry.reason, ""];
    case "revocation":
      return ["revoked", entry.digest, "", "", entry.via, "", entry.reason ?? "", ""];
    case "invalidation":
      return [`approval by ${entry.approver} at ${entry.approvedCommit} invalidated`, `${entry.fromDigest} -> ${entry.toDigest}`, "", "", "", "", "", ""];
  }
}
