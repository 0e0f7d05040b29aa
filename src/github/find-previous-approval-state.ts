import type { ApprovalState } from "../approval/approval-state.js";
import { listApprovalRuns } from "./approval-runs.js";
import type { Octokit, Repo } from "./octokit.js";
import { listPullRequestCommits } from "./pull-request-commits.js";

/** Earlier commits of the pull request looked at, newest first, when the head has no approval yet. */
export const MAX_EARLIER_COMMITS = 30;

export interface PreviousApprovalQuery {
  appId: number;
  pr: number;
  head: string;
  /** The head before this push (`synchronize`'s `before`): still found after a force-push rewrote history. */
  before?: string;
  /** Look past the head: false for a pull request just opened, which has no earlier evaluation. */
  history: boolean;
}

/**
 * The approval state an evaluation starts from: the newest state this App wrote for this pull request on
 * the head (a re-run keeps an approval given on this head), else on the head before this push, else on
 * the pull request's earlier commits, newest first and at most MAX_EARLIER_COMMITS of them. A run without
 * a state (an evaluation that failed) is passed over, so a failed re-run never loses an approval.
 */
export async function findPreviousApprovalState(octokit: Octokit, repo: Repo, query: PreviousApprovalQuery): Promise<ApprovalState | undefined> {
  const looked = new Set<string>();
  const stateOn = async (sha: string) => {
    looked.add(sha);
    return (await listApprovalRuns(octokit, repo, sha, query.appId, query.pr)).find((run) => run.state)?.state;
  };
  const onHead = await stateOn(query.head);
  if (onHead || !query.history) return onHead;

  let budget = MAX_EARLIER_COMMITS;
  if (query.before && !/^0+$/.test(query.before) && !looked.has(query.before)) {
    budget -= 1;
    const before = await stateOn(query.before);
    if (before) return before;
  }
  const shas = (await listPullRequestCommits(octokit, repo, query.pr)).map((commit) => commit.sha);
  // Commits after this head (a newer push overtook this evaluation) are not its history.
  const end = shas.indexOf(query.head);
  const earlier = (end === -1 ? shas : shas.slice(0, end)).reverse().filter((sha) => !looked.has(sha));
  for (const sha of earlier.slice(0, Math.max(0, budget))) {
    const state = await stateOn(sha);
    if (state) return state;
  }
  return undefined;
}
