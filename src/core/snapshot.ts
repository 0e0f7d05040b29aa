/** One file of a commit's tree. `sha` is the git blob id: equal ids mean equal content. */
export interface TreeEntry {
  path: string;
  sha: string;
  size?: number;
}

/**
 * Read access to one commit, whoever serves it: a local git repository (the CLI) or the GitHub API (the
 * App). The core reads nothing else, so both run exactly the same evaluation.
 */
export interface Snapshot {
  /** Every file at this commit. */
  files(): Promise<TreeEntry[]>;
  /** The file's bytes, or undefined when the commit has no such file. */
  read(path: string): Promise<Uint8Array | undefined>;
}

/** Lockfiles bigger than this are refused rather than parsed (GitHub serves blobs up to 100 MB). */
export const MAX_LOCKFILE_BYTES = 100 * 1024 * 1024;
/** A SOUP record is a page of prose; anything bigger is not one. */
export const MAX_RECORD_BYTES = 1024 * 1024;
