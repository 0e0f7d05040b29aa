import type { AdvisorySource } from "../anomalies/advisory.js";
import { batchReads } from "../core/batch-reads.js";
import { checkChanges } from "../core/check-changes.js";
import { diffTrees } from "../core/diff-trees.js";
import type { Snapshot } from "../core/snapshot.js";
import { changedPaths, compareCommits, treeAfter } from "../github/compare-commits.js";
import { githubSnapshot } from "../github/github-snapshot.js";
import type { Policy } from "../github/load-policy.js";
import type { Octokit, Repo } from "../github/octokit.js";
import type { PullRequestRef } from "../github/pull-request.js";
import { readBlobs, type BlobRef } from "../github/read-blobs.js";
import { readTree } from "../github/read-tree.js";
import { blobUrl, openRecordsRepository, type RecordsRepository } from "../github/records-repository.js";
import type { Evaluation } from "../policy/evaluation.js";
import { isRecordPath } from "../records/is-record-path.js";
import type { GitCaches } from "./git-caches.js";

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
 * branch. A fork's head commit is read from this repository, which holds it as refs/pull/N/head.
 *
 * What it costs GitHub: one comparison (the merge base and the changed files with their blob ids), the
 * merge base's tree — from which, with the comparison, the head's files follow without a tree request of
 * their own — and the blobs no earlier evaluation read, many to a request (see readBlobs). The comparison
 * and the tree are facts about commits and kept by sha, so an evaluation of the same head (a re-run, an
 * approval) or a push onto the same merge base asks GitHub only what it has not said before.
 */
export async function evaluatePullRequest(site: Site, pr: PullRequestRef, policy: Policy, today: string, git: GitCaches, advisories: AdvisorySource): Promise<Evaluated> {
  const { octokit, repo } = site;
  const { config } = policy;
  const records = config.records.repository ? await openRecordsRepository(octokit, config.records.repository, git.blobs) : undefined;
  const name = `${repo.owner}/${repo.repo}`;
  const comparison = await git.comparisons.load(`${name}:${pr.baseSha}...${pr.headSha}`, () => compareCommits(octokit, repo, pr.baseSha, pr.headSha));
  const treeAt = (commit: string) => git.trees.load(`${name}@${commit}`, () => readTree(octokit, repo, commit));
  // One batch reader for both commits: blobs asked for together go to GitHub together.
  const fetch = batchReads((blob: BlobRef) => blob.sha, (blobs) => readBlobs(octokit, repo, blobs));
  const base = githubSnapshot({ files: () => treeAt(comparison.mergeBase), blobs: git.blobs, fetch });
  const headFiles = async () => (comparison.files && treeAfter(await base.files(), comparison.files)) ?? treeAt(pr.headSha);
  // A file the pull request changed has no size in the comparison: its size at the merge base is the guess
  // that sends a big lockfile straight to REST rather than through a GraphQL answer cut at 512,000 bytes.
  let sizes: Promise<Map<string, number | undefined>> | undefined;
  const sizeAtBase = async (path: string) => (await (sizes ??= base.files().then((entries) => new Map(entries.map((e) => [e.path, e.size]))))).get(path);
  const head = githubSnapshot({ files: headFiles, blobs: git.blobs, fetch: async (entry) => fetch({ sha: entry.sha, size: entry.size ?? (await sizeAtBase(entry.path)) }) });
  const changed = comparison.files ? changedPaths(comparison.files) : diffTrees(await base.files(), await head.files());
  const evaluation = await checkChanges({ base, head, records: records?.snapshot ?? head, recordsInHead: !records, changedPaths: changed, config, configErrors: policy.errors, today, advisories });
  const isRecord = (path: string) => isRecordPath(path, config.records.path);
  const link = (path: string, line?: number) => (records && isRecord(path) ? records.blobUrl(path, line) : blobUrl(site.htmlUrl, pr.headSha, path, line));
  return { evaluation, policy, head, records, isRecord, link };
}
