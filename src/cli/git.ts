import { spawn } from "node:child_process";
import { batchReads } from "../core/batch-reads.js";
import type { Snapshot, TreeEntry } from "../core/snapshot.js";
import { clip } from "../text/clip.js";
import { quoteValue } from "../text/quote-value.js";
import { openObjectStore, type GitRunner, type ObjectStore } from "./git-object-store.js";

export type { GitRunner };

/** Runs git without a shell. Every command takes a runner, so that tests can count the processes. */
export const runGit: GitRunner = (repo, args) => spawn("git", ["-C", repo, ...args], { stdio: ["pipe", "pipe", "pipe"] });

/** One git command run to its end, given `input` when there is one: its standard output, or an error saying what git said. */
export function gitOutput(repo: string, args: string[], run: GitRunner = runGit, input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = run(repo, args);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => reject(new Error(`git ${args[0]} failed: ${error.message}`)));
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(stdout));
      else reject(new Error(`git ${args[0]} failed: ${clip(Buffer.concat(stderr).toString("utf8").trim() || `exit status ${code}`, 2000)}`));
    });
    // git may stop reading before the end of its input; its exit status then says why.
    child.stdin.on("error", () => undefined);
    child.stdin.end(input ?? "");
  });
}

export async function gitText(repo: string, args: string[], run: GitRunner = runGit): Promise<string> {
  return (await gitOutput(repo, args, run)).toString("utf8").trim();
}

/**
 * git as one command uses it: each repository's objects — the commits refs name, and the contents of
 * files at any commit — come from one `git cat-file --batch` that the command closes when it ends; each
 * commit's files from one `git ls-tree`. A folder of 3,000 records costs as many processes as one of 3.
 */
export interface Git {
  run: GitRunner;
  /** The commit a ref names, or a clear error when it names none. */
  resolveCommit(repo: string, ref: string): Promise<string>;
  /** A commit read through git's object store, never the working tree. */
  snapshot(repo: string, commit: string): GitSnapshot;
  /** Lets every git process of the command end. */
  close(): void;
}

/** A commit as the command line reads it: a snapshot whose files can be asked for before they are needed. */
export interface GitSnapshot extends Snapshot {
  /** Starts reading these files (those the commit has), so that a later `read` finds them read or on their way. */
  readAhead(paths: readonly string[]): void;
}

interface Blobs {
  read(sha: string): Promise<Uint8Array>;
  readAhead(shas: readonly string[]): void;
}

/** A command's work with git open, and its processes let go however the work ends. */
export async function withGit<T>(run: GitRunner, work: (git: Git) => Promise<T>): Promise<T> {
  const git = openGit(run);
  try {
    return await work(git);
  } finally {
    git.close();
  }
}

export function openGit(run: GitRunner = runGit): Git {
  const stores = new Map<string, { store: ObjectStore; blobs: Blobs }>();
  const storeOf = (repo: string) => {
    let opened = stores.get(repo);
    if (!opened) {
      const store = openObjectStore(repo, run);
      // Every blob asked for before the event loop turns — at either commit — goes to git in one write.
      const read = batchReads((sha: string) => sha, (shas) => readBlobs(store, shas));
      // A blob read ahead is kept only until it is read: the command holds no file longer than it did.
      const ahead = new Map<string, Promise<Uint8Array>>();
      const blobs: Blobs = {
        read(sha) {
          const early = ahead.get(sha);
          ahead.delete(sha);
          return early ?? read(sha);
        },
        readAhead(shas) {
          const wanted = shas.filter((sha) => !ahead.has(sha));
          if (wanted.length === 0) return;
          // Asked of git at once, not when the event loop next turns: the work that follows may not let it turn.
          const reading = readBlobs(store, wanted);
          for (const sha of wanted) {
            const blob = reading.then((blobs) => blobs.get(sha)!);
            // Read later, or never: a file read ahead for nothing must not count as unhandled.
            blob.catch(() => undefined);
            ahead.set(sha, blob);
          }
        },
      };
      stores.set(repo, (opened = { store, blobs }));
    }
    return opened;
  };
  return {
    run,
    async resolveCommit(repo, ref) {
      const [object] = await storeOf(repo).store.read([`${ref}^{commit}`]).catch((error: unknown) => {
        // A ref that cannot even be asked for (a line break in it) names no commit; git failing is said as git said it.
        if (/[\n\0]/.test(ref)) return [undefined];
        throw error;
      });
      if (object?.type !== "commit") throw new Error(`${quoteValue(ref)} is not a commit in ${repo} (git found nothing by that name)`);
      return object.sha;
    },
    snapshot(repo, commit) {
      return snapshotOf(repo, commit, run, storeOf(repo).blobs);
    },
    close() {
      for (const { store } of stores.values()) store.close();
    },
  };
}

function snapshotOf(repo: string, commit: string, run: GitRunner, blobs: Blobs): GitSnapshot {
  let tree: Promise<TreeEntry[]> | undefined;
  let bySha: Promise<Map<string, string>> | undefined;
  const files = () =>
    (tree ??= gitOutput(repo, ["ls-tree", "-r", "-z", "--long", commit], run).then((out) =>
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
  const shaOf = async (path: string) => {
    bySha ??= files().then((entries) => new Map(entries.map((e) => [e.path, e.sha])));
    return (await bySha).get(path);
  };
  return {
    files,
    async read(path) {
      const sha = await shaOf(path);
      return sha ? blobs.read(sha) : undefined;
    },
    readAhead(paths) {
      // The listing's failure is reported by whoever reads the files.
      void Promise.all(paths.map(shaOf)).then((shas) => blobs.readAhead(shas.filter((sha) => sha !== undefined)), () => undefined);
    },
  };
}

async function readBlobs(store: ObjectStore, shas: readonly string[]): Promise<Map<string, Uint8Array>> {
  const wanted = [...new Set(shas)];
  const objects = await store.read(wanted);
  const blobs = new Map<string, Uint8Array>();
  for (const [i, sha] of wanted.entries()) {
    const object = objects[i];
    if (object?.type !== "blob") throw new Error(`git cat-file could not read the blob ${sha}: ${object ? `it is a ${object.type}` : "missing"}`);
    blobs.set(sha, object.content);
  }
  return blobs;
}

/**
 * The base a pull request would have: the merge-base of head with the default branch (origin's HEAD,
 * else main, else master).
 */
export async function defaultBase(git: Git, repo: string, head: string): Promise<string> {
  const candidates: string[] = [];
  try {
    candidates.push(await gitText(repo, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"], git.run));
  } catch {
    // no remote HEAD: fall back to the usual names
  }
  candidates.push("origin/main", "main", "origin/master", "master");
  for (const candidate of candidates) {
    const commit = await git.resolveCommit(repo, candidate).catch(() => undefined);
    if (!commit) continue;
    return gitText(repo, ["merge-base", commit, head], git.run);
  }
  throw new Error("no default branch found (origin/HEAD, main or master): pass --base REF");
}
