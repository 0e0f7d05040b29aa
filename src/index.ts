import type { ApplicationFunctionOptions, Probot } from "probot";
import { createAppDeps, type AppDeps } from "./app/app-deps.js";
import { createApprovalEvents } from "./app/approval-events.js";
import { registerHistoryPage } from "./app/history-page.js";
import { createMergeGroupEvents } from "./app/merge-group-events.js";
import { createPullRequestEvents } from "./app/pull-request-events.js";

/** The soup-gate GitHub App: which event goes where. The work lives in src/app/. */
export default (app: Probot, options?: ApplicationFunctionOptions, deps: AppDeps = createAppDeps()) => {
  const review = createPullRequestEvents(deps, app);
  const approval = createApprovalEvents(deps);
  const mergeQueue = createMergeGroupEvents(deps);
  app.on("pull_request.opened", review.pullRequest);
  app.on("pull_request.synchronize", review.pullRequest);
  app.on("pull_request.reopened", review.pullRequest);
  app.on("pull_request.ready_for_review", review.pullRequest);
  app.on("pull_request.edited", review.pullRequestEdited);
  app.on("check_run.rerequested", review.checkRunRerequested);
  app.on("check_suite.rerequested", review.checkSuiteRerequested);
  app.on("check_run.requested_action", approval.requestedAction);
  app.on("pull_request_review.submitted", approval.reviewSubmitted);
  app.on("pull_request_review.dismissed", approval.reviewDismissed);
  app.on("issue_comment.created", approval.commentCreated);
  app.on("merge_group.checks_requested", mergeQueue.checksRequested);
  registerHistoryPage(app, options, deps);
};
