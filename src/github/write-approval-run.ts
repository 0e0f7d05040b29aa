import type { ApprovalRunOutput } from "../report/render-approval.js";
import { APPROVAL_CHECK_NAME } from "../report/render-approval.js";
import type { Octokit, Repo } from "./octokit.js";

/** Posts the completed `SOUP approval` run of one evaluation; returns its id. */
export async function createApprovalRun(octokit: Octokit, repo: Repo, headSha: string, externalId: string, run: ApprovalRunOutput): Promise<number> {
  const { data } = await octokit.rest.checks.create({ ...repo, name: APPROVAL_CHECK_NAME, head_sha: headSha, external_id: externalId, ...body(run) });
  return data.id;
}

/** Rewrites an existing `SOUP approval` run: an approval, a revocation, a refusal or a failed evaluation. */
export async function updateApprovalRun(octokit: Octokit, repo: Repo, checkRunId: number, externalId: string, run: ApprovalRunOutput): Promise<void> {
  await octokit.rest.checks.update({ ...repo, check_run_id: checkRunId, external_id: externalId, ...body(run) });
}

function body(run: ApprovalRunOutput) {
  return {
    status: "completed" as const,
    conclusion: run.conclusion,
    output: { title: run.title, summary: run.summary, text: run.text },
    // An empty list takes the Approve button away once there is nothing left to approve.
    actions: run.actions,
  };
}
