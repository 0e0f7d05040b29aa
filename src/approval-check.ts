import { describePolicy } from "./approval/authorise.js";
import { decideApproval } from "./approval/decide-approval.js";
import type { ApprovalMark } from "./approval/approval-mark.js";
import type { Evaluated, Where } from "./evaluate-pull-request.js";
import { ownAppId } from "./github/app-id.js";
import { findPreviousMark } from "./github/find-previous-mark.js";
import type { PullRequestRef } from "./github/pull-request.js";
import { createApprovalRun, updateApprovalRun } from "./github/write-approval-run.js";
import { renderApprovalCheck, renderApprovalError, renderApprovalSection } from "./report/render-approval.js";

export interface ApprovalHistory {
  /** The head before this push, when the event names it. */
  before?: string;
  /** Whether earlier commits may hold an approval (false for a pull request just opened). */
  history: boolean;
}

export interface PostedApproval {
  runId: number;
  mark: ApprovalMark;
  /** The comment's approval section. */
  section: string;
}

/** Is there anything for QA to approve: a checked change, or a changed record? */
export function approvalContext(evaluated: Evaluated) {
  const { evaluation, policy } = evaluated;
  return {
    digest: evaluation.digest,
    needed: evaluation.changes.some((c) => c.inScope) || evaluation.changedRecords.length > 0,
    required: policy.config.approval.required,
  };
}

/**
 * The `SOUP approval` run of one evaluation (SPEC §7): the approval state carried from the previous mark
 * when the digest is unchanged, invalidated when it changed, posted completed at the head.
 */
export async function postApprovalCheck(where: Where, pr: PullRequestRef, evaluated: Evaluated, lookup: ApprovalHistory): Promise<PostedApproval> {
  const { octokit, repo } = where;
  const context = approvalContext(evaluated);
  // With nothing to approve, or no approval required, no earlier state can matter.
  const previous = context.needed && context.required ? await findPreviousMark(octokit, repo, { appId: await ownAppId(octokit), pr: pr.number, head: pr.headSha, ...lookup }) : undefined;
  const mark = decideApproval(previous, context);
  const who = describePolicy(evaluated.policy.config.approval);
  const runId = await createApprovalRun(octokit, repo, pr.headSha, `${pr.number}:${mark.digest}`, renderApprovalCheck(mark, evaluated.evaluation, who));
  return { runId, mark, section: renderApprovalSection(mark, who) };
}

/**
 * The evaluation failed: the approval run fails too, never missing-but-green nor in progress. The run this
 * evaluation already posted is completed as a failure; otherwise a failed one is created.
 */
export async function failApprovalCheck(where: Where, pr: PullRequestRef, runId: number | undefined, reason: string): Promise<void> {
  const { octokit, repo } = where;
  const output = renderApprovalError(reason);
  if (runId === undefined) await createApprovalRun(octokit, repo, pr.headSha, String(pr.number), output);
  else await updateApprovalRun(octokit, repo, runId, String(pr.number), output);
}
