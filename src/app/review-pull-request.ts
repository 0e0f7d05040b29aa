import type { Context } from "probot";
import { toIsoDate } from "../core/dates.js";
import { createCheckRun } from "../github/create-check-run.js";
import { describeError } from "../github/describe-error.js";
import { formatExternalId } from "../github/external-id.js";
import { loadPolicy } from "../github/load-policy.js";
import type { PullRequestRef } from "../github/pull-request.js";
import { updateCheckRun } from "../github/update-check-run.js";
import { CHECK_RUN_NAME, renderCheckRun, renderCheckRunError } from "../report/render-check-run.js";
import { withWitness } from "../report/render-witness.js";
import type { AppDeps } from "./app-deps.js";
import { evaluatePullRequest, siteOf } from "./evaluate-pull-request.js";
import { evaluationEntry, invalidationEntry, type EventFacts } from "./history-entries.js";
import { failApprovalCheck, postApprovalCheck, type ApprovalHistory } from "./publish-approval.js";
import { queueKey } from "./pull-request-queue.js";
import { writeComment } from "./write-comment.js";

/** Every event that evaluates a pull request; approval events re-evaluate too, through their own path. */
export type EvaluationContext = Context<
  "pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened" | "pull_request.ready_for_review" | "pull_request.edited" | "check_run.rerequested" | "check_suite.rerequested"
>;

/** The `SOUP records` run an earlier attempt at this head created, and who to tell of a new one. */
export interface StartedRun {
  id?: number;
  created?: (id: number) => Promise<void>;
}

/**
 * One pull request at one head, start to finish, failing closed: once the `SOUP records` run exists, every
 * error completes it as a failure that says why — and the approval run with it — so a gate never sits in
 * progress nor passes unchecked. The work runs in the pull request's queue, after any earlier event's.
 */
export async function reviewPullRequest(context: EvaluationContext, deps: AppDeps, pr: PullRequestRef, at: Date, lookup: ApprovalHistory, run: StartedRun = {}): Promise<void> {
  const site = siteOf(context);
  const { octokit, repo } = site;
  // 1. The check run, in progress, before any other work: a required check shows at once. An earlier
  //    attempt's run at this head is completed instead of leaving it in progress beside a new one.
  const checkRunId = run.id ?? (await createCheckRun(octokit, repo, pr.headSha, formatExternalId(pr.number)).catch((error: unknown) => {
    context.log.error({ err: error, pr: pr.number, head: pr.headSha }, `could not create the ${CHECK_RUN_NAME} check run: ${describeError(error)}`);
    throw error;
  }));
  if (run.id === undefined) await run.created?.(checkRunId);

  await deps.queue.run(queueKey(repo, pr.number), async () => {
    let approvalRunId: number | undefined;
    try {
      // 2. The policy, from the default branch.
      const policy = await loadPolicy(context);
      // 3. The pull request read at its head and evaluated.
      const evaluated = await evaluatePullRequest(site, pr, policy, toIsoDate(at), deps.git, deps.advisories);
      const { evaluation, records, isRecord, link } = evaluated;
      // 4. The check run's report: annotations only on files of this head commit (records elsewhere link to
      //    their repository).
      const wantsAnnotations = evaluation.findings.some((f) => f.path) || evaluation.changes.some((c) => c.inScope);
      const headPaths = new Set(wantsAnnotations ? (await evaluated.head.files()).map((entry) => entry.path) : []);
      const updates = renderCheckRun(evaluation, {
        link,
        annotatable: (path) => headPaths.has(path) && !(records && isRecord(path)),
        externalId: formatExternalId(pr.number, evaluation.digest),
      });
      // 5. Every annotation batch but the last.
      for (const update of updates.slice(0, -1)) await updateCheckRun(octokit, repo, checkRunId, update);
      // 6. The approval run.
      const approval = await postApprovalCheck(site, pr, evaluated, lookup);
      approvalRunId = approval.runId;
      // 7. The comment.
      const comment = await writeComment(site, pr, evaluated, approval.section);
      // 8. The history: an approval this push invalidated, then the evaluation; the chain head after it is
      //    the witness the completing update carries. A store that fails changes nothing of the checks.
      const facts: EventFacts = { site, delivery: context.id, at };
      const invalidation = invalidationEntry(facts, pr, approval.previous, approval.state);
      if (invalidation) await deps.history.append(invalidation, context.log);
      const head = await deps.history.append(await evaluationEntry(facts, pr, evaluated, checkRunId), context.log);
      // 9. The completing update last, so that an error anywhere before it still fails both checks.
      await updateCheckRun(octokit, repo, checkRunId, withWitness(updates[updates.length - 1]!, head));
      context.log.info({ pr: pr.number, head: pr.headSha, conclusion: evaluation.conclusion, approval: approval.state.state, comment }, `${CHECK_RUN_NAME}: ${evaluation.conclusion}`);
    } catch (error) {
      const reason = describeError(error);
      context.log.error({ err: error, pr: pr.number, head: pr.headSha }, `${CHECK_RUN_NAME} could not complete: ${reason}`);
      // Both runs are failed even when failing one of them fails.
      const results = await Promise.allSettled([updateCheckRun(octokit, repo, checkRunId, renderCheckRunError(reason)), failApprovalCheck(site, pr, approvalRunId, reason)]);
      const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (rejected) throw rejected.reason;
    }
  });
}

