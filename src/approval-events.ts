import type { Context } from "probot";
import { approvalContext } from "./approval-check.js";
import { describePolicy } from "./approval/authorise.js";
import { decideApproval } from "./approval/decide-approval.js";
import { parseCommand } from "./approval/parse-command.js";
import { nothingToDo, recordApproval, recordRefusal, recordRevocation } from "./approval/record-attempt.js";
import { toIsoDate } from "./core/dates.js";
import { evaluatePullRequest, writeComment, type Where } from "./evaluate-pull-request.js";
import { queueKey, type EventDeps } from "./event-deps.js";
import { ownAppId } from "./github/app-id.js";
import { listApprovalRuns, pullRequestOf } from "./github/approval-runs.js";
import { loadPolicy } from "./github/load-policy.js";
import { getPullRequest } from "./github/pull-request.js";
import { reactToComment, type Reaction } from "./github/react-to-comment.js";
import { retrySecondaryRateLimits } from "./github/retry-secondary-rate-limits.js";
import { updateApprovalRun } from "./github/write-approval-run.js";
import { judgeAttempt, type Attempt } from "./judge-attempt.js";
import { APPROVAL_CHECK_NAME, APPROVE_ACTION, renderApprovalCheck, renderApprovalSection } from "./report/render-approval.js";

type ApprovalEvent = "check_run.requested_action" | "pull_request_review.submitted" | "issue_comment.created";

interface Request extends Attempt {
  number: number;
  reason?: string;
  /** The comment that carried a `/soup` command, to acknowledge with a reaction. */
  commentId?: number;
}

/** What became of an attempt: the reaction that acknowledges a command, and why. */
interface Outcome {
  result: "accepted" | "refused" | "nothing to do";
  why: string;
}

const REACTION: Record<Outcome["result"], Reaction> = { accepted: "+1", refused: "-1", "nothing to do": "confused" };
const MAX_REASON = 280;

/**
 * The three ways to approve (SPEC §7) — the Approve button, an approving review, `/soup approve` — and
 * `/soup revoke`. Each is judged against GitHub at that moment and written to the head's `SOUP approval`
 * run, the only place approval state lives; the comment is refreshed from a new evaluation. Nothing here
 * writes a comment of its own or reacts to a bot, so no event it causes can start it again.
 */
export function createApprovalEvents(deps: EventDeps) {
  return {
    requestedAction: async (context: Context<"check_run.requested_action">) => {
      const { check_run: run, requested_action: action, sender } = context.payload;
      if (run.name !== APPROVAL_CHECK_NAME || action?.identifier !== APPROVE_ACTION.identifier) return;
      // A fork's run lists no pull request; ours names it in the external id.
      const number = pullRequestOf(run.external_id);
      if (number === undefined) return context.log.warn({ run: run.id }, `Approve clicked on a ${APPROVAL_CHECK_NAME} run without a pull request number`);
      await attempt(context, deps, { number, command: "approve", login: sender.login, isBot: sender.type === "Bot", via: "button", target: run.head_sha });
    },
    reviewSubmitted: async (context: Context<"pull_request_review.submitted">) => {
      const { review, pull_request: pr, sender } = context.payload;
      if (review.state.toLowerCase() !== "approved") return;
      const login = review.user?.login ?? sender.login;
      const reason = review.body?.trim().split("\n")[0]?.slice(0, MAX_REASON);
      await attempt(context, deps, { number: pr.number, command: "approve", login, isBot: sender.type === "Bot" || review.user?.type === "Bot", via: "review", target: review.commit_id, ...(reason ? { reason } : {}) });
    },
    commentCreated: async (context: Context<"issue_comment.created">) => {
      const { issue, comment, sender } = context.payload;
      // Comments by bots — soup-gate's own included — are never commands.
      if (!issue.pull_request || comment.user?.type === "Bot" || sender.type === "Bot") return;
      const command = parseCommand(comment.body ?? "");
      if (!command) return;
      const login = comment.user?.login ?? sender.login;
      const reason = command.reason?.slice(0, MAX_REASON);
      await attempt(context, deps, { number: issue.number, command: command.command, login, isBot: false, via: "comment", commentId: comment.id, ...(reason ? { reason } : {}) });
    },
  };
}

async function attempt(context: Context<ApprovalEvent>, deps: EventDeps, request: Request): Promise<void> {
  const at = deps.now();
  retrySecondaryRateLimits(context.octokit, deps.retry);
  const where: Where = { octokit: context.octokit, repo: context.repo(), htmlUrl: context.payload.repository.html_url };
  const outcome = await deps.queue.run(queueKey(where.repo, request.number), () => judgeAndRecord(context, where, request, at, deps));
  context.log.info({ pr: request.number, login: request.login, via: request.via, command: request.command, result: outcome.result }, `${APPROVAL_CHECK_NAME}: ${request.command} by @${request.login} (${request.via}) ${outcome.result}: ${outcome.why}`);
  // Last, and a courtesy only: the check run and the comment already say what happened.
  if (request.commentId !== undefined) await reactToComment(where.octokit, where.repo, request.commentId, REACTION[outcome.result]);
}

async function judgeAndRecord(context: Context<ApprovalEvent>, where: Where, request: Request, at: Date, deps: EventDeps): Promise<Outcome> {
  const { octokit, repo } = where;
  // The pull request and its approval state as they are now, never as the payload remembers them.
  const pr = await getPullRequest(octokit, repo, request.number);
  if (!pr.open) return { result: "refused", why: `pull request #${pr.number} is closed` };
  const [run] = await listApprovalRuns(octokit, repo, pr.headSha, await ownAppId(octokit), pr.number);
  if (!run?.mark) return { result: "refused", why: `soup-gate has no evaluation of the head ${pr.headSha.slice(0, 7)} to approve (not evaluated yet, or the evaluation failed): wait for the ${APPROVAL_CHECK_NAME} check, or re-run it` };
  const idle = nothingToDo(run.mark, request.command);
  if (idle) return { result: "nothing to do", why: idle };

  const policy = await loadPolicy(context);
  const verdict = await judgeAttempt(where, request, { number: pr.number, headSha: pr.headSha, author: pr.author, policy: policy.config.approval, ownerIsOrganisation: context.payload.repository.owner.type === "Organization" });
  const facts = { login: request.login, via: request.via, at: at.toISOString(), ...(request.reason ? { reason: request.reason } : {}) };
  const next = !verdict.ok
    ? recordRefusal(run.mark, { ...facts, reason: verdict.reason })
    : request.command === "approve"
      ? recordApproval(run.mark, { ...facts, basis: verdict.basis, commit: pr.headSha })
      : recordRevocation(run.mark, facts);

  // The run and the comment are rendered from a fresh evaluation; should the digest have moved meanwhile
  // (the policy or a records repository changed), the approval does not stretch to cover it.
  const evaluated = await evaluatePullRequest(where, pr, policy, toIsoDate(at), deps.blobs);
  const mark = decideApproval(next, approvalContext(evaluated));
  const who = describePolicy(policy.config.approval);
  await updateApprovalRun(octokit, repo, run.id, `${pr.number}:${mark.digest}`, renderApprovalCheck(mark, evaluated.evaluation, who));
  await writeComment(where, pr, evaluated, renderApprovalSection(mark, who));
  return verdict.ok ? { result: "accepted", why: verdict.basis } : { result: "refused", why: verdict.reason };
}
