import { CHECK_RUN_NAME } from "../report/render-check-run.js";
import type { Octokit, Repo } from "./octokit.js";

/**
 * Starts the `SOUP records` check on a head commit, in progress, before any other work: a required check
 * then shows at once, and whatever happens next has a run to complete.
 */
export async function createCheckRun(octokit: Octokit, repo: Repo, headSha: string, externalId: string): Promise<number> {
  const { data } = await octokit.rest.checks.create({
    ...repo,
    name: CHECK_RUN_NAME,
    head_sha: headSha,
    status: "in_progress",
    external_id: externalId,
    output: { title: "Checking SOUP records…", summary: "soup-gate is comparing the lockfiles of this pull request with its SOUP records." },
  });
  return data.id;
}
