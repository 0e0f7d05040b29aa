import type { ApprovalState, ApprovalVia } from "../approval/approval-state.js";
import type { Command } from "../approval/record-attempt.js";
import type { PullRequestRef } from "../github/pull-request.js";
import type { ApprovalEntry, EntryBase, EvaluationEntry, HistoryChange, HistoryFinding, InvalidationEntry, RefusalEntry, RevocationEntry } from "../history/entry.js";
import type { Finding } from "../types.js";
import type { Evaluated, Site } from "./evaluate-pull-request.js";

/** The App itself, as the actor of what it decides on its own (an evaluation, an invalidation). */
export const APP_ACTOR = "soup-gate";

/** What every entry of one event says about where it happened. */
export interface EventFacts {
  site: Site;
  /** `X-GitHub-Delivery`. */
  delivery: string | null;
  at: Date;
}

function base(facts: EventFacts, pr: { number: number; headSha: string }, actor: string): EntryBase {
  const { repo } = facts.site;
  return { at: facts.at.toISOString(), actor, delivery: facts.delivery, repository: `${repo.owner}/${repo.repo}`, pullRequest: pr.number, headSha: pr.headSha };
}

/** Where a check run opens in the browser. */
export function checkRunUrl(site: Site, runId: number): string {
  return `${site.htmlUrl}/runs/${runId}`;
}

function finding(f: Finding): HistoryFinding {
  return { code: f.code, severity: f.severity, message: f.message, ...(f.path !== undefined ? { path: f.path } : {}), ...(f.line !== undefined ? { line: f.line } : {}) };
}

/**
 * A completed evaluation: its in-scope changes with the blob of the record that covers each (read from
 * the tree the evaluation already holds, so no request of its own), and every finding.
 */
export async function evaluationEntry(facts: EventFacts, pr: PullRequestRef, evaluated: Evaluated, runId: number): Promise<EvaluationEntry> {
  const { evaluation } = evaluated;
  const inScope = evaluation.changes.filter((c) => c.inScope);
  const recordsAt = evaluated.records?.snapshot ?? evaluated.head;
  const blobs = inScope.some((c) => c.record) ? new Map((await recordsAt.files()).map((e) => [e.path, e.sha])) : new Map<string, string>();
  const changes: HistoryChange[] = inScope.map((c) => ({
    ecosystem: c.ecosystem,
    name: c.name,
    kind: c.kind,
    from: c.from,
    to: c.to,
    lockfile: c.lockfile,
    line: c.line,
    record: c.record ?? null,
    recordBlob: (c.record && blobs.get(c.record)) || null,
    findings: c.findings.map(finding),
  }));
  return {
    kind: "evaluation",
    ...base(facts, pr, APP_ACTOR),
    pullRequestTitle: pr.title ?? "",
    baseSha: pr.baseSha,
    digest: evaluation.digest,
    conclusion: evaluation.conclusion,
    changes,
    findings: evaluation.findings.map(finding),
    policyBlob: evaluated.policy.blob ?? null,
    checkRunUrl: checkRunUrl(facts.site, runId),
  };
}

/**
 * A new digest where an approval was bound to another, while QA approval is still needed: the approval no
 * longer applies ("Approval invalidated by new changes").
 */
export function invalidationEntry(facts: EventFacts, pr: PullRequestRef, previous: ApprovalState | undefined, next: ApprovalState): InvalidationEntry | undefined {
  if (previous?.state !== "approved" || !previous.approver || !previous.commit || previous.digest === next.digest || next.state !== "pending") return undefined;
  return { kind: "invalidation", ...base(facts, pr, APP_ACTOR), fromDigest: previous.digest, toDigest: next.digest, approver: previous.approver, approvedCommit: previous.commit };
}

export interface AttemptFacts {
  number: number;
  headSha: string;
  login: string;
  via: ApprovalVia;
  digest: string;
  reason?: string;
}

export function approvalEntry(facts: EventFacts, attempt: AttemptFacts, basis: string, runId: number): ApprovalEntry {
  return { kind: "approval", ...base(facts, attempt, attempt.login), digest: attempt.digest, via: attempt.via, basis, reason: attempt.reason ?? null, checkRunUrl: checkRunUrl(facts.site, runId) };
}

export function refusalEntry(facts: EventFacts, attempt: AttemptFacts, command: Command, reason: string): RefusalEntry {
  return { kind: "refusal", ...base(facts, attempt, attempt.login), digest: attempt.digest, command, via: attempt.via, reason };
}

export function revocationEntry(facts: EventFacts, attempt: Omit<AttemptFacts, "via">, via: RevocationEntry["via"]): RevocationEntry {
  return { kind: "revocation", ...base(facts, attempt, attempt.login), digest: attempt.digest, via, reason: attempt.reason ?? null };
}
