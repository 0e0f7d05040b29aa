import type { Octokit, Repo } from "./octokit.js";

/**
 * The commit a pull request is diffed against on GitHub ("Files changed"): the merge base of its base
 * and head. The base branch's tip is not it: when the base branch moved on and touched the same
 * lockfile, diffing against the tip would show the base branch's own upgrades as this PR's downgrades.
 */
export async function findMergeBase(octokit: Octokit, repo: Repo, base: string, head: string): Promise<string> {
  // One commit per page is all we need: the merge base is reported on every page.
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}`, per_page: 1 });
  return data.merge_base_commit.sha;
}
