import type { Snapshot, TreeEntry } from "../core/snapshot.js";

/** Where blob contents are kept between reads: the App's cache keyed by blob sha. */
export interface BlobLoader {
  load(sha: string, fetch: () => Promise<Uint8Array>): Promise<Uint8Array>;
}

export interface GitHubSnapshotOptions {
  /** Every file of the commit: its tree, read (or worked out) at most once per snapshot. */
  files: () => Promise<TreeEntry[]>;
  blobs: BlobLoader;
  /** Reads a file's blob from GitHub; asked only for blobs the cache does not hold. */
  fetch: (entry: TreeEntry) => Promise<Uint8Array>;
}

/**
 * One commit read through GitHub's API: its tree, then only the blobs the evaluation asks for, each
 * fetched once per process (by blob sha) however many pull requests and pushes share it.
 */
export function githubSnapshot({ files, blobs, fetch }: GitHubSnapshotOptions): Snapshot {
  let tree: Promise<TreeEntry[]> | undefined;
  let byPath: Promise<Map<string, TreeEntry>> | undefined;
  const list = () => (tree ??= files());
  return {
    files: list,
    async read(path) {
      byPath ??= list().then((entries) => new Map(entries.map((entry) => [entry.path, entry])));
      const entry = (await byPath).get(path);
      return entry && blobs.load(entry.sha, () => fetch(entry));
    },
  };
}
