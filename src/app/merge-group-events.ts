import type { Context } from "probot";
import { ownAppId } from "../github/app-id.js";
import { listApprovalRuns } from "../github/approval-runs.js";
import { describeError } from "../github/describe-error.js";
import { latestRecordsConclusion, postGroupCheck, queuedPullRequests } from "../github/merge-queue.js";
import { getPullRequest } from "../github/pull-request.js";
import { APPROVAL_CHECK_NAME } from "../report/render-approval.js";
import { CHECK_RUN_NAME } from "../report/render-check-run.js";
import { renderGroupApproval, renderGroupRecords, type QueuedPull } from "../report/render-merge-group.js";
import type { AppDeps } from "./app-deps.js";
import { prepareEvent } from "./prepare-event.js";

/**
 * A merge queue asks for the required checks on the branch it builds: both are posted there, completed,
 * from the pull requests in the group as their own checks left them — success only for changes that
 * passed and were approved. Nothing is evaluated again: a pull request in the queue cannot change. When
 * the group cannot be read, both fail and say why: a queue never merges past the gate.
 */
export function createMergeGroupEvents(deps: AppDeps) {
  return {
    checksRequested: prepareEvent(deps, async (context: Context<"merge_group.checks_requested">) => {
      const { head_sha: headSha, head_ref: headRef } = context.payload.merge_group;
      const { octokit } = context;
      const repo = context.repo();
      let records;
      let approval;
      try {
        const appId = await ownAppId(octokit);
        const pulls: QueuedPull[] = [];
        for (const number of await queuedPullRequests(octokit, repo, headRef, headSha)) {
          const pr = await getPullRequest(octokit, repo, number);
          const [run] = await listApprovalRuns(octokit, repo, pr.headSha, appId, number);
          pulls.push({ number, headSha: pr.headSha, records: await latestRecordsConclusion(octokit, repo, pr.headSha, appId, number), approval: run?.state });
        }
        records = renderGroupRecords(pulls);
        approval = renderGroupApproval(pulls);
      } catch (error) {
        const why = describeError(error);
        context.log.error({ err: error, head: headSha, ref: headRef }, `merge group ${headRef} could not be checked: ${why}`);
        const failed = (name: string) => ({ conclusion: "failure" as const, title: `${name} could not check the merge group: ${why}`, summary: `soup-gate could not tell which pull requests this merge group holds, or how their checks stand, so it fails rather than let the queue merge unchecked.\n\n**Why:** ${why}\n\nRemove the pull request from the queue and queue it again to have the group checked again.` });
        records = failed(CHECK_RUN_NAME);
        approval = failed(APPROVAL_CHECK_NAME);
      }
      await postGroupCheck(octokit, repo, headSha, CHECK_RUN_NAME, records);
      await postGroupCheck(octokit, repo, headSha, APPROVAL_CHECK_NAME, approval);
      context.log.info({ head: headSha, ref: headRef, records: records.conclusion, approval: approval.conclusion }, `merge group ${headRef}: ${CHECK_RUN_NAME} ${records.conclusion}, ${APPROVAL_CHECK_NAME} ${approval.conclusion}`);
    }),
  };
}
