import { resolve } from "node:path";
import { diffTrees } from "../core/diff-trees.js";
import { MAX_RECORD_BYTES } from "../core/snapshot.js";
import { findFormat } from "../lockfiles/index.js";
import { dirName, joinPath } from "../paths.js";
import type { Evaluation } from "../policy/evaluation.js";
import { isRecordPath } from "../records/is-record-path.js";
import { defaultBase, runGit, withGit, type Git, type GitRunner, type GitSnapshot } from "./git.js";

export interface CheckOptions {
  repo: string;
  base?: string;
  head?: string;
  config?: string;
  records?: string;
  /** `--advisories DIR`: a folder of OSV records instead of the OSV API. */
  advisories?: string;
  /** The environment (`OSV_API_URL`). */
  env?: Record<string, string | undefined>;
  format: "text" | "markdown" | "json";
  today?: string;
}

/** `soup-gate check`: evaluates base..head of a local repository exactly as the App evaluates a pull request. */
export async function runCheck(options: CheckOptions, run: GitRunner = runGit): Promise<{ output: Iterable<string>; evaluation: Evaluation }> {
  return withGit(run, (git) => check(options, git));
}

async function check(options: CheckOptions, git: Git): Promise<{ output: Iterable<string>; evaluation: Evaluation }> {
  const repo = resolve(options.repo);
  // git starts before the evaluation's modules load and works while they do: both refs, then both trees.
  const modules = Promise.all([import("../core/check-changes.js"), import("./local-policy.js"), import("./advisory-source.js"), import("../core/dates.js"), import("../policy/config.js")]);
  // Read below; until then a failure must not count as unhandled.
  modules.catch(() => undefined);
  const [headRef, baseRef] = await Promise.allSettled([git.resolveCommit(repo, options.head ?? "HEAD"), options.base ? git.resolveCommit(repo, options.base) : undefined]);
  if (headRef.status === "rejected") throw headRef.reason;
  if (baseRef.status === "rejected") throw baseRef.reason;
  const head = headRef.value;
  const base = baseRef.value ?? (await defaultBase(git, repo, head));
  const baseSnapshot = git.snapshot(repo, base);
  const headSnapshot = git.snapshot(repo, head);
  const trees = Promise.all([baseSnapshot.files(), headSnapshot.files()]);
  trees.then(([before, after]) => readLockfilesAhead(diffTrees(before, after), [baseSnapshot, headSnapshot]), () => undefined);
  const [{ checkChanges }, { loadLocalPolicy }, { chooseAdvisorySource }, { toIsoDate }, { DEFAULT_RECORDS_DIR }] = await modules;

  // The policy comes from the base, as the App reads it from the default branch: a change cannot weaken its own gate.
  const policy = await loadLocalPolicy(options, baseSnapshot, headSnapshot, git);
  const { config } = policy;
  readRecordsAhead(policy.records, config.records.path);

  const evaluation = await checkChanges({
    base: baseSnapshot,
    head: headSnapshot,
    records: policy.records,
    recordsInHead: policy.recordsInRepository,
    // Both trees are listed anyway: comparing their blob ids is `git diff --no-renames` without a process.
    changedPaths: diffTrees(...(await trees)),
    config,
    configErrors: policy.configErrors,
    configPath: policy.configPath,
    today: options.today ?? toIsoDate(new Date()),
    advisories: await chooseAdvisorySource(options.advisories, options.env ?? process.env, config),
  });
  // In pieces: the report of a million changes is written as it is made, never held as one string. Only the
  // renderer of the format asked for is loaded.
  const output =
    options.format === "json"
      ? (await import("../report/render-json.js")).renderJsonChunks(evaluation)
      : options.format === "markdown"
        ? [(await import("../report/render-markdown.js")).renderMarkdown(evaluation, { drafts: true, recordsDir: config.records.path[0] ?? DEFAULT_RECORDS_DIR })]
        : (await import("../report/render-text.js")).renderTextChunks(evaluation);
  return { output, evaluation };
}

/**
 * While the evaluation's modules load, git already reads the lockfiles that changed — at both commits, with
 * the manifests beside them — and their parsers load: the evaluation reads them first. Which files the
 * policy keeps is not known yet; one it excludes was read for nothing.
 */
function readLockfilesAhead(changed: readonly string[], snapshots: readonly GitSnapshot[]): void {
  const paths: string[] = [];
  for (const path of changed) {
    const format = /(^|\/)node_modules\//.test(path) ? undefined : findFormat(path);
    if (!format) continue;
    paths.push(path);
    if (format.manifest) paths.push(joinPath(dirName(path), format.manifest));
    format.load().catch(() => undefined);
  }
  for (const snapshot of snapshots) snapshot.readAhead(paths);
}

/** Bytes of records read ahead at most; the evaluation reads the others when it comes to them. */
const RECORDS_AHEAD_BYTES = 64 * 1024 * 1024;

/**
 * While the lockfiles are parsed, git already reads the records (a change needs them) — as many as fit in
 * RECORDS_AHEAD_BYTES by the sizes the tree gives, none the evaluation would refuse as too big.
 */
function readRecordsAhead(records: GitSnapshot, roots: readonly string[]): void {
  records.files().then((files) => {
    const paths: string[] = [];
    let bytes = 0;
    for (const { path, size = MAX_RECORD_BYTES } of files) {
      if (size > MAX_RECORD_BYTES || !isRecordPath(path, roots)) continue;
      if ((bytes += size) > RECORDS_AHEAD_BYTES) break;
      paths.push(path);
    }
    records.readAhead(paths);
  }, () => undefined);
}
