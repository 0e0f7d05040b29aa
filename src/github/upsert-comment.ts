import { COMMENT_MARKER, findSoupComments } from "./find-soup-comments.js";
import type { Octokit, Repo } from "./octokit.js";

export interface UpsertCommentOptions {
  /** Whether to create the comment when there is none yet; an existing one is always kept up to date. */
  create: boolean;
  /** Asked just before writing: false when a newer push made this evaluation stale. */
  isCurrent: () => Promise<boolean>;
}

export type UpsertOutcome = "created" | "updated" | "unchanged" | "nothing to say" | "stale";

/**
 * Keeps exactly one soup-gate comment on the pull request. Several replicas may handle the same pull request
 * at once (two quick pushes, a redelivered webhook), so nothing here relies on memory: after creating, the
 * comments are listed again and every soup-gate comment but the oldest is deleted — every replica picks the
 * same survivor — and the survivor is given this body when it holds another.
 */
export async function upsertComment(octokit: Octokit, repo: Repo, issueNumber: number, markdown: string, options: UpsertCommentOptions): Promise<UpsertOutcome> {
  const body = `${COMMENT_MARKER}\n${markdown}`;
  const [existing, ...extra] = await findSoupComments(octokit, repo, issueNumber);
  if (!existing && !options.create) return "nothing to say";
  if (!(await options.isCurrent())) return "stale";
  if (existing) {
    await deleteComments(octokit, repo, extra.map((c) => c.id));
    if (existing.body === body) return "unchanged";
    await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body });
    return "updated";
  }
  const { data: created } = await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
  const [oldest, ...others] = await findSoupComments(octokit, repo, issueNumber);
  await deleteComments(octokit, repo, others.map((c) => c.id));
  if (oldest && oldest.id !== created.id && oldest.body !== body) await octokit.rest.issues.updateComment({ ...repo, comment_id: oldest.id, body });
  return "created";
}

async function deleteComments(octokit: Octokit, repo: Repo, ids: readonly number[]): Promise<void> {
  for (const id of ids) {
    // Another replica converging on the same survivor may have deleted it first.
    await octokit.rest.issues.deleteComment({ ...repo, comment_id: id }).catch((error: { status?: number }) => {
      if (error.status !== 404) throw error;
    });
  }
}
