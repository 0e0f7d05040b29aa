import type { TreeEntry } from "../core/snapshot.js";
import type { Octokit, Repo } from "./octokit.js";

interface GitTreeItem {
  path?: string;
  type?: string;
  sha?: string;
  size?: number;
}

/**
 * Every file of a commit (or of a branch, by name) in one recursive tree request. GitHub cuts recursive
 * listings at 100,000 entries or 7 MB and says so with `truncated`; then the tree is walked one
 * sub-tree at a time, as GitHub's documentation advises, so that no file ever goes unseen.
 */
export async function readTree(octokit: Octokit, repo: Repo, treeish: string): Promise<TreeEntry[]> {
  const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: treeish, recursive: "1" });
  if (!data.truncated) return files(data.tree, "");
  return walk(octokit, repo, data.sha, "");
}

async function walk(octokit: Octokit, repo: Repo, treeSha: string, prefix: string): Promise<TreeEntry[]> {
  const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: treeSha });
  if (data.truncated) throw new Error(`the folder "${prefix || "/"}" of ${repo.owner}/${repo.repo} holds more entries than GitHub lists in one response`);
  const subtrees = data.tree.filter((item) => item.type === "tree" && item.path && item.sha);
  const nested = await Promise.all(subtrees.map((item) => walk(octokit, repo, item.sha!, `${prefix}${item.path}/`)));
  return [...files(data.tree, prefix), ...nested.flat()];
}

/** Blobs only: sub-trees are listed by their files, and submodules (`commit`) are other repositories. */
function files(items: readonly GitTreeItem[], prefix: string): TreeEntry[] {
  return items.flatMap((item) =>
    item.type === "blob" && item.path && item.sha ? [{ path: `${prefix}${item.path}`, sha: item.sha, ...(item.size !== undefined ? { size: item.size } : {}) }] : [],
  );
}
