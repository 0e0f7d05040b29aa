import type { Octokit, Repo } from "./octokit.js";

/** What one evaluation needs to know about a pull request, whichever event or API call it came from. */
export interface PullRequestRef {
  number: number;
  headSha: string;
  /** The base branch's tip when GitHub last looked; the diff is against its merge base with the head. */
  baseSha: string;
  /** The title, for the history; absent when the source of the reference did not say. */
  title?: string;
}

interface PullRequestLike {
  number: number;
  title?: string;
  head: { sha: string };
  base: { sha: string };
}

export function toPullRequestRef(pr: PullRequestLike): PullRequestRef {
  return { number: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha, ...(pr.title !== undefined ? { title: pr.title } : {}) };
}

/** The pull request as it is now (a webhook payload may be older than the last push). */
export async function getPullRequest(octokit: Octokit, repo: Repo, number: number): Promise<PullRequestRef & { open: boolean; author: string }> {
  const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
  return { ...toPullRequestRef(data), open: data.state === "open", author: data.user.login };
}
