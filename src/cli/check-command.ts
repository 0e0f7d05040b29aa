import { chooseAdvisorySource } from "./advisory-source.js";
import { resolve } from "node:path";
import { checkChanges } from "../core/check-changes.js";
import { toIsoDate } from "../core/dates.js";
import { diffTrees } from "../core/diff-trees.js";
import { DEFAULT_RECORDS_DIR } from "../policy/config.js";
import type { Evaluation } from "../policy/evaluation.js";
import { defaultBase, gitSnapshot, resolveCommit, runGit, type GitRunner } from "./git.js";
import { loadLocalPolicy } from "./local-policy.js";

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
  const repo = resolve(options.repo);
  // git runs side by side where one answer does not wait on the other: both refs, then both trees.
  const [headRef, baseRef] = await Promise.allSettled([resolveCommit(repo, options.head ?? "HEAD", run), options.base ? resolveCommit(repo, options.base, run) : undefined]);
  if (headRef.status === "rejected") throw headRef.reason;
  if (baseRef.status === "rejected") throw baseRef.reason;
  const head = headRef.value;
  const base = baseRef.value ?? (await defaultBase(repo, head, run));
  const baseSnapshot = gitSnapshot(repo, base, run);
  const headSnapshot = gitSnapshot(repo, head, run);
  const trees = Promise.all([baseSnapshot.files(), headSnapshot.files()]);
  // Read below; until then a failure must not count as unhandled.
  trees.catch(() => undefined);

  // The policy comes from the base, as the App reads it from the default branch: a change cannot weaken its own gate.
  const policy = await loadLocalPolicy(options, baseSnapshot, headSnapshot, run);
  const { config } = policy;

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
    advisories: await chooseAdvisorySource(options.advisories, options.env ?? process.env),
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
