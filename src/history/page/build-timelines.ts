import { nameKey, packageKey } from "../../names.js";
import type { Ecosystem } from "../../types.js";
import type { ApprovalEntry, ChainedEntry, EvaluationEntry, HistoryChange, InvalidationEntry, RevocationEntry } from "../entry.js";
import { compareText } from "../../text/compare-text.js";

/** One evaluation of a pull request, as it concerned the package. */
export interface TimelineCheck {
  seq: number;
  at: string;
  headSha: string;
  conclusion: EvaluationEntry["conclusion"];
  change: HistoryChange;
  checkRunUrl: string | null;
}

export type ApprovalStanding =
  | { state: "approved"; entry: ApprovalEntry }
  | { state: "revoked"; entry: RevocationEntry }
  | { state: "invalidated"; entry: InvalidationEntry | undefined }
  | { state: "none" };

/** One pull request that moved the package: what it changed, what the check said each time, who decided what. */
export interface TimelineStep {
  repository: string;
  pullRequest: number;
  title: string;
  /** The change as of the latest evaluation. */
  change: HistoryChange;
  checks: TimelineCheck[];
  /** Approvals, refusals, revocations and invalidations of the pull request, oldest first. */
  decisions: ChainedEntry[];
  standing: ApprovalStanding;
}

/** Every pull request that moved one package in one repository, in the order they were first checked. */
export interface Timeline {
  repository: string;
  ecosystem: Ecosystem;
  name: string;
  steps: TimelineStep[];
}

const DECISIONS = new Set(["approval", "refusal", "revocation", "invalidation"]);

/**
 * The per-package timelines of the evaluations that name `packageName` (its spelling compared per
 * ecosystem, PyPI names PEP 503-normalised), with the decisions taken on the same pull requests.
 */
export function buildTimelines(entries: readonly ChainedEntry[], packageName: string): Timeline[] {
  const timelines = new Map<string, Timeline>();
  const steps = new Map<string, TimelineStep>();
  const decisions = new Map<string, ChainedEntry[]>();
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  for (const chained of sorted) {
    const entry = chained.entry;
    const pr = `${entry.repository.toLowerCase()}#${entry.pullRequest}`;
    if (DECISIONS.has(entry.kind)) {
      decisions.set(pr, [...(decisions.get(pr) ?? []), chained]);
      continue;
    }
    if (entry.kind !== "evaluation") continue;
    for (const change of entry.changes) {
      if (nameKey(change.ecosystem, change.name) !== nameKey(change.ecosystem, packageName)) continue;
      const key = `${entry.repository.toLowerCase()}\0${packageKey(change.ecosystem, change.name)}`;
      let timeline = timelines.get(key);
      if (!timeline) timelines.set(key, (timeline = { repository: entry.repository, ecosystem: change.ecosystem, name: change.name, steps: [] }));
      const stepKey = `${key}\0${entry.pullRequest}`;
      const check: TimelineCheck = { seq: chained.seq, at: entry.at, headSha: entry.headSha, conclusion: entry.conclusion, change, checkRunUrl: entry.checkRunUrl };
      const step = steps.get(stepKey);
      if (step) {
        step.checks.push(check);
        step.change = change;
        step.title = entry.pullRequestTitle;
      } else {
        const created: TimelineStep = { repository: entry.repository, pullRequest: entry.pullRequest, title: entry.pullRequestTitle, change, checks: [check], decisions: [], standing: { state: "none" } };
        steps.set(stepKey, created);
        timeline.steps.push(created);
      }
    }
  }
  const lastDigest = new Map<string, string>();
  for (const { entry } of sorted) if (entry.kind === "evaluation") lastDigest.set(`${entry.repository.toLowerCase()}#${entry.pullRequest}`, entry.digest);
  for (const step of steps.values()) {
    const pr = `${step.repository.toLowerCase()}#${step.pullRequest}`;
    step.decisions = decisions.get(pr) ?? [];
    step.standing = standing(step.decisions, lastDigest.get(pr));
  }
  return [...timelines.values()].sort((a, b) => compareText(a.repository, b.repository) || compareText(a.ecosystem, b.ecosystem));
}

/**
 * Where the approval stands after the last decision: an approval counts only for the digest of the
 * pull request's latest evaluation — an approval of an earlier state no longer covers what was checked.
 */
function standing(decisions: readonly ChainedEntry[], digest: string | undefined): ApprovalStanding {
  for (let i = decisions.length - 1; i >= 0; i--) {
    const entry = decisions[i]!.entry;
    if (entry.kind === "approval") return entry.digest === digest ? { state: "approved", entry } : { state: "invalidated", entry: undefined };
    if (entry.kind === "revocation") return { state: "revoked", entry };
    if (entry.kind === "invalidation") return { state: "invalidated", entry };
  }
  return { state: "none" };
}
