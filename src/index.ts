import type { Probot } from "probot";
import { createApprovalEvents } from "./approval-events.js";
import { createEventDeps } from "./event-deps.js";
import { assertWebhookSecret } from "./github/assert-webhook-secret.js";
import { createReview } from "./review.js";

/** The soup-gate GitHub App: wiring only; evaluations live in review.ts, approvals in approval-events.ts. */
export default (app: Probot) => {
  assertWebhookSecret(process.env);
  const deps = createEventDeps();
  const review = createReview(deps);
  const approval = createApprovalEvents(deps);
  app.on("pull_request.opened", review.pullRequest);
  app.on("pull_request.synchronize", review.pullRequest);
  app.on("pull_request.reopened", review.pullRequest);
  app.on("pull_request.ready_for_review", review.pullRequest);
  app.on("pull_request.edited", review.pullRequestEdited);
  app.on("check_run.rerequested", review.checkRunRerequested);
  app.on("check_suite.rerequested", review.checkSuiteRerequested);
  app.on("check_run.requested_action", approval.requestedAction);
  app.on("pull_request_review.submitted", approval.reviewSubmitted);
  app.on("issue_comment.created", approval.commentCreated);
};
