import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { checkChanges, CONFIG_PATHS } from "../core/check-changes.js";
import { toIsoDate } from "../core/dates.js";
import { decodeText } from "../lockfiles/decode-text.js";
import type { ConfigOutcome } from "../policy/config.js";
import { parseConfig } from "../policy/config.js";
import type { Evaluation } from "../policy/evaluation.js";
import { readConfigText } from "../policy/read-config-text.js";
import { renderJson } from "../report/render-json.js";
import { renderMarkdown } from "../report/render-markdown.js";
import { renderText } from "../report/render-text.js";
import { changedPaths, defaultBase, gitSnapshot, resolveCommit } from "./git.js";
import { UsageError } from "./usage-error.js";

export interface CheckOptions {
  repo: string;
  base?: string;
  head?: string;
  config?: string;
  records?: string;
  format: "text" | "markdown" | "json";
  today?: string;
}

/** `soup-gate check`: evaluates base..head of a local repository exactly as the App evaluates a pull request. */
export async function runCheck(options: CheckOptions): Promise<{ output: string; evaluation: Evaluation }> {
  const repo = resolve(options.repo);
  const head = await resolveCommit(repo, options.head ?? "HEAD");
  const base = options.base ? await resolveCommit(repo, options.base) : await defaultBase(repo, head);
  const baseSnapshot = gitSnapshot(repo, base);
  const headSnapshot = gitSnapshot(repo, head);

  // The policy comes from the base, as the App reads it from the default branch: a change cannot weaken its own gate.
  const { outcome, path: configPath } = await loadConfig(options.config, async (p) => {
    const bytes = await baseSnapshot.read(p);
    return bytes && decodeText(bytes);
  });
  const { config } = outcome;

  let records = headSnapshot;
  let recordsInHead = true;
  if (config.records.repository) {
    if (!options.records) throw new UsageError(`the policy reads records from ${config.records.repository}: pass --records DIR with a local clone of it`);
    const recordsRepo = resolve(options.records);
    records = gitSnapshot(recordsRepo, await resolveCommit(recordsRepo, "HEAD"));
    recordsInHead = false;
  }

  const evaluation = await checkChanges({
    base: baseSnapshot,
    head: headSnapshot,
    records,
    recordsInHead,
    changedPaths: await changedPaths(repo, base, head),
    config,
    configErrors: outcome.ok ? [] : outcome.errors,
    configPath,
    today: options.today ?? toIsoDate(new Date()),
  });
  const output =
    options.format === "json"
      ? renderJson(evaluation)
      : options.format === "markdown"
        ? renderMarkdown(evaluation, { drafts: true, recordsDir: config.records.path[0] ?? "docs/soup" })
        : renderText(evaluation);
  return { output, evaluation };
}

async function loadConfig(file: string | undefined, readAtBase: (path: string) => Promise<string | undefined>): Promise<{ outcome: ConfigOutcome; path: string }> {
  if (file) {
    const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read --config ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
    });
    return { outcome: readConfigText(text), path: file };
  }
  for (const path of CONFIG_PATHS) {
    const text = await readAtBase(path);
    if (text !== undefined) return { outcome: readConfigText(text), path };
  }
  return { outcome: parseConfig(null), path: CONFIG_PATHS[0]! };
}

