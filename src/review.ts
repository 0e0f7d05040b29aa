import type { Context } from "probot";
import { failApprovalCheck, postApprovalCheck, type ApprovalHistory } from "./approval-check.js";
import { toIsoDate } from "./core/dates.js";
import { evaluatePullRequest, writeComment, type Where } from "./evaluate-pull-request.js";
import { queueKey, type EventDeps } from "./event-deps.js";
import { createCheckRun } from "./github/create-check-run.js";
import { describeError } from "./github/describe-error.js";
import { findPullRequests } from "./github/find-pull-requests.js";
import { loadPolicy } from "./github/load-policy.js";
import { toPullRequestRef, type PullRequestRef } from "./github/pull-request.js";
import { retrySecondaryRateLimits } from "./github/retry-secondary-rate-limits.js";
import { updateCheckRun } from "./github/update-check-run.js";
import { APPROVAL_CHECK_NAME } from "./report/render-approval.js";
import { CHECK_RUN_NAME, renderCheckRun, renderCheckRunError } from "./report/render-check-run.js";

type PullRequestEvent = "pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened" | "pull_request.ready_for_review";
/** Every event that evaluates a pull request; approval events (approval-events.ts) re-evaluate too. */
export type EvaluationContext = Context<PullRequestEvent | "pull_request.edited" | "check_run.rerequested" | "check_suite.rerequested">;

/**
 * The handlers of every event that evaluates a pull request. They share one blob cache and one per-PR queue
 * for the process; everything else is read from GitHub on each event, so replicas agree.
 */
export function createReview(deps: EventDeps) {
  return {
    pullRequest: async (context: Context<PullRequestEvent>) => {
      retrySecondaryRateLimits(context.octokit, deps.retry);
      const { payload } = context;
      // A pull request just opened has no earlier evaluation; a push names the head it replaced.
      const lookup: ApprovalHistory = { history: payload.action !== "opened", ...(payload.action === "synchronize" && payload.before ? { before: payload.before } : {}) };
      await reviewPullRequest(context, toPullRequestRef(payload.pull_request), deps.now(), deps, lookup);
    },
    /** Only a new base branch changes the evaluation; title and body edits do not. */
    pullRequestEdited: async (context: Context<"pull_request.edited">) => {
      if (!context.payload.changes.base) return;
      retrySecondaryRateLimits(context.octokit, deps.retry);
      await reviewPullRequest(context, toPullRequestRef(context.payload.pull_request), deps.now(), deps, { history: true });
    },
    /** "Re-run" on either of soup-gate's checks evaluates the pull request again, and so re-posts both. */
    checkRunRerequested: async (context: Context<"check_run.rerequested">) => {
      const run = context.payload.check_run;
      if (run.name !== CHECK_RUN_NAME && run.name !== APPROVAL_CHECK_NAME) return;
      // Our external_id starts with the pull request's number: the only link a fork's check run has.
      const fromExternalId = /^(\d+)(:|$)/.exec(run.external_id ?? "")?.[1];
      const linked = run.pull_requests.filter((pr) => pr.base.repo.id === context.payload.repository.id).map((pr) => pr.number);
      await rerun(context, run.head_sha, [...(fromExternalId ? [Number(fromExternalId)] : []), ...linked], deps);
    },
    checkSuiteRerequested: async (context: Context<"check_suite.rerequested">) => {
      const suite = context.payload.check_suite;
      const linked = suite.pull_requests.filter((pr) => pr.base.repo.id === context.payload.repository.id).map((pr) => pr.number);
      await rerun(context, suite.head_sha, linked, deps);
    },
  };
}

async function rerun(context: EvaluationContext, headSha: string, known: number[], deps: EventDeps): Promise<void> {
  const at = deps.now();
  retrySecondaryRateLimits(context.octokit, deps.retry);
  const pulls = await findPullRequests(context.octokit, context.repo(), headSha, known);
  if (pulls.length === 0) context.log.info({ head: headSha }, "re-run requested, but no open pull request has this head: nothing to evaluate");
  for (const pr of pulls) await reviewPullRequest(context, pr, at, deps, { history: true });
}

/**
 * One pull request, fail closed: once the check run exists, every error completes it as a failure that
 * says why — and the approval run with it — so a gate never sits in progress nor passes unchecked.
 */
async function reviewPullRequest(context: EvaluationContext, pr: PullRequestRef, at: Date, deps: EventDeps, lookup: ApprovalHistory): Promise<void> {
  const where: Where = { octokit: context.octokit, repo: context.repo(), htmlUrl: context.payload.repository.html_url };
  // 1. The check run, in progress, before any other work.
  const checkRunId = await createCheckRun(where.octokit, where.repo, pr.headSha, String(pr.number)).catch((error: unknown) => {
    context.log.error({ err: error, pr: pr.number, head: pr.headSha }, `could not create the ${CHECK_RUN_NAME} check run: ${describeError(error)}`);
    throw error;
  });
  const posted: { approvalRunId?: number } = {};
  try {
    await deps.queue.run(queueKey(where.repo, pr.number), () => evaluateAndReport(context, where, pr, checkRunId, toIsoDate(at), deps, lookup, posted));
  } catch (error) {
    const reason = describeError(error);
    context.log.error({ err: error, pr: pr.number, head: pr.headSha }, `${CHECK_RUN_NAME} could not complete: ${reason}`);
    // Both runs are failed even when failing one of them fails.
    const results = await Promise.allSettled([
      updateCheckRun(where.octokit, where.repo, checkRunId, renderCheckRunError(reason)),
      failApprovalCheck(where, pr, posted.approvalRunId, reason),
    ]);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (rejected) throw rejected.reason;
  }
}

async function evaluateAndReport(context: EvaluationContext, where: Where, pr: PullRequestRef, checkRunId: number, today: string, deps: EventDeps, lookup: ApprovalHistory, posted: { approvalRunId?: number }): Promise<void> {
  const { octokit, repo } = where;
  // 2. The policy, from the default branch; 3. the evaluation.
  const evaluated = await evaluatePullRequest(where, pr, await loadPolicy(context), today, deps.blobs);
  const { evaluation, records, isRecord, link } = evaluated;

  // 4. The report: annotations only on files of this head commit (records elsewhere link to their repository).
  const wantsAnnotations = evaluation.findings.some((f) => f.path) || evaluation.changes.some((c) => c.inScope);
  const headPaths = new Set(wantsAnnotations ? (await evaluated.head.files()).map((entry) => entry.path) : []);
  const updates = renderCheckRun(evaluation, { link, annotatable: (path) => headPaths.has(path) && !(records && isRecord(path)), externalId: `${pr.number}:${evaluation.digest}` });

  // 5. Post: every annotation batch but the last, the approval run, the comment, then the completing
  //    update, so that an error anywhere before it still fails both checks.
  for (const update of updates.slice(0, -1)) await updateCheckRun(octokit, repo, checkRunId, update);
  const approval = await postApprovalCheck(where, pr, evaluated, lookup);
  posted.approvalRunId = approval.runId;
  const comment = await writeComment(where, pr, evaluated, approval.section);
  await updateCheckRun(octokit, repo, checkRunId, updates[updates.length - 1]!);
  context.log.info({ pr: pr.number, head: pr.headSha, conclusion: evaluation.conclusion, approval: approval.mark.state, comment }, `${CHECK_RUN_NAME}: ${evaluation.conclusion}`);
}
