import type { Probot } from "probot";
import { createEventDeps } from "./event-deps.js";
import { assertWebhookSecret } from "./github/assert-webhook-secret.js";
import { createReview } from "./review.js";

/** The soup-gate GitHub App: wiring only; what each event does lives in review.ts. */
export default (app: Probot) => {
  assertWebhookSecret(process.env);
  const deps = createEventDeps();
  const review = createReview(deps);
  app.on("pull_request.opened", review.pullRequest);
  app.on("pull_request.synchronize", review.pullRequest);
  app.on("pull_request.reopened", review.pullRequest);
  app.on("pull_request.ready_for_review", review.pullRequest);
  app.on("pull_request.edited", review.pullRequestEdited);
  app.on("check_run.rerequested", review.checkRunRerequested);
  app.on("check_suite.rerequested", review.checkSuiteRerequested);
};
