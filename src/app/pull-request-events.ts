import type { Context, Probot } from "probot";
import { parseExternalId } from "../github/external-id.js";
import { findPullRequests } from "../github/find-pull-requests.js";
import { toPullRequestRef } from "../github/pull-request.js";
import { APPROVAL_CHECK_NAME } from "../report/render-approval.js";
import { CHECK_RUN_NAME } from "../report/render-check-run.js";
import type { AppDeps } from "./app-deps.js";
import { prepareEvent } from "./prepare-event.js";
import { createPullRequestJobs, type PullRequestJobs } from "./pull-request-jobs.js";
import type { ApprovalHistory } from "./publish-approval.js";
import type { EvaluationContext } from "./review-pull-request.js";

type PullRequestEvent = "pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened" | "pull_request.ready_for_review";

/**
 * The events that evaluate a pull request: a push or an opening, a new base branch, a re-run. Each is
 * stored as a job before it is answered and worked from the store (see createPullRequestJobs).
 */
export function createPullRequestEvents(deps: AppDeps, app: Probot, jobs: PullRequestJobs = createPullRequestJobs(app, deps)) {
  return {
    pullRequest: prepareEvent(deps, async (context: Context<PullRequestEvent>) => {
      const { payload } = context;
      // A pull request just opened has no earlier evaluation.
      // A push names the head it replaced, and its sender is who pushed.
      const pushed = payload.action === "synchronize" ? { ...(payload.before ? { before: payload.before } : {}), pusher: payload.sender.login } : {};
      const lookup: ApprovalHistory = { history: payload.action !== "opened", ...pushed };
      await jobs.accept(context, toPullRequestRef(payload.pull_request), lookup);
    }),
    /** Only a new base branch changes the evaluation; title and body edits do not. */
    pullRequestEdited: prepareEvent(deps, async (context: Context<"pull_request.edited">) => {
      if (!context.payload.changes.base) return;
      await jobs.accept(context, toPullRequestRef(context.payload.pull_request), { history: true });
    }),
    /** "Re-run" on either of soup-gate's checks evaluates the pull request again, and so re-posts both. */
    checkRunRerequested: prepareEvent(deps, async (context: Context<"check_run.rerequested">) => {
      const run = context.payload.check_run;
      if (run.name !== CHECK_RUN_NAME && run.name !== APPROVAL_CHECK_NAME) return;
      const own = parseExternalId(run.external_id);
      const linked = run.pull_requests.filter((pr) => pr.base.repo.id === context.payload.repository.id).map((pr) => pr.number);
      await rerun(context, jobs, run.head_sha, [...(own ? [own.pullRequest] : []), ...linked]);
    }),
    checkSuiteRerequested: prepareEvent(deps, async (context: Context<"check_suite.rerequested">) => {
      const suite = context.payload.check_suite;
      const linked = suite.pull_requests.filter((pr) => pr.base.repo.id === context.payload.repository.id).map((pr) => pr.number);
      await rerun(context, jobs, suite.head_sha, linked);
    }),
  };
}

/** Every open pull request whose head is the re-run commit, evaluated again. */
async function rerun(context: EvaluationContext, jobs: PullRequestJobs, headSha: string, known: number[]): Promise<void> {
  const pulls = await findPullRequests(context.octokit, context.repo(), headSha, known);
  if (pulls.length === 0) context.log.info({ head: headSha }, "re-run requested, but no open pull request has this head: nothing to evaluate");
  for (const pr of pulls) await jobs.accept(context, pr, { history: true });
}
