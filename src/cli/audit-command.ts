import { chooseAdvisorySource } from "./advisory-source.js";
import { resolve } from "node:path";
import { auditCommit, type Audit } from "../core/audit-commit.js";
import { toIsoDate } from "../core/dates.js";
import type { AuditContext } from "../report/audit-context.js";
import { runGit, withGit, type Git, type GitRunner } from "./git.js";
import { loadLocalPolicy } from "./local-policy.js";
import { repositoryName } from "./repository-name.js";

export interface AuditOptions {
  repo: string;
  ref?: string;
  config?: string;
  records?: string;
  /** `--advisories DIR`: a folder of OSV records instead of the OSV API. */
  advisories?: string;
  /** The environment (`OSV_API_URL`). */
  env?: Record<string, string | undefined>;
  format: "text" | "markdown" | "csv" | "json";
  today?: string;
}

/**
 * `soup-gate audit`: every in-scope dependency locked at one commit against the records, read through
 * git (never the working tree), with the policy at that same commit.
 */
export async function runAudit(options: AuditOptions, run: GitRunner = runGit): Promise<{ output: Iterable<string>; audit: Audit }> {
  return withGit(run, (git) => audit(options, git));
}

async function audit(options: AuditOptions, git: Git): Promise<{ output: Iterable<string>; audit: Audit }> {
  const repo = resolve(options.repo);
  const ref = options.ref ?? "HEAD";
  const commit = await git.resolveCommit(repo, ref);
  const snapshot = git.snapshot(repo, commit);
  const policy = await loadLocalPolicy(options, snapshot, snapshot, git);
  const date = options.today ?? toIsoDate(new Date());
  const result = await auditCommit({
    commit: snapshot,
    records: policy.records,
    recordsInRepository: policy.recordsInRepository,
    config: policy.config,
    configErrors: policy.configErrors,
    configPath: policy.configPath,
    today: date,
    advisories: await chooseAdvisorySource(options.advisories, options.env ?? process.env, policy.config),
  });
  const context: AuditContext = {
    repository: await repositoryName(repo, git.run),
    ref,
    commit,
    date,
    policy: policy.configSource === "defaults" ? null : policy.configPath,
  };
  // In pieces: the SOUP list of a million packages is written as it is made, never held as one string. Only
  // the renderer of the format asked for is loaded.
  const output =
    options.format === "json"
      ? withNewline((await import("../report/render-audit-json.js")).renderAuditJsonChunks(result, context))
      : options.format === "markdown"
        ? (await import("../report/render-audit-markdown.js")).renderAuditMarkdownChunks(result, context)
        : options.format === "csv"
          ? (await import("../report/render-audit-csv.js")).renderAuditCsvChunks(result)
          : (await import("../report/render-audit-text.js")).renderAuditTextChunks(result, context);
  return { output, audit: result };
}

function* withNewline(pieces: Iterable<string>): Generator<string> {
  yield* pieces;
  yield "\n";
}
