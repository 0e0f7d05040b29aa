import type { Octokit, Repo } from "./octokit.js";

/** GitHub lists at most this many files of a pull request. */
export const MAX_LISTED_FILES = 3000;

/**
 * The paths a pull request changes, a rename giving both names; undefined when GitHub's 3,000-file cap
 * may have cut the list, so that the caller compares whole trees instead of missing a lockfile.
 */
export async function listChangedPaths(octokit: Octokit, repo: Repo, pullNumber: number): Promise<string[] | undefined> {
  const paths: string[] = [];
  let files = 0;
  const pages = octokit.paginate.iterator(octokit.rest.pulls.listFiles, { ...repo, pull_number: pullNumber, per_page: 100 });
  for await (const { data } of pages) {
    for (const file of data) {
      files += 1;
      paths.push(file.filename);
      if (file.previous_filename) paths.push(file.previous_filename);
    }
  }
  return files >= MAX_LISTED_FILES ? undefined : paths;
}
