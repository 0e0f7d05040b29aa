import { COMMENT_MARKER } from "../github/find-soup-comments.js";
import { getPullRequest, type PullRequestRef } from "../github/pull-request.js";
import { upsertComment, type UpsertOutcome } from "../github/upsert-comment.js";
import { DEFAULT_RECORDS_DIR } from "../policy/config.js";
import type { Evaluation } from "../policy/evaluation.js";
import { renderMarkdown } from "../report/render-markdown.js";
import type { Evaluated, Site } from "./evaluate-pull-request.js";

/** GitHub refuses comment bodies longer than this ("Body is too long (maximum is 65536 characters)"). */
const MAX_COMMENT = 65_536;

/**
 * Writes the pull request's one comment: the report, drafts for missing records and the approval section.
 * A comment is started only for a checked change or a problem; once there, it is kept up to date, unless a
 * newer push made this evaluation stale.
 */
export async function writeComment(site: Site, pr: PullRequestRef, evaluated: Evaluated, approval: string): Promise<UpsertOutcome> {
  const { octokit, repo } = site;
  const { evaluation, policy, link } = evaluated;
  const body = renderMarkdown(evaluation, { drafts: true, maxLength: MAX_COMMENT - COMMENT_MARKER.length - 1, link, recordsDir: policy.config.records.path[0] ?? DEFAULT_RECORDS_DIR, ...(approval ? { approval } : {}) });
  return upsertComment(octokit, repo, pr.number, body, {
    create: hasSomethingToSay(evaluation),
    isCurrent: async () => (await getPullRequest(octokit, repo, pr.number)).headSha === pr.headSha,
  });
}

function hasSomethingToSay(evaluation: Evaluation): boolean {
  return evaluation.changes.some((c) => c.inScope) || evaluation.findings.some((f) => f.severity !== "notice");
}
