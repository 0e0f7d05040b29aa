import type { ApprovalVia } from "../approval/approval-state.js";
import type { Change, FindingCode, Severity } from "../types.js";

/**
 * One decision in the audit trail: what an auditor asks for about a SOUP item — every version it had, the
 * pull request that moved it, what the check said then, who approved it and when. Entries are plain data,
 * written once and never changed; `chain.ts` numbers and hashes them.
 */
export type HistoryEntry = EvaluationEntry | ApprovalEntry | RefusalEntry | RevocationEntry | InvalidationEntry;
export type HistoryEntryKind = HistoryEntry["kind"];

/** What every entry holds: when, who, which delivery, and the pull request it is about. */
export interface EntryBase {
  /** ISO timestamp, the clock read once for the event. */
  at: string;
  /** GitHub login of the person who acted, or `soup-gate` for the App itself. */
  actor: string;
  /** `X-GitHub-Delivery` of the webhook that caused it; null when no delivery did (a resumed job). */
  delivery: string | null;
  /** `owner/name`. */
  repository: string;
  pullRequest: number;
  headSha: string;
}

export interface HistoryFinding {
  code: FindingCode;
  severity: Severity;
  message: string;
  path?: string;
  line?: number;
}

/** A checked change as the audit keeps it: where and what it moved, and what the gate found about it. */
export interface HistoryChange extends Pick<Change, "ecosystem" | "name" | "kind" | "from" | "to" | "lockfile" | "line"> {
  /** The record that covers it, and that file's blob sha at the evaluated commit. */
  record: string | null;
  recordBlob: string | null;
  findings: HistoryFinding[];
}

/** A completed `SOUP records` run. */
export interface EvaluationEntry extends EntryBase {
  kind: "evaluation";
  pullRequestTitle: string;
  baseSha: string;
  digest: string;
  conclusion: "success" | "failure";
  /** The in-scope changes only: what the gate checked. */
  changes: HistoryChange[];
  /** Every finding of the evaluation (record, lockfile and policy findings included). */
  findings: HistoryFinding[];
  /** Blob sha of `.github/soup.yml` on the default branch; null when there is none (defaults applied). */
  policyBlob: string | null;
  checkRunUrl: string | null;
}

/** An accepted approval of the digest, through one of the three ways. */
export interface ApprovalEntry extends EntryBase {
  kind: "approval";
  digest: string;
  via: ApprovalVia;
  /** Why the person may approve (`member of team qa`). */
  basis: string;
  reason: string | null;
  checkRunUrl: string | null;
}

/** An approve or revoke that was turned away, and why. */
export interface RefusalEntry extends EntryBase {
  kind: "refusal";
  digest: string;
  command: "approve" | "revoke";
  via: ApprovalVia;
  reason: string;
}

/** An approval withdrawn (`/soup revoke`, or the approving review dismissed). */
export interface RevocationEntry extends EntryBase {
  kind: "revocation";
  digest: string;
  via: ApprovalVia | "review-dismissed";
  reason: string | null;
}

/** A push changed what an approval covered: the approval no longer applies. */
export interface InvalidationEntry extends EntryBase {
  kind: "invalidation";
  /** The digest the approval was bound to, and the digest of the new head. */
  fromDigest: string;
  toDigest: string;
  approver: string;
  approvedCommit: string;
}

/** An entry as stored: numbered 1, 2, 3… without gaps, chained to the previous entry by its hash. */
export interface ChainedEntry {
  seq: number;
  /** sha256 hex of (previous entry's hash ‖ canonical JSON of { seq, entry }); the first entry's previous hash is 64 zeros. */
  hash: string;
  entry: HistoryEntry;
}

/** The chain head: written into each `SOUP records` run as GitHub's independent witness. */
export interface ChainHead {
  seq: number;
  hash: string;
}
