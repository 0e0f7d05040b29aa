import { chooseAdvisorySource } from "./advisory-source.js";
import { resolve } from "node:path";
import { checkChanges } from "../core/check-changes.js";
import { toIsoDate } from "../core/dates.js";
import { DEFAULT_RECORDS_DIR } from "../policy/config.js";
import type { Evaluation } from "../policy/evaluation.js";
import { renderJsonChunks } from "../report/render-json.js";
import { renderMarkdown } from "../report/render-markdown.js";
import { renderTextChunks } from "../report/render-text.js";
import { changedPaths, defaultBase, gitSnapshot, resolveCommit } from "./git.js";
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
export async function runCheck(options: CheckOptions): Promise<{ output: Iterable<string>; evaluation: Evaluation }> {
  const repo = resolve(options.repo);
  const head = await resolveCommit(repo, options.head ?? "HEAD");
  const base = options.base ? await resolveCommit(repo, options.base) : await defaultBase(repo, head);
  const baseSnapshot = gitSnapshot(repo, base);
  const headSnapshot = gitSnapshot(repo, head);

  // The policy comes from the base, as the App reads it from the default branch: a change cannot weaken its own gate.
  const policy = await loadLocalPolicy(options, baseSnapshot, headSnapshot);
  const { config } = policy;

  const evaluation = await checkChanges({
    base: baseSnapshot,
    head: headSnapshot,
    records: policy.records,
    recordsInHead: policy.recordsInRepository,
    changedPaths: await changedPaths(repo, base, head),
    config,
    configErrors: policy.configErrors,
    configPath: policy.configPath,
    today: options.today ?? toIsoDate(new Date()),
    advisories: await chooseAdvisorySource(options.advisories, options.env ?? process.env),
  });
  // In pieces: the report of a million changes is written as it is made, never held as one string.
  const output =
    options.format === "json"
      ? renderJsonChunks(evaluation)
      : options.format === "markdown"
        ? [renderMarkdown(evaluation, { drafts: true, recordsDir: config.records.path[0] ?? DEFAULT_RECORDS_DIR })]
        : renderTextChunks(evaluation);
  return { output, evaluation };
}
