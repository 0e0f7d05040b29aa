import { decodeApprovalState, type ApprovalState } from "../approval/approval-state.js";
import { APPROVAL_CHECK_NAME } from "../report/render-approval.js";
import { parseExternalId } from "./external-id.js";
import type { Octokit, Repo } from "./octokit.js";

export interface ApprovalRun {
  id: number;
  headSha: string;
  externalId: string;
  conclusion: string | null;
  /** The approval state it holds; undefined for a run that could not evaluate (or is not ours to read). */
  state: ApprovalState | undefined;
}

/** Runs listed per commit at most: more re-runs of one commit than this are not worth paging through. */
const MAX_RUNS = 300;

/**
 * The `SOUP approval` runs that this App wrote for pull request `pr` on one commit, newest first. The
 * filter is asked of GitHub (`app_id`) and checked again here, so a same-named run from a workflow or
 * another App is never read; the external id (`<pr>` or `<pr>:<digest>`) keeps two pull requests that
 * share a commit apart.
 */
export async function listApprovalRuns(octokit: Octokit, repo: Repo, ref: string, appId: number, pr: number): Promise<ApprovalRun[]> {
  const runs: ApprovalRun[] = [];
  let listed = 0;
  const pages = octokit.paginate.iterator(octokit.rest.checks.listForRef, { ...repo, ref, check_name: APPROVAL_CHECK_NAME, app_id: appId, filter: "all", per_page: 100 });
  for await (const { data } of pages) {
    for (const run of data) {
      if (run.app?.id !== appId || run.name !== APPROVAL_CHECK_NAME || parseExternalId(run.external_id)?.pullRequest !== pr) continue;
      runs.push({ id: run.id, headSha: run.head_sha, externalId: run.external_id ?? "", conclusion: run.conclusion, state: decodeApprovalState(run.output.text) });
    }
    listed += data.length;
    if (listed >= MAX_RUNS) break;
  }
  // Run ids grow with time; GitHub documents no order for this list.
  return runs.sort((a, b) => b.id - a.id);
}
