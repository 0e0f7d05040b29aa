import { spawn } from "node:child_process";
import { batchReads } from "../core/batch-reads.js";
import type { Snapshot, TreeEntry } from "../core/snapshot.js";
import { clip } from "../text/clip.js";
import { quoteValue } from "../text/quote-value.js";

/**
 * How the command line runs git: in `repo`, with these arguments and, when given, this standard input;
 * resolves with the standard output. Every command takes one, so that tests can count the processes.
 */
export type GitRunner = (repo: string, args: string[], input?: string) => Promise<Buffer>;

/** Runs git without a shell; the error says what git said. */
export const runGit: GitRunner = (repo, args, input) =>
  new Promise((resolve, reject) => {
    const child = spawn("git", ["-C", repo, ...args], { stdio: ["pipe", "pipe", "pipe"] });
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

export function git(repo: string, args: string[], run: GitRunner = runGit): Promise<Buffer> {
  return run(repo, args);
}

export async function gitText(repo: string, args: string[], run: GitRunner = runGit): Promise<string> {
  return (await run(repo, args)).toString("utf8").trim();
}

/** The commit a ref names, or a clear error when it names none. */
export async function resolveCommit(repo: string, ref: string, run: GitRunner = runGit): Promise<string> {
  try {
    return await gitText(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], run);
  } catch {
    throw new Error(`${quoteValue(ref)} is not a commit in ${repo} (git rev-parse found nothing)`);
  }
}

/** One batch reader per runner and repository, so that the snapshots of both commits pool their reads. */
const blobReaders = new WeakMap<GitRunner, Map<string, (sha: string) => Promise<Uint8Array>>>();

function blobReader(repo: string, run: GitRunner): (sha: string) => Promise<Uint8Array> {
  let byRepo = blobReaders.get(run);
  if (!byRepo) blobReaders.set(run, (byRepo = new Map()));
  let reader = byRepo.get(repo);
  if (!reader) byRepo.set(repo, (reader = batchReads((sha: string) => sha, (shas) => catBlobs(repo, shas, run))));
  return reader;
}

/**
 * A commit read through git's object store, never the working tree: every file from one `git ls-tree`,
 * and the contents of the files a command reads together — at either commit — from one
 * `git cat-file --batch`, so a folder of 3,000 records costs one git process, not 3,000.
 */
export function gitSnapshot(repo: string, commit: string, run: GitRunner = runGit): Snapshot {
  let tree: Promise<TreeEntry[]> | undefined;
  let bySha: Promise<Map<string, string>> | undefined;
  const readBlob = blobReader(repo, run);
  const files = () =>
    (tree ??= run(repo, ["ls-tree", "-r", "-z", "--long", commit]).then((out) =>
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
      return sha ? readBlob(sha) : undefined;
    },
  };
}

/** The contents of many blobs from one `git cat-file --batch`: `<sha> blob <size>\n<content>\n` each. */
async function catBlobs(repo: string, shas: readonly string[], run: GitRunner): Promise<Map<string, Uint8Array>> {
  const wanted = [...new Set(shas)];
  const out = await run(repo, ["cat-file", "--batch"], `${wanted.join("\n")}\n`);
  const blobs = new Map<string, Uint8Array>();
  let at = 0;
  for (const sha of wanted) {
    const end = out.indexOf(0x0a, at);
    const header = out.toString("utf8", at, end === -1 ? out.length : end).split(" ");
    if (end === -1 || header[0] !== sha || header[1] !== "blob") throw new Error(`git cat-file could not read the blob ${sha}: ${header.slice(1).join(" ") || "no answer"}`);
    const size = Number(header[2]);
    blobs.set(sha, out.subarray(end + 1, end + 1 + size));
    at = end + 1 + size + 1;
  }
  return blobs;
}

/**
 * The base a pull request would have: the merge-base of head with the default branch (origin's HEAD,
 * else main, else master).
 */
export async function defaultBase(repo: string, head: string, run: GitRunner = runGit): Promise<string> {
  const candidates: string[] = [];
  try {
    candidates.push(await gitText(repo, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"], run));
  } catch {
    // no remote HEAD: fall back to the usual names
  }
  candidates.push("origin/main", "main", "origin/master", "master");
  for (const candidate of candidates) {
    const commit = await resolveCommit(repo, candidate, run).catch(() => undefined);
    if (!commit) continue;
    return gitText(repo, ["merge-base", commit, head], run);
  }
  throw new Error("no default branch found (origin/HEAD, main or master): pass --base REF");
}
