import type { Context } from "probot";
import { checkChanges } from "./core/check-changes.js";
import { toIsoDate } from "./core/dates.js";
import { BlobCache } from "./github/blob-cache.js";
import { createCheckRun } from "./github/create-check-run.js";
import { describeError } from "./github/describe-error.js";
import { diffTrees } from "./github/diff-trees.js";
import { COMMENT_MARKER } from "./github/find-soup-comments.js";
import { findMergeBase } from "./github/find-merge-base.js";
import { findPullRequests } from "./github/find-pull-requests.js";
import { githubSnapshot } from "./github/github-snapshot.js";
import { listChangedPaths } from "./github/list-changed-paths.js";
import { loadPolicy } from "./github/load-policy.js";
import { getPullRequest, toPullRequestRef, type PullRequestRef } from "./github/pull-request.js";
import { PullRequestQueue } from "./github/pull-request-queue.js";
import { blobUrl, openRecordsRepository } from "./github/records-repository.js";
import { retrySecondaryRateLimits, type RetryOptions } from "./github/retry-secondary-rate-limits.js";
import { updateCheckRun } from "./github/update-check-run.js";
import { upsertComment } from "./github/upsert-comment.js";
import type { Evaluation } from "./policy/evaluation.js";
import { isRecordPath } from "./records/is-record-path.js";
import { CHECK_RUN_NAME, renderCheckRun, renderCheckRunError } from "./report/render-check-run.js";
import { renderMarkdown } from "./report/render-markdown.js";

/** GitHub refuses comment bodies longer than this ("Body is too long (maximum is 65536 characters)"). */
const MAX_COMMENT = 65_536;

export interface ReviewOptions {
  blobs?: BlobCache;
  /** The clock, read once per event. */
  now?: () => Date;
  retry?: RetryOptions;
  /** Markdown for the comment's approval section (SPEC §7): the approval feature plugs in here. */
  approval?: (pr: PullRequestRef, evaluation: Evaluation) => Promise<string | undefined>;
}

interface Deps {
  blobs: BlobCache;
  queue: PullRequestQueue;
  now: () => Date;
  retry: RetryOptions;
  approval: NonNullable<ReviewOptions["approval"]> | undefined;
}

type PullRequestEvent = "pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened" | "pull_request.ready_for_review";
type AnyContext = Context<PullRequestEvent | "pull_request.edited" | "check_run.rerequested" | "check_suite.rerequested">;

/**
 * The handlers of every event that evaluates a pull request. They share one blob cache and one per-PR queue
 * for the process; everything else is read from GitHub on each event, so replicas agree.
 */
export function createReview(options: ReviewOptions = {}) {
  const deps: Deps = { blobs: options.blobs ?? new BlobCache(), queue: new PullRequestQueue(), now: options.now ?? (() => new Date()), retry: options.retry ?? {}, approval: options.approval };
  return {
    pullRequest: async (context: Context<PullRequestEvent>) => {
      retrySecondaryRateLimits(context.octokit, deps.retry);
      await reviewPullRequest(context, toPullRequestRef(context.payload.pull_request), today(deps), deps);
    },
    /** Only a new base branch changes the evaluation; title and body edits do not. */
    pullRequestEdited: async (context: Context<"pull_request.edited">) => {
      if (!context.payload.changes.base) return;
      retrySecondaryRateLimits(context.octokit, deps.retry);
      await reviewPullRequest(context, toPullRequestRef(context.payload.pull_request), today(deps), deps);
    },
    checkRunRerequested: async (context: Context<"check_run.rerequested">) => {
      const run = context.payload.check_run;
      if (run.name !== CHECK_RUN_NAME) return;
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

async function rerun(context: AnyContext, headSha: string, known: number[], deps: Deps): Promise<void> {
  const date = today(deps);
  retrySecondaryRateLimits(context.octokit, deps.retry);
  const pulls = await findPullRequests(context.octokit, context.repo(), headSha, known);
  if (pulls.length === 0) context.log.info({ head: headSha }, "re-run requested, but no open pull request has this head: nothing to evaluate");
  for (const pr of pulls) await reviewPullRequest(context, pr, date, deps);
}

/** The clock is read once per event, at its start; everything after works from this date. */
function today(deps: Deps): string {
  return toIsoDate(deps.now());
}

/**
 * One pull request, fail closed: once the check run exists, every error completes it as a failure that
 * says why, so a gate never sits in progress nor passes unchecked.
 */
async function reviewPullRequest(context: AnyContext, pr: PullRequestRef, today: string, deps: Deps): Promise<void> {
  const repo = context.repo();
  // 1. The check run, in progress, before any other work.
  const checkRunId = await createCheckRun(context.octokit, repo, pr.headSha, String(pr.number)).catch((error: unknown) => {
    context.log.error({ err: error, pr: pr.number, head: pr.headSha }, `could not create the ${CHECK_RUN_NAME} check run: ${describeError(error)}`);
    throw error;
  });
  try {
    await deps.queue.run(`${repo.owner}/${repo.repo}#${pr.number}`, () => evaluateAndReport(context, pr, checkRunId, today, deps));
  } catch (error) {
    const reason = describeError(error);
    context.log.error({ err: error, pr: pr.number, head: pr.headSha }, `${CHECK_RUN_NAME} could not complete: ${reason}`);
    await updateCheckRun(context.octokit, repo, checkRunId, renderCheckRunError(reason));
  }
}

async function evaluateAndReport(context: AnyContext, pr: PullRequestRef, checkRunId: number, today: string, deps: Deps): Promise<void> {
  const { octokit } = context;
  const repo = context.repo();

  // 2. The policy, from the default branch.
  const policy = await loadPolicy(context);
  const { config } = policy;

  // 3. Snapshots. A fork's head commit is read from this repository, which holds it as refs/pull/N/head;
  //    the base is the merge base, found only if a lockfile changed.
  const head = githubSnapshot({ octokit, repo, commit: pr.headSha, blobs: deps.blobs });
  const base = githubSnapshot({ octokit, repo, commit: () => findMergeBase(octokit, repo, pr.baseSha, pr.headSha), blobs: deps.blobs });
  const records = config.records.repository ? await openRecordsRepository(octokit, config.records.repository, deps.blobs) : undefined;
  const changedPaths = (await listChangedPaths(octokit, repo, pr.number)) ?? diffTrees(await base.files(), await head.files());

  // 4. The evaluation.
  const evaluation = await checkChanges({ base, head, records: records?.snapshot ?? head, recordsInHead: !records, changedPaths, config, configErrors: policy.errors, today });

  // 5. The report: links at the head commit (records elsewhere link to their repository), annotations only
  //    on files of this head commit.
  const isRecord = (path: string) => isRecordPath(path, config.records.path);
  const link = (path: string, line?: number) => (records && isRecord(path) ? records.blobUrl(path, line) : blobUrl(context.payload.repository.html_url, pr.headSha, path, line));
  const wantsAnnotations = evaluation.findings.some((f) => f.path) || evaluation.changes.some((c) => c.inScope);
  const headPaths = new Set(wantsAnnotations ? (await head.files()).map((entry) => entry.path) : []);
  const updates = renderCheckRun(evaluation, { link, annotatable: (path) => headPaths.has(path) && !(records && isRecord(path)), externalId: `${pr.number}:${evaluation.digest}` });

  // 6. Post: every annotation batch but the last, then the comment, then the completing update, so that an
  //    error anywhere before it still fails the check.
  for (const update of updates.slice(0, -1)) await updateCheckRun(octokit, repo, checkRunId, update);
  const approval = await deps.approval?.(pr, evaluation);
  const body = renderMarkdown(evaluation, { drafts: true, maxLength: MAX_COMMENT - COMMENT_MARKER.length - 1, link, recordsDir: config.records.path[0] ?? "docs/soup", ...(approval ? { approval } : {}) });
  const comment = await upsertComment(octokit, repo, pr.number, body, {
    create: hasSomethingToSay(evaluation),
    isCurrent: async () => (await getPullRequest(octokit, repo, pr.number)).headSha === pr.headSha,
  });
  await updateCheckRun(octokit, repo, checkRunId, updates[updates.length - 1]!);
  context.log.info({ pr: pr.number, head: pr.headSha, conclusion: evaluation.conclusion, comment }, `${CHECK_RUN_NAME}: ${evaluation.conclusion}`);
}

/** A comment is started only for a checked change or a problem; once there, it is kept up to date. */
function hasSomethingToSay(evaluation: Evaluation): boolean {
  return evaluation.changes.some((c) => c.inScope) || evaluation.findings.some((f) => f.severity !== "notice");
}
