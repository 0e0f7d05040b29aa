import { Context, type Probot } from "probot";
import { completeSupersededRun } from "../github/complete-superseded-run.js";
import { createCheckRun } from "../github/create-check-run.js";
import { describeError } from "../github/describe-error.js";
import { formatExternalId } from "../github/external-id.js";
import { findOpenCheckRun } from "../github/find-open-check-run.js";
import type { Octokit } from "../github/octokit.js";
import type { PullRequestRef } from "../github/pull-request.js";
import { retrySecondaryRateLimits } from "../github/retry-secondary-rate-limits.js";
import { updateCheckRun } from "../github/update-check-run.js";
import { jobKey, type Job } from "../jobs/job.js";
import { JobStore } from "../jobs/job-store.js";
import { JobWorker } from "../jobs/job-worker.js";
import { CHECK_RUN_NAME, renderCheckRunError } from "../report/render-check-run.js";
import type { AppDeps } from "./app-deps.js";
import { siteOf } from "./evaluate-pull-request.js";
import { retryDelayMs } from "./job-settings.js";
import { failApprovalCheck, type ApprovalHistory } from "./publish-approval.js";
import { reviewPullRequest, type EvaluationContext } from "./review-pull-request.js";

/** What a job carries besides its keys: the event's payload (for the policy, links, logs) and the lookup. */
interface StoredWork {
  payload: EvaluationContext["payload"];
  pr: PullRequestRef;
  lookup: ApprovalHistory;
}

export interface PullRequestJobs {
  /**
   * Stores the evaluation a delivery asks for, then works it (the delivery is answered once it is stored,
   * or after Probot's nine seconds, whichever is later). A delivery already accepted does nothing.
   */
  accept(context: EvaluationContext, pr: PullRequestRef, lookup: ApprovalHistory): Promise<void>;
}

/**
 * The evaluations of pull requests as stored jobs (src/jobs/): written to soup-gate's database before the
 * delivery is answered, removed once both checks are completed, resumed by any process after a restart,
 * retried with backoff while GitHub refuses a write, and never worked by two processes at once.
 */
export function createPullRequestJobs(app: Probot, deps: AppDeps): PullRequestJobs {
  const settings = deps.jobs;
  let opened: Promise<JobStore> | undefined;
  const store = () => (opened ??= deps.database().then((database) => new JobStore(database)).catch((error: unknown) => {
    opened = undefined;
    throw error;
  }));
  const worker = new JobWorker({
    store,
    owner: settings.owner,
    leaseMs: settings.leaseMs,
    concurrency: settings.concurrency,
    backoffMs: (attempts) => retryDelayMs(settings, attempts),
    now: () => Date.now(),
    work: (job) => workJob(app, deps, job, store),
    log: app.log,
    describe: describeError,
  });
  if (settings.pollMs !== undefined) {
    worker.start(settings.pollMs);
    forgetOldDeliveries(store, app);
  }

  return {
    async accept(context, pr, lookup) {
      const installationId = context.payload.installation?.id;
      if (installationId === undefined) throw new Error(`a ${context.name} delivery without an installation: soup-gate works only as an installed GitHub App`);
      const repository = `${context.repo().owner}/${context.repo().repo}`;
      const stored: StoredWork = { payload: context.payload, pr, lookup };
      const work = { installationId, repository, pullRequest: pr.number, headSha: pr.headSha, baseSha: pr.baseSha, event: context.name, deliveryId: context.id, work: JSON.stringify(stored) };
      let acceptance;
      try {
        acceptance = await (await store()).accept(work, Date.now());
      } catch (error) {
        // The gate must not wait on a database that is down: the evaluation is done in this process, as
        // before there was a store, and only a restart before it completes would lose it.
        context.log.error({ err: error, pr: pr.number, head: pr.headSha }, `soup-gate could not store the evaluation of #${pr.number} (${describeError(error)}): evaluating it in this process only, so a restart before it completes would lose it`);
        await reviewPullRequest(context, deps, pr, deps.now(), lookup);
        return;
      }
      if (acceptance === "redelivery") {
        context.log.info({ pr: pr.number, head: pr.headSha, delivery: context.id }, `${CHECK_RUN_NAME}: delivery ${context.id} was accepted before: nothing to do`);
        return;
      }
      // A failed attempt stays stored and is tried again: the delivery itself was accepted.
      await worker.runNow(jobKey(work)).catch((error: unknown) => context.log.error({ err: error }, `soup-gate could not start the evaluation of #${pr.number}: ${describeError(error)}`));
    },
  };
}

/** GitHub redelivers a delivery for 3 days (7 on GHES): its id is remembered for 8, then forgotten, hourly. */
const DELIVERY_MEMORY_MS = 8 * 86_400_000;

function forgetOldDeliveries(store: () => Promise<JobStore>, app: Probot): void {
  const forget = () => {
    void store()
      .then((jobs) => jobs.forgetDeliveries(Date.now() - DELIVERY_MEMORY_MS))
      .catch((error: unknown) => app.log.error({ err: error }, `soup-gate could not forget old delivery ids: ${describeError(error)}`));
  };
  forget();
  setInterval(forget, 3_600_000).unref();
}

/** One attempt at a job: the runs it replaced, then the evaluation — or, past the bound, a failure that says why. */
async function workJob(app: Probot, deps: AppDeps, job: Job, store: () => Promise<JobStore>): Promise<void> {
  const { payload, pr, lookup } = JSON.parse(job.work) as StoredWork;
  const octokit = (await app.auth(job.installationId)) as Octokit;
  retrySecondaryRateLimits(octokit, { ...deps.retry, sleep: deps.sleep });
  const log = app.log.child({ id: job.deliveryId, job: job.key });
  const context = new Context({ id: job.deliveryId, name: job.event, payload } as never, octokit, log) as unknown as EvaluationContext;
  const site = siteOf(context);
  const jobs = await store();

  if (job.superseded.length > 0) {
    for (const run of job.superseded) await completeSupersededRun(octokit, site.repo, run, job.headSha);
    await jobs.forgetSuperseded(job, job.superseded);
  }

  const runId = job.runId ?? (job.attempts > 1 ? await findOpenCheckRun(octokit, site.repo, pr.headSha, pr.number) : undefined);
  const stuckMs = deps.jobs.stuckMinutes * 60_000;
  if (job.attempts > 1 && Date.now() - job.firstTryAt >= stuckMs) {
    const failed = job.attempts - 1;
    const reason = `soup-gate could not complete this check within ${deps.jobs.stuckMinutes} minutes (${failed} failed ${failed === 1 ? "attempt" : "attempts"}; the last: ${job.lastError ?? "the process working it stopped"})`;
    log.error({ pr: pr.number, head: pr.headSha }, `${CHECK_RUN_NAME} stuck: ${reason}`);
    const id = runId ?? (await createCheckRun(octokit, site.repo, pr.headSha, formatExternalId(pr.number)));
    await updateCheckRun(octokit, site.repo, id, renderCheckRunError(reason));
    await failApprovalCheck(site, pr, undefined, reason);
    return;
  }

  const created = async (id: number) => {
    // Not fatal: an attempt after this one finds the run by listing the head's runs.
    await jobs.recordRun(job, id).catch((error: unknown) => log.error({ err: error }, `soup-gate could not record check run ${id} of ${job.key}: ${describeError(error)}`));
  };
  await reviewPullRequest(context, deps, pr, deps.now(), lookup, { ...(runId !== undefined ? { id: runId } : {}), created });
}
