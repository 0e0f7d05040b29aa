import type { CheckRunUpdate } from "../report/render-check-run.js";
import type { Octokit, Repo } from "./octokit.js";

/** Sends one update built by `renderCheckRun` (annotations are appended, the output replaced). */
export async function updateCheckRun(octokit: Octokit, repo: Repo, checkRunId: number, update: CheckRunUpdate): Promise<void> {
  await octokit.rest.checks.update({ ...repo, check_run_id: checkRunId, ...update });
}
