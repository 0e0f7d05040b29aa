import { checkChanges } from "./core/check-changes.js";
import type { Snapshot } from "./core/snapshot.js";
import type { BlobCache } from "./github/blob-cache.js";
import { diffTrees } from "./github/diff-trees.js";
import { COMMENT_MARKER } from "./github/find-soup-comments.js";
import { findMergeBase } from "./github/find-merge-base.js";
import { githubSnapshot } from "./github/github-snapshot.js";
import { listChangedPaths } from "./github/list-changed-paths.js";
import type { Policy } from "./github/load-policy.js";
import type { Octokit, Repo } from "./github/octokit.js";
import { getPullRequest, type PullRequestRef } from "./github/pull-request.js";
import { blobUrl, openRecordsRepository, type RecordsRepository } from "./github/records-repository.js";
import { upsertComment, type UpsertOutcome } from "./github/upsert-comment.js";
import { DEFAULT_RECORDS_DIR } from "./policy/config.js";
import type { Evaluation } from "./policy/evaluation.js";
import { isRecordPath } from "./records/is-record-path.js";
import { renderMarkdown } from "./report/render-markdown.js";

/** GitHub refuses comment bodies longer than this ("Body is too long (maximum is 65536 characters)"). */
const MAX_COMMENT = 65_536;

export interface Where {
  octokit: Octokit;
  repo: Repo;
  /** The repository's web address, for links at the head commit. */
  htmlUrl: string;
}

export interface Evaluated {
  evaluation: Evaluation;
  policy: Policy;
  head: Snapshot;
  records: RecordsRepository | undefined;
  isRecord: (path: string) => boolean;
  /** Where a path opens in the browser: at the head commit, or in the records repository. */
  link: (path: string, line?: number) => string;
}

/**
 * Reads and evaluates one pull request at its head, with the policy already loaded from the default
 * branch. A fork's head commit is read from this repository, which holds it as refs/pull/N/head; the base
 * is the merge base, found only if a lockfile changed.
 */
export async function evaluatePullRequest(where: Where, pr: PullRequestRef, policy: Policy, today: string, blobs: BlobCache): Promise<Evaluated> {
  const { octokit, repo } = where;
  const { config } = policy;
  const head = githubSnapshot({ octokit, repo, commit: pr.headSha, blobs });
  const base = githubSnapshot({ octokit, repo, commit: () => findMergeBase(octokit, repo, pr.baseSha, pr.headSha), blobs });
  const records = config.records.repository ? await openRecordsRepository(octokit, config.records.repository, blobs) : undefined;
  const changedPaths = (await listChangedPaths(octokit, repo, pr.number)) ?? diffTrees(await base.files(), await head.files());
  const evaluation = await checkChanges({ base, head, records: records?.snapshot ?? head, recordsInHead: !records, changedPaths, config, configErrors: policy.errors, today });
  const isRecord = (path: string) => isRecordPath(path, config.records.path);
  const link = (path: string, line?: number) => (records && isRecord(path) ? records.blobUrl(path, line) : blobUrl(where.htmlUrl, pr.headSha, path, line));
  return { evaluation, policy, head, records, isRecord, link };
}

/**
 * Writes the pull request's one comment: the report, drafts for missing records and the approval section.
 * A comment is started only for a checked change or a problem; once there, it is kept up to date, unless a
 * newer push made this evaluation stale.
 */
export async function writeComment(where: Where, pr: PullRequestRef, evaluated: Evaluated, approval: string): Promise<UpsertOutcome> {
  const { octokit, repo } = where;
  const { evaluation, policy, link } = evaluated;
  const body = renderMarkdown(evaluation, { drafts: true, maxLength: MAX_COMMENT - COMMENT_MARKER.length - 1, link, recordsDir: policy.config.records.path[0] ?? DEFAULT_RECORDS_DIR, ...(approval ? { approval } : {}) });
  return upsertComment(octokit, repo, pr.number, body, {
    create: hasSomethingToSay(evaluation),
    isCurrent: async () => (await getPullRequest(octokit, repo, pr.number)).headSha === pr.headSha,
  });
}

function hasSomethingToSay(evaluation: Evaluation): boolean {
  return evaluation.changes.some((c) => c.inScope) || evaluation.findings.some((f) => f.severity !== "notice");
}
