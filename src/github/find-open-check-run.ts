import { CHECK_RUN_NAME } from "../report/render-check-run.js";
import { ownAppId } from "./app-id.js";
import { parseExternalId } from "./external-id.js";
import type { Octokit, Repo } from "./octokit.js";

/**
 * The newest `SOUP records` run this App left in progress for pull request `pr` at `head`: an attempt
 * that stopped between creating it and recording it (a killed process) left it, and the next attempt
 * completes it rather than leave it in progress beside a new one.
 */
export async function findOpenCheckRun(octokit: Octokit, repo: Repo, head: string, pr: number): Promise<number | undefined> {
  const appId = await ownAppId(octokit);
  const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: head, check_name: CHECK_RUN_NAME, app_id: appId, filter: "all", per_page: 100 });
  const open = data.check_runs.filter((run) => run.app?.id === appId && run.name === CHECK_RUN_NAME && run.status !== "completed" && parseExternalId(run.external_id)?.pullRequest === pr);
  return open.sort((a, b) => b.id - a.id)[0]?.id;
}
