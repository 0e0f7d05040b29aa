import type { AdvisorySource } from "../anomalies/advisory.js";
import { checkChanges } from "../core/check-changes.js";
import { diffTrees } from "../core/diff-trees.js";
import type { Snapshot } from "../core/snapshot.js";
import { findMergeBase } from "../github/find-merge-base.js";
import { githubSnapshot } from "../github/github-snapshot.js";
import { listChangedPaths } from "../github/list-changed-paths.js";
import type { Policy } from "../github/load-policy.js";
import type { Octokit, Repo } from "../github/octokit.js";
import type { PullRequestRef } from "../github/pull-request.js";
import { blobUrl, openRecordsRepository, type RecordsRepository } from "../github/records-repository.js";
import type { Evaluation } from "../policy/evaluation.js";
import { isRecordPath } from "../records/is-record-path.js";
import type { BlobCache } from "./blob-cache.js";

/** The repository an event is about, as every API call and link of its handling needs it. */
export interface Site {
  octokit: Octokit;
  repo: Repo;
  /** The repository's web address, for links at the head commit. */
  htmlUrl: string;
}

export function siteOf(context: { octokit: Octokit; repo: () => Repo; payload: { repository: { html_url: string } } }): Site {
  return { octokit: context.octokit, repo: context.repo(), htmlUrl: context.payload.repository.html_url };
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
export async function evaluatePullRequest(site: Site, pr: PullRequestRef, policy: Policy, today: string, blobs: BlobCache, advisories: AdvisorySource): Promise<Evaluated> {
  const { octokit, repo } = site;
  const { config } = policy;
  const head = githubSnapshot({ octokit, repo, commit: pr.headSha, blobs });
  const base = githubSnapshot({ octokit, repo, commit: () => findMergeBase(octokit, repo, pr.baseSha, pr.headSha), blobs });
  const records = config.records.repository ? await openRecordsRepository(octokit, config.records.repository, blobs) : undefined;
  const changedPaths = (await listChangedPaths(octokit, repo, pr.number)) ?? diffTrees(await base.files(), await head.files());
  const evaluation = await checkChanges({ base, head, records: records?.snapshot ?? head, recordsInHead: !records, changedPaths, config, configErrors: policy.errors, today, advisories });
  const isRecord = (path: string) => isRecordPath(path, config.records.path);
  const link = (path: string, line?: number) => (records && isRecord(path) ? records.blobUrl(path, line) : blobUrl(site.htmlUrl, pr.headSha, path, line));
  return { evaluation, policy, head, records, isRecord, link };
}
