import { CHECK_RUN_NAME } from "../report/render-check-run.js";
import type { Octokit, Repo } from "./octokit.js";

/**
 * Completes a `SOUP records` run of a head that a newer push replaced before its evaluation finished, as
 * `cancelled` naming the newer head. Not `neutral` nor `skipped`: those satisfy a required check, and the
 * older head, pushed again, must not find a passing check it never earned; `cancelled` blocks a merge,
 * while branch protection only reads the checks of a pull request's current head anyway. A run that
 * completed meanwhile keeps its result.
 */
export async function completeSupersededRun(octokit: Octokit, repo: Repo, runId: number, newerHead: string): Promise<void> {
  const { data } = await octokit.rest.checks.get({ ...repo, check_run_id: runId });
  if (data.status === "completed") return;
  const short = newerHead.slice(0, 7);
  await octokit.rest.checks.update({
    ...repo,
    check_run_id: runId,
    status: "completed",
    conclusion: "cancelled",
    output: {
      title: `Superseded by ${short}`,
      summary: `A newer push (${newerHead}) replaced this commit before soup-gate finished evaluating it; the ${CHECK_RUN_NAME} check of ${short} holds the result.`,
    },
  });
}
