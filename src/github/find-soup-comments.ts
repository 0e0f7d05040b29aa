import { ownAppId } from "./app-id.js";
import type { Octokit, Repo } from "./octokit.js";
import { compareText } from "../text/compare-text.js";

/** The hidden first line that marks soup-gate's comment, so that it is found again and edited in place. */
export const COMMENT_MARKER = "<!-- soup-gate -->";

export interface SoupComment {
  id: number;
  body: string;
}

/**
 * soup-gate's comments on a pull request, oldest first. Only comments by a bot count — a person quoting
 * the comment copies the marker, and their comment is theirs — and, where GitHub names the App that
 * posted it, only this App's: a workflow's bot copying the marker must not be taken for soup-gate.
 */
export async function findSoupComments(octokit: Octokit, repo: Repo, issueNumber: number): Promise<SoupComment[]> {
  const appId = await ownAppId(octokit);
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 });
  return comments
    .filter((c) => c.user?.type === "Bot" && (!c.performed_via_github_app || c.performed_via_github_app.id === appId) && c.body?.startsWith(COMMENT_MARKER))
    .sort((a, b) => compareText(a.created_at, b.created_at) || a.id - b.id)
    .map((c) => ({ id: c.id, body: c.body ?? "" }));
}
