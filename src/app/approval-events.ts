import type { Context } from "probot";
import type { ApprovalState } from "../approval/approval-state.js";
import { describePolicy } from "../approval/authorise.js";
import { decideApproval } from "../approval/decide-approval.js";
import { parseCommand } from "../approval/parse-command.js";
import { nothingToDo, recordApproval, recordRefusal, recordRevocation } from "../approval/record-attempt.js";
import { toIsoDate } from "../core/dates.js";
import { ownAppId } from "../github/app-id.js";
import { listApprovalRuns, type ApprovalRun } from "../github/approval-runs.js";
import { formatExternalId, parseExternalId } from "../github/external-id.js";
import { loadPolicy, type Policy } from "../github/load-policy.js";
import { getPullRequest, type PullRequestRef } from "../github/pull-request.js";
import { reactToComment, type Reaction } from "../github/react-to-comment.js";
import { updateApprovalRun } from "../github/write-approval-run.js";
import { APPROVAL_CHECK_NAME, APPROVE_ACTION, renderApprovalCheck, renderApprovalSection } from "../report/render-approval.js";
import type { AppDeps } from "./app-deps.js";
import { evaluatePullRequest, siteOf, type Site } from "./evaluate-pull-request.js";
import { approvalEntry, invalidationEntry, refusalEntry, revocationEntry, type EventFacts } from "./history-entries.js";
import { judgeAttempt, type Attempt } from "./judge-attempt.js";
import { prepareEvent } from "./prepare-event.js";
import { approvalContext } from "./publish-approval.js";
import { queueKey } from "./pull-request-queue.js";
import { writeComment } from "./write-comment.js";

type ApprovalEvent = "check_run.requested_action" | "pull_request_review.submitted" | "issue_comment.created" | "pull_request_review.dismissed";

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
 * The three ways to approve — the Approve button, an approving review, `/soup approve` — and
 * `/soup revoke`. Each is judged against GitHub at that moment and written to the head's `SOUP approval`
 * run, the only place approval state lives; the comment is refreshed from a new evaluation. Nothing here
 * writes a comment of its own or reacts to a bot, so no event it causes can start it again.
 */
export function createApprovalEvents(deps: AppDeps) {
  return {
    requestedAction: prepareEvent(deps, async (context: Context<"check_run.requested_action">) => {
      const { check_run: run, requested_action: action, sender } = context.payload;
      if (run.name !== APPROVAL_CHECK_NAME || action?.identifier !== APPROVE_ACTION.identifier) return;
      // A fork's run lists no pull request; ours names it in the external id.
      const number = parseExternalId(run.external_id)?.pullRequest;
      if (number === undefined) return context.log.warn({ run: run.id }, `Approve clicked on a ${APPROVAL_CHECK_NAME} run without a pull request number`);
      await attempt(context, deps, { number, command: "approve", login: sender.login, isBot: sender.type === "Bot", via: "button", target: run.head_sha });
    }),
    reviewSubmitted: prepareEvent(deps, async (context: Context<"pull_request_review.submitted">) => {
      const { review, pull_request: pr, sender } = context.payload;
      if (review.state.toLowerCase() !== "approved") return;
      const login = review.user?.login ?? sender.login;
      const reason = review.body?.trim().split("\n")[0]?.slice(0, MAX_REASON);
      await attempt(context, deps, { number: pr.number, command: "approve", login, isBot: sender.type === "Bot" || review.user?.type === "Bot", via: "review", target: review.commit_id, ...(reason ? { reason } : {}) });
    }),
    commentCreated: prepareEvent(deps, async (context: Context<"issue_comment.created">) => {
      const { issue, comment, sender } = context.payload;
      // Comments by bots — soup-gate's own included — are never commands.
      if (!issue.pull_request || comment.user?.type === "Bot" || sender.type === "Bot") return;
      const command = parseCommand(comment.body ?? "");
      if (!command) return;
      const login = comment.user?.login ?? sender.login;
      const reason = command.reason?.slice(0, MAX_REASON);
      await attempt(context, deps, { number: issue.number, command: command.command, login, isBot: false, via: "comment", commentId: comment.id, ...(reason ? { reason } : {}) });
    }),
    /** A dismissed review takes back the approval it gave: whoever dismissed it revoked that approval. */
    reviewDismissed: prepareEvent(deps, async (context: Context<"pull_request_review.dismissed">) => {
      const { review, pull_request: pr, sender } = context.payload;
      if (!review.user) return;
      const at = deps.now();
      const site = siteOf(context);
      const dismissal = { number: pr.number, reviewer: review.user.login, commit: review.commit_id, by: sender.login };
      const why = await deps.queue.run(queueKey(site.repo, pr.number), () => withdrawReviewApproval(context, site, dismissal, at, deps));
      context.log.info({ pr: pr.number, reviewer: dismissal.reviewer, by: sender.login }, `${APPROVAL_CHECK_NAME}: review by @${dismissal.reviewer} dismissed by @${sender.login}: ${why}`);
    }),
  };
}

interface Dismissal {
  number: number;
  reviewer: string;
  /** The commit the dismissed review approved. */
  commit: string;
  by: string;
}

/** Revokes the head's approval when it is the one the dismissed review gave (same reviewer, same commit). */
async function withdrawReviewApproval(context: Context<ApprovalEvent>, site: Site, dismissal: Dismissal, at: Date, deps: AppDeps): Promise<string> {
  const pr = await getPullRequest(site.octokit, site.repo, dismissal.number);
  if (!pr.open) return `pull request #${pr.number} is closed`;
  const [run] = await listApprovalRuns(site.octokit, site.repo, pr.headSha, await ownAppId(site.octokit), pr.number);
  const state = run?.state;
  if (!run || state?.state !== "approved" || state.via !== "review" || state.approver?.toLowerCase() !== dismissal.reviewer.toLowerCase() || state.commit !== dismissal.commit) {
    return "the head's approval was not given by this review: nothing to withdraw";
  }
  const reason = `the approving review by @${dismissal.reviewer} was dismissed`;
  const next = recordRevocation(state, { login: dismissal.by, via: "review", at: at.toISOString(), reason });
  await publishAttempt(context, site, pr, await loadPolicy(context), run, next, at, deps);
  const facts: EventFacts = { site, delivery: context.id, at };
  await deps.history.append(revocationEntry(facts, { number: pr.number, headSha: pr.headSha, login: dismissal.by, digest: state.digest, reason }, "review-dismissed"), context.log);
  return "the approval it gave is withdrawn";
}

async function attempt(context: Context<ApprovalEvent>, deps: AppDeps, request: Request): Promise<void> {
  const at = deps.now();
  const site = siteOf(context);
  const outcome = await deps.queue.run(queueKey(site.repo, request.number), () => judgeAndRecord(context, site, request, at, deps));
  context.log.info({ pr: request.number, login: request.login, via: request.via, command: request.command, result: outcome.result }, `${APPROVAL_CHECK_NAME}: ${request.command} by @${request.login} (${request.via}) ${outcome.result}: ${outcome.why}`);
  // Last, and a courtesy only: the check run and the comment already say what happened.
  if (request.commentId !== undefined) await reactToComment(site.octokit, site.repo, request.commentId, REACTION[outcome.result]);
}

async function judgeAndRecord(context: Context<ApprovalEvent>, site: Site, request: Request, at: Date, deps: AppDeps): Promise<Outcome> {
  const { octokit, repo } = site;
  const facts: EventFacts = { site, delivery: context.id, at };
  const refuse = async (headSha: string, digest: string, why: string): Promise<Outcome> => {
    const attempt = { number: request.number, headSha, login: request.login, via: request.via, digest, ...(request.reason ? { reason: request.reason } : {}) };
    await deps.history.append(refusalEntry(facts, attempt, request.command, why), context.log);
    return { result: "refused", why };
  };
  // The pull request and its approval state as they are now, never as the payload remembers them.
  const pr = await getPullRequest(octokit, repo, request.number);
  if (!pr.open) return refuse(pr.headSha, "", `pull request #${pr.number} is closed`);
  const [run] = await listApprovalRuns(octokit, repo, pr.headSha, await ownAppId(octokit), pr.number);
  if (!run?.state) {
    const why = `soup-gate has no evaluation of the head ${pr.headSha.slice(0, 7)} to approve (not evaluated yet, or the evaluation failed): wait for the ${APPROVAL_CHECK_NAME} check, or re-run it`;
    return refuse(pr.headSha, parseExternalId(run?.externalId)?.digest ?? "", why);
  }
  const idle = nothingToDo(run.state, request.command);
  if (idle) return { result: "nothing to do", why: idle };

  const policy = await loadPolicy(context);
  const subject = { number: pr.number, headSha: pr.headSha, author: pr.author, policy: policy.config.approval, ownerIsOrganisation: context.payload.repository.owner.type === "Organization" };
  const verdict = await judgeAttempt(site, request, { ...subject, ...(run.state.pushedBy ? { pusher: run.state.pushedBy } : {}) });
  const said = { login: request.login, via: request.via, at: at.toISOString(), ...(request.reason ? { reason: request.reason } : {}) };
  const next = !verdict.ok
    ? recordRefusal(run.state, { ...said, reason: verdict.reason })
    : request.command === "approve"
      ? recordApproval(run.state, { ...said, basis: verdict.basis, commit: pr.headSha })
      : recordRevocation(run.state, said);

  const published = await publishAttempt(context, site, pr, policy, run, next, at, deps);
  if (!verdict.ok) return refuse(pr.headSha, run.state.digest, verdict.reason);
  const attempt = { number: pr.number, headSha: pr.headSha, login: request.login, via: request.via, digest: run.state.digest, ...(request.reason ? { reason: request.reason } : {}) };
  const entry = request.command === "approve" ? approvalEntry(facts, attempt, verdict.basis, run.id) : revocationEntry(facts, attempt, request.via);
  await deps.history.append(entry, context.log);
  // The digest moved since the head was evaluated (the policy or a records repository changed): the
  // approval just given does not cover what the check now shows.
  const invalidation = invalidationEntry(facts, pr, next, published);
  if (invalidation) await deps.history.append(invalidation, context.log);
  return { result: "accepted", why: verdict.basis };
}

/**
 * Writes a judged state to the head's approval run and refreshes the comment, both rendered from a fresh
 * evaluation; should the digest have moved meanwhile (the policy or a records repository changed), the
 * approval does not stretch to cover it.
 */
async function publishAttempt(context: Context<ApprovalEvent>, site: Site, pr: PullRequestRef, policy: Policy, run: ApprovalRun, next: ApprovalState, at: Date, deps: AppDeps): Promise<ApprovalState> {
  const evaluated = await evaluatePullRequest(site, pr, policy, toIsoDate(at), deps.git, deps.advisories);
  const state = decideApproval(next, approvalContext(evaluated));
  const who = describePolicy(policy.config.approval);
  await updateApprovalRun(site.octokit, site.repo, run.id, formatExternalId(pr.number, state.digest), renderApprovalCheck(state, evaluated.evaluation, who));
  await writeComment(site, pr, evaluated, renderApprovalSection(state, who));
  return state;
}
