import type { Snapshot, TreeEntry } from "../core/snapshot.js";
import type { Octokit, Repo } from "./octokit.js";
import { readBlob } from "./read-blob.js";
import { readTree } from "./read-tree.js";

/** Where blob contents are kept between reads: the App's cache keyed by blob sha. */
export interface BlobLoader {
  load(sha: string, fetch: () => Promise<Uint8Array>): Promise<Uint8Array>;
}

export interface GitHubSnapshotOptions {
  octokit: Octokit;
  /** The repository whose object store holds the commit (for a fork's pull request: the base repository). */
  repo: Repo;
  /** A commit sha or branch name, or how to find it when finding it costs a request worth saving. */
  commit: string | (() => Promise<string>);
  blobs: BlobLoader;
}

/**
 * One commit read through the REST API: its tree in one request, then only the blobs the evaluation asks
 * for, each fetched once per process (by blob sha) however many pull requests and pushes share it.
 */
export function githubSnapshot({ octokit, repo, commit, blobs }: GitHubSnapshotOptions): Snapshot {
  let tree: Promise<TreeEntry[]> | undefined;
  let byPath: Promise<Map<string, TreeEntry>> | undefined;
  const files = () => (tree ??= Promise.resolve(typeof commit === "string" ? commit : commit()).then((sha) => readTree(octokit, repo, sha)));
  return {
    files,
    async read(path) {
      byPath ??= files().then((entries) => new Map(entries.map((entry) => [entry.path, entry])));
      const entry = (await byPath).get(path);
      return entry && blobs.load(entry.sha, () => readBlob(octokit, repo, entry.sha));
    },
  };
}
