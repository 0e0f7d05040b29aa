import { APPROVAL_CHECK_NAME } from "../report/render-approval.js";
import { CHECK_RUN_NAME } from "../report/render-check-run.js";
import { parseExternalId } from "./external-id.js";
import type { Octokit, Repo } from "./octokit.js";

/** `refs/heads/gh-readonly-queue/<base branch>/pr-<number>-<sha>`: the branch GitHub builds a merge group on. */
const QUEUE_BRANCH = /^(?:refs\/)?heads\/gh-readonly-queue\/(.+)\/pr-(\d+)-[0-9a-f]{40}$/;

/** Queue branches looked at, at most: a merge queue holds a handful of groups. */
const MAX_QUEUE_BRANCHES = 100;

export interface QueueBranch {
  base: string;
  pullRequest: number;
}

export function parseQueueBranch(ref: string): QueueBranch | undefined {
  const match = QUEUE_BRANCH.exec(ref);
  return match ? { base: match[1]!, pullRequest: Number(match[2]) } : undefined;
}

/**
 * The pull requests whose changes a merge group's head holds, oldest first: GitHub builds each group on the
 * head of the group before it, one pull request to a group, so the group holds its own pull request and
 * those of every queue branch (of the same base) whose head is an ancestor of its head. GitHub may merge a
 * group on its own checks, the earlier groups' with it, so all of them count.
 */
export async function queuedPullRequests(octokit: Octokit, repo: Repo, headRef: string, headSha: string): Promise<number[]> {
  const own = parseQueueBranch(headRef);
  if (!own) throw new Error(`the merge group's branch ${headRef} does not name a pull request (refs/heads/gh-readonly-queue/<base>/pr-<number>-<sha>)`);
  const { data: refs } = await octokit.rest.git.listMatchingRefs({ ...repo, ref: `heads/gh-readonly-queue/${own.base}/` });
  if (refs.length > MAX_QUEUE_BRANCHES) throw new Error(`the merge queue of ${own.base} has ${refs.length} branches, more than the ${MAX_QUEUE_BRANCHES} soup-gate looks at`);
  const ahead: Array<{ pullRequest: number; commits: number }> = [];
  for (const ref of refs) {
    const branch = parseQueueBranch(ref.ref);
    if (!branch || branch.base !== own.base || branch.pullRequest === own.pullRequest || ref.object.sha === headSha) continue;
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${ref.object.sha}...${headSha}`, per_page: 1 });
    if (data.status === "ahead") ahead.push({ pullRequest: branch.pullRequest, commits: data.ahead_by });
  }
  // The further back a group, the more commits this head is ahead of it.
  return [...ahead.sort((a, b) => b.commits - a.commits).map((a) => a.pullRequest), own.pullRequest];
}

/** The `SOUP records` conclusion this App last wrote for pull request `pr` on `sha`; undefined: none completed. */
export async function latestRecordsConclusion(octokit: Octokit, repo: Repo, sha: string, appId: number, pr: number): Promise<string | undefined> {
  const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: sha, check_name: CHECK_RUN_NAME, app_id: appId, filter: "all", per_page: 100 });
  const ours = data.check_runs.filter((run) => run.app?.id === appId && run.name === CHECK_RUN_NAME && run.status === "completed" && parseExternalId(run.external_id)?.pullRequest === pr);
  return ours.sort((a, b) => b.id - a.id)[0]?.conclusion ?? undefined;
}

/** Both of a group's checks, posted completed on its head. */
export async function postGroupCheck(octokit: Octokit, repo: Repo, headSha: string, name: typeof CHECK_RUN_NAME | typeof APPROVAL_CHECK_NAME, run: { conclusion: "success" | "failure"; title: string; summary: string }): Promise<void> {
  await octokit.rest.checks.create({ ...repo, name, head_sha: headSha, status: "completed", conclusion: run.conclusion, output: { title: run.title, summary: run.summary } });
}
