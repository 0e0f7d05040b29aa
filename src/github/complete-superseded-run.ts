import { CHECK_RUN_NAME } from "../report/render-check-run.js";
import type { Octokit, Repo } from "./octokit.js";

/**
 * Completes a `SOUP records` run of a head that a newer push replaced before its evaluation finished, as
 * `cancelled` naming the newer head. Not `neutral` nor `skipped`: those satisfy a required check, and the
 * older head, pushed again, must not find a passing check it never earned; `cancelled` blocks a merge,
 * while branch protection only reads the checks of a pull request's current head anyway. A run that
 * completed meanwhile keeps its result (the head's runs are listed: a read, where a blind write could
 * overwrite a result).
 */
export async function completeSupersededRun(octokit: Octokit, repo: Repo, run: { head: string; runId: number }, newerHead: string): Promise<void> {
  const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: run.head, check_name: CHECK_RUN_NAME, filter: "all", per_page: 100 });
  const found = data.check_runs.find((r) => r.id === run.runId);
  if (found?.status === "completed") return;
  const short = newerHead.slice(0, 7);
  await octokit.rest.checks.update({
    ...repo,
    check_run_id: run.runId,
    status: "completed",
    conclusion: "cancelled",
    output: {
      title: `Superseded by ${short}`,
      summary: `A newer push (${newerHead}) replaced this commit before soup-gate finished evaluating it; the ${CHECK_RUN_NAME} check of ${short} holds the result.`,
    },
  });
}
