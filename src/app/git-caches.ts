import type { TreeEntry } from "../core/snapshot.js";
import type { Comparison } from "../github/compare-commits.js";
import { BlobCache } from "./blob-cache.js";
import { ContentCache } from "./content-cache.js";

/**
 * What the process remembers of git, and only what can never change: blobs by blob sha, trees by commit
 * sha, comparisons by their two commit shas. Everything that can change — the pull request, its check
 * runs and comments, the policy, who may approve, a branch — is asked of GitHub every time.
 */
export interface GitCaches {
  blobs: BlobCache;
  /** Trees keyed `owner/repo@commit`, weighed in entries. */
  trees: ContentCache<TreeEntry[]>;
  /** Comparisons keyed `owner/repo:base...head`, weighed in files. */
  comparisons: ContentCache<Comparison>;
}

/** 200,000 tree entries are some 40 MB: a few large monorepo trees, or many ordinary ones. */
const MAX_TREE_ENTRIES = 200_000;
/** A comparison lists at most 300 files: about a hundred of the largest. */
const MAX_COMPARED_FILES = 30_000;

export function createGitCaches(): GitCaches {
  return {
    blobs: new BlobCache(),
    trees: new ContentCache<TreeEntry[]>(MAX_TREE_ENTRIES, (entries) => entries.length),
    comparisons: new ContentCache<Comparison>(MAX_COMPARED_FILES, (comparison) => 1 + (comparison.files?.length ?? 0)),
  };
}
