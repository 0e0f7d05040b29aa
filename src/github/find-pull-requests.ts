import type { Octokit, Repo } from "./octokit.js";
import { getPullRequest, toPullRequestRef, type PullRequestRef } from "./pull-request.js";

/** Open pull requests listed at most: 10 pages of 100. */
const MAX_OPEN_PULL_REQUESTS = 1000;

/**
 * The open pull requests of `repo` whose head is `sha`, for a re-run request. Numbers the event already
 * names (same-repository pull requests, or the number in our own check run's external_id) are read
 * directly. Otherwise — a fork's pull request, which the Checks API never links — the open pull requests
 * are listed and matched by head sha. That listing is exact and documented for every pull request;
 * `GET /commits/{sha}/pulls` documents only "associated" pull requests and nothing about forks, and the
 * search API is limited to 30 requests a minute and indexes asynchronously.
 */
export async function findPullRequests(octokit: Octokit, repo: Repo, sha: string, known: readonly number[]): Promise<PullRequestRef[]> {
  if (known.length > 0) {
    // A pull request that moved on to a newer head, or closed, has nothing left to re-run at this sha.
    const found = await Promise.all([...new Set(known)].map((number) => getPullRequest(octokit, repo, number)));
    return found.filter((pr) => pr.open && pr.headSha === sha).map(({ open: _, author: __, ...pr }) => pr);
  }
  const matching: PullRequestRef[] = [];
  let listed = 0;
  for await (const { data } of octokit.paginate.iterator(octokit.rest.pulls.list, { ...repo, state: "open", per_page: 100 })) {
    for (const pr of data) if (pr.head.sha === sha) matching.push(toPullRequestRef(pr));
    listed += data.length;
    if (listed >= MAX_OPEN_PULL_REQUESTS) break;
  }
  return matching;
}
