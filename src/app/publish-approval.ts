import type { ApprovalState } from "../approval/approval-state.js";
import { describePolicy } from "../approval/authorise.js";
import { decideApproval, type ApprovalContext } from "../approval/decide-approval.js";
import { ownAppId } from "../github/app-id.js";
import { formatExternalId } from "../github/external-id.js";
import { findPreviousApprovalState } from "../github/find-previous-approval-state.js";
import type { PullRequestRef } from "../github/pull-request.js";
import { createApprovalRun, updateApprovalRun } from "../github/write-approval-run.js";
import { renderApprovalCheck, renderApprovalError, renderApprovalSection } from "../report/render-approval.js";
import type { Evaluated, Site } from "./evaluate-pull-request.js";

export interface ApprovalHistory {
  /** The head before this push, when the event names it. */
  before?: string;
  /** Whether earlier commits may hold an approval (false for a pull request just opened). */
  history: boolean;
  /** Who pushed this head (the sender of a `synchronize` event). */
  pusher?: string;
}

export interface PostedApproval {
  runId: number;
  state: ApprovalState;
  /** The state it was decided from (for the history: an approval this evaluation invalidated). */
  previous: ApprovalState | undefined;
  /** The comment's approval section. */
  section: string;
}

/** Is there anything for QA to approve — a checked change, or a changed record — and must QA approve it? */
export function approvalContext(evaluated: Evaluated): ApprovalContext {
  const { evaluation, policy } = evaluated;
  return {
    digest: evaluation.digest,
    needed: evaluation.changes.some((c) => c.inScope) || evaluation.changedRecords.length > 0,
    required: policy.config.approval.required,
  };
}

/**
 * The `SOUP approval` run of one evaluation: the approval state carried from the previous state when the
 * digest is unchanged, invalidated when it changed, posted completed at the head.
 */
export async function postApprovalCheck(site: Site, pr: PullRequestRef, evaluated: Evaluated, lookup: ApprovalHistory): Promise<PostedApproval> {
  const { octokit, repo } = site;
  const context = approvalContext(evaluated);
  // With nothing to approve, or no approval required, no earlier state can matter.
  const previous = context.needed && context.required ? await findPreviousApprovalState(octokit, repo, { appId: await ownAppId(octokit), pr: pr.number, head: pr.headSha, ...lookup }) : undefined;
  const decided = decideApproval(previous, context);
  // The head's pusher is an author when QA comes to approve; a re-run, which names no pusher, keeps the one known.
  const pushedBy = lookup.pusher ?? previous?.pushedBy;
  const state = pushedBy && context.needed && context.required ? { ...decided, pushedBy } : decided;
  const who = describePolicy(evaluated.policy.config.approval);
  const runId = await createApprovalRun(octokit, repo, pr.headSha, formatExternalId(pr.number, state.digest), renderApprovalCheck(state, evaluated.evaluation, who));
  return { runId, state, previous, section: renderApprovalSection(state, who) };
}

/**
 * The evaluation failed: the approval run fails too, never missing-but-green nor in progress. The run this
 * evaluation already posted is completed as a failure; otherwise a failed one is created.
 */
export async function failApprovalCheck(site: Site, pr: PullRequestRef, runId: number | undefined, reason: string): Promise<void> {
  const { octokit, repo } = site;
  const output = renderApprovalError(reason);
  if (runId === undefined) await createApprovalRun(octokit, repo, pr.headSha, formatExternalId(pr.number), output);
  else await updateApprovalRun(octokit, repo, runId, formatExternalId(pr.number), output);
}
