import { execFile } from "node:child_process";
import type { Snapshot, TreeEntry } from "../core/snapshot.js";
import { clip } from "../text/clip.js";
import { quoteValue } from "../text/quote-value.js";

/** Runs git in `repo` without a shell; the error says what git said. */
export function git(repo: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile("git", ["-C", repo, ...args], { encoding: "buffer", maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args[0]} failed: ${clip(stderr.toString().trim() || error.message, 2000)}`));
      else resolve(stdout);
    });
  });
}

export async function gitText(repo: string, args: string[]): Promise<string> {
  return (await git(repo, args)).toString("utf8").trim();
}

/** The commit a ref names, or a clear error when it names none. */
export async function resolveCommit(repo: string, ref: string): Promise<string> {
  try {
    return await gitText(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    throw new Error(`${quoteValue(ref)} is not a commit in ${repo} (git rev-parse found nothing)`);
  }
}

/** A commit read through git's object store: never the working tree. */
export function gitSnapshot(repo: string, commit: string): Snapshot {
  let tree: Promise<TreeEntry[]> | undefined;
  let bySha: Promise<Map<string, string>> | undefined;
  const files = () =>
    (tree ??= git(repo, ["ls-tree", "-r", "-z", "--long", commit]).then((out) =>
      out
        .toString("utf8")
        .split("\0")
        .filter((line) => line !== "")
        .flatMap((line) => {
          const tab = line.indexOf("\t");
          const [, type, sha, size] = line.slice(0, tab).split(/\s+/);
          return type === "blob" && sha ? [{ path: line.slice(tab + 1), sha, size: Number(size) }] : [];
        }),
    ));
  return {
    files,
    async read(path) {
      bySha ??= files().then((entries) => new Map(entries.map((e) => [e.path, e.sha])));
      const sha = (await bySha).get(path);
      return sha ? new Uint8Array(await git(repo, ["cat-file", "blob", sha])) : undefined;
    },
  };
}

/** Paths that differ between two commits; a rename counts as its old and its new name. */
export async function changedPaths(repo: string, base: string, head: string): Promise<string[]> {
  const out = await git(repo, ["diff", "--name-only", "--no-renames", "-z", base, head]);
  return out.toString("utf8").split("\0").filter((p) => p !== "");
}

/**
 * The base a pull request would have: the merge-base of head with the default branch (origin's HEAD,
 * else main, else master).
 */
export async function defaultBase(repo: string, head: string): Promise<string> {
  const candidates: string[] = [];
  try {
    candidates.push(await gitText(repo, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]));
  } catch {
    // no remote HEAD: fall back to the usual names
  }
  candidates.push("origin/main", "main", "origin/master", "master");
  for (const candidate of candidates) {
    const commit = await resolveCommit(repo, candidate).catch(() => undefined);
    if (!commit) continue;
    return gitText(repo, ["merge-base", commit, head]);
  }
  throw new Error("no default branch found (origin/HEAD, main or master): pass --base REF");
}
