import { describeVersions } from "../report/describe-change.js";
import { renderCsv } from "../report/csv.js";
import type { ChainedEntry, HistoryChange, HistoryEntry, HistoryFinding } from "./entry.js";

const HEADER = [
  "Seq", "Time (UTC)", "Kind", "Repository", "Pull request", "Title", "Actor", "Head commit", "Base commit", "Conclusion",
  "Changes", "Findings", "Command", "Via", "Approver", "Basis", "Reason", "Digest", "New digest", "Approved commit",
  "Check run", "Policy blob", "Delivery", "Hash",
];

/**
 * History entries for a spreadsheet, one row per entry, oldest first: the same CSV as `audit` (RFC 4180,
 * CRLF, UTF-8 with a byte-order mark, formula guard). A column that does not apply to an entry's kind is
 * empty; the changes and findings of an evaluation are one line each inside their cell.
 */
export function renderHistoryCsv(entries: readonly ChainedEntry[]): string {
  return renderCsv([HEADER, ...entries.map(({ seq, hash, entry }) => row(seq, hash, entry))]);
}

function row(seq: number, hash: string, entry: HistoryEntry): string[] {
  const cells: Record<(typeof HEADER)[number], string | number | null | undefined> = {
    Seq: seq,
    "Time (UTC)": utc(entry.at),
    Kind: entry.kind,
    Repository: entry.repository,
    "Pull request": entry.pullRequest,
    Actor: entry.actor,
    "Head commit": entry.headSha,
    Delivery: entry.delivery,
    Hash: hash,
  };
  switch (entry.kind) {
    case "evaluation":
      Object.assign(cells, {
        Title: entry.pullRequestTitle,
        "Base commit": entry.baseSha,
        Conclusion: entry.conclusion,
        Changes: entry.changes.map(describeChange).join("\n"),
        Findings: entry.findings.map(describeFinding).join("\n"),
        Digest: entry.digest,
        "Check run": entry.checkRunUrl,
        "Policy blob": entry.policyBlob,
      });
      break;
    case "approval":
      Object.assign(cells, { Via: entry.via, Approver: entry.actor, Basis: entry.basis, Reason: entry.reason, Digest: entry.digest, "Check run": entry.checkRunUrl });
      break;
    case "refusal":
      Object.assign(cells, { Command: entry.command, Via: entry.via, Reason: entry.reason, Digest: entry.digest });
      break;
    case "revocation":
      Object.assign(cells, { Via: entry.via, Reason: entry.reason, Digest: entry.digest });
      break;
    case "invalidation":
      Object.assign(cells, { Approver: entry.approver, Digest: entry.fromDigest, "New digest": entry.toDigest, "Approved commit": entry.approvedCommit });
      break;
  }
  return HEADER.map((column) => String(cells[column] ?? ""));
}

/** `pypi timm 1.0.22 → 1.0.24, services/inference/requirements_lock.txt:2, record docs/soup/timm.md` */
function describeChange(change: HistoryChange): string {
  const record = change.record ? `record ${change.record}` : "no record";
  return `${change.ecosystem} ${change.name} ${describeVersions(change)}, ${change.lockfile}:${change.line}, ${record}`;
}

function describeFinding(finding: HistoryFinding): string {
  const where = finding.path ? ` (${finding.path}${finding.line ? `:${finding.line}` : ""})` : "";
  return `${finding.severity} ${finding.code}: ${finding.message}${where}`;
}

function utc(at: string): string {
  const time = new Date(at);
  return Number.isNaN(time.getTime()) ? at : time.toISOString();
}
