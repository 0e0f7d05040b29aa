import type { TreeEntry } from "../core/snapshot.js";
import type { Octokit, Repo } from "./octokit.js";

/** GitHub lists at most this many files of a comparison. */
export const MAX_COMPARED_FILES = 300;

/** A path the pull request changes, as GitHub lists it: `sha` is the blob at head (null when GitHub gives none). */
export interface ChangedFile {
  path: string;
  status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";
  sha: string | null;
  /** The old name of a renamed or copied file. */
  previousPath?: string;
}

export interface Comparison {
  /**
   * The commit a pull request is diffed against on GitHub ("Files changed"): the merge base of its base
   * and head. The base branch's tip is not it: when the base branch moved on and touched the same
   * lockfile, diffing against the tip would show the base branch's own upgrades as this PR's downgrades.
   */
  mergeBase: string;
  /** What head changes against the merge base; undefined when GitHub's 300-file cap may have cut the list. */
  files?: ChangedFile[];
}

/**
 * `base...head` in one request: the merge base, and the changed files with their blob ids at head. Both
 * are facts about two commits, which never change, so a comparison can be kept by its two shas.
 */
export async function compareCommits(octokit: Octokit, repo: Repo, base: string, head: string): Promise<Comparison> {
  // One commit per page: the merge base and the files (GitHub lists them on the first page only) are all we read.
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}`, per_page: 1 });
  const complete = data.files !== undefined && data.files.length < MAX_COMPARED_FILES;
  const files = complete
    ? data.files!.map((f) => ({ path: f.filename, status: f.status, sha: f.sha ?? null, ...(f.previous_filename ? { previousPath: f.previous_filename } : {}) }))
    : undefined;
  return { mergeBase: data.merge_base_commit.sha, ...(files ? { files } : {}) };
}

/** Every path the comparison changes, a rename giving both names. */
export function changedPaths(files: readonly ChangedFile[]): string[] {
  return files.flatMap((f) => (f.previousPath && f.status === "renamed" ? [f.path, f.previousPath] : [f.path]));
}

/**
 * The head commit's files, worked out from the merge base's tree and what the comparison says head
 * changed — the same listing a tree request for head returns, without the request. Undefined when a
 * changed file comes without its blob id; then the head tree has to be read.
 */
export function treeAfter(base: readonly TreeEntry[], files: readonly ChangedFile[]): TreeEntry[] | undefined {
  const tree = new Map(base.map((entry) => [entry.path, entry]));
  for (const file of files) {
    if (file.status === "removed") {
      tree.delete(file.path);
      continue;
    }
    if (!file.sha) return undefined;
    if (file.status === "renamed" && file.previousPath) tree.delete(file.previousPath);
    tree.set(file.path, { path: file.path, sha: file.sha });
  }
  return [...tree.values()];
}
