import { describeError } from "./describe-error.js";
import type { Octokit, Repo } from "./octokit.js";

export type Reaction = "+1" | "-1" | "confused";

/**
 * Acknowledges a `/soup` command with a reaction. GitHub's permission tables list this endpoint under
 * Issues (write), but on a pull request's comment GitHub checks Pull requests (write), which soup-gate has
 * already. The reaction is a courtesy sent last — the check run and the comment say what happened — so
 * if GitHub refuses it anyway the refusal is logged and nothing else changes.
 */
export async function reactToComment(octokit: Octokit, repo: Repo, commentId: number, content: Reaction): Promise<boolean> {
  try {
    await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId, content });
    return true;
  } catch (error) {
    octokit.log.warn(`could not react ${content} to comment ${commentId}: ${describeError(error)}`);
    return false;
  }
}
