import type { Octokit, Repo } from "./octokit.js";

export interface PullRequestCommit {
  sha: string;
  /** GitHub logins of the commit's author and committer (GitHub's own `web-flow` committer left out). */
  people: string[];
}

/** GitHub lists at most this many commits of a pull request. */
const MAX_COMMITS = 250;

/**
 * The pull request's commits, oldest first, as GitHub lists them (at most 250). A commit whose email
 * GitHub cannot match to an account has no login: it names nobody who could approve.
 */
export async function listPullRequestCommits(octokit: Octokit, repo: Repo, pullNumber: number): Promise<PullRequestCommit[]> {
  const commits: PullRequestCommit[] = [];
  for await (const { data } of octokit.paginate.iterator(octokit.rest.pulls.listCommits, { ...repo, pull_number: pullNumber, per_page: 100 })) {
    for (const commit of data) {
      const people = [commit.author?.login, commit.committer?.login].filter((login): login is string => typeof login === "string" && login !== "" && login !== "web-flow");
      commits.push({ sha: commit.sha, people: [...new Set(people)] });
    }
    if (commits.length >= MAX_COMMITS) break;
  }
  return commits;
}
