import { chooseAdvisorySource } from "./advisory-source.js";
import { mkdir, realpath } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { auditCommit, type Audit } from "../core/audit-commit.js";
import { toIsoDate } from "../core/dates.js";
import { DEFAULT_RECORDS_DIR } from "../policy/config.js";
import type { AuditItem } from "../policy/group-audit-items.js";
import { draftFileName } from "../records/draft-file-name.js";
import { isRecordPath } from "../records/is-record-path.js";
import { renderDraftRecord } from "../records/render-draft-record.js";
import { describeLockedVersions } from "../report/audit-status.js";
import { trimChar } from "../text/trim-char.js";
import { runGit, withGit, type Git } from "./git.js";
import { loadLocalPolicy } from "./local-policy.js";
import { UsageError } from "./usage-error.js";
import { exists, writeNewFile } from "./write-new-file.js";
import { quoteValue } from "../text/quote-value.js";

export interface ScaffoldOptions {
  repo: string;
  ref?: string;
  /** Folder for the drafts, relative to the working tree; default the policy's first records folder. */
  dir?: string;
  format: "front-matter" | "table";
  config?: string;
  records?: string;
  /** `--advisories DIR`: a folder of OSV records instead of the OSV API. */
  advisories?: string;
  /** The environment (`OSV_API_URL`). */
  env?: Record<string, string | undefined>;
}

interface Draft {
  item: AuditItem;
  /** Relative to the working tree the drafts go into. */
  path: string;
}

/**
 * `soup-gate scaffold`: a draft record for every in-scope SOUP item at the ref that has none, written
 * into the working tree (the records clone when the policy keeps records elsewhere). Everything is
 * decided before the first write; existing files are never touched.
 */
export async function runScaffold(options: ScaffoldOptions): Promise<string> {
  return withGit(runGit, (git) => scaffold(options, git));
}

async function scaffold(options: ScaffoldOptions, git: Git): Promise<string> {
  const givenDir = options.dir === undefined ? undefined : checkDir(options.dir);
  const repo = resolve(options.repo);
  const ref = options.ref ?? "HEAD";
  const commit = await git.resolveCommit(repo, ref);
  const snapshot = git.snapshot(repo, commit);
  const policy = await loadLocalPolicy(options, snapshot, snapshot, git);
  const { config } = policy;
  const dir = givenDir ?? checkDir(config.records.path[0] ?? DEFAULT_RECORDS_DIR);
  const root = policy.recordsClone ?? repo;
  const audit = await auditCommit({
    commit: snapshot,
    records: policy.records,
    recordsInRepository: policy.recordsInRepository,
    config,
    configErrors: policy.configErrors,
    today: toIsoDate(new Date()),
    advisories: await chooseAdvisorySource(options.advisories, options.env ?? process.env, config),
  });

  // 1. Plan: one file per item without a record; the same name in both ecosystems gets the ecosystem in the second.
  const planned = new Set<string>();
  const drafts: Draft[] = [];
  const skipped: Array<Draft & { reason: string }> = [];
  for (const item of audit.items.filter((i) => !i.record)) {
    let path = draftFileName(dir, item.ecosystem, item.name);
    if (planned.has(path)) path = draftFileName(dir, item.ecosystem, item.name, `.${item.ecosystem}.md`);
    planned.add(path);
    if (await exists(join(root, path))) skipped.push({ item, path, reason: "the file exists (a draft not committed yet, or a file that is no record of this package)" });
    else drafts.push({ item, path });
  }

  // 2. Write, only inside the working tree (a symlinked folder must not carry drafts elsewhere).
  const written: Draft[] = [];
  if (drafts.length > 0) {
    await assertInside(root, join(root, dir));
    await mkdir(join(root, dir), { recursive: true });
    for (const draft of drafts) {
      const text = renderDraftRecord(
        { ecosystem: draft.item.ecosystem, name: draft.item.name, versions: draft.item.versions, ...(draft.item.license ? { license: draft.item.license } : {}), ...(draft.item.anomalies.length > 0 ? { anomalies: draft.item.anomalies } : {}) },
        options.format,
      );
      try {
        const outcome = await writeNewFile(join(root, draft.path), text);
        if (outcome === "written") written.push(draft);
        else skipped.push({ ...draft, reason: "the file appeared while scaffold ran" });
      } catch (error) {
        const done = written.length > 0 ? ` (written before it: ${written.map((w) => w.path).join(", ")})` : " (nothing was written)";
        throw new Error(`cannot write ${draft.path}: ${(error as Error).message}${done}`);
      }
    }
  }

  return report({ commit, ref, root, repo, dir, written, skipped, audit, recordsPaths: config.records.path });
}

function report(r: {
  commit: string; ref: string; root: string; repo: string; dir: string; written: Draft[];
  skipped: Array<Draft & { reason: string }>; audit: Audit; recordsPaths: string[];
}): string {
  const where = `${r.commit.slice(0, 12)} (${r.ref})`;
  // A loop, not Math.max(...list): a list of 200,000 drafts would overflow the stack as arguments.
  let width = 0;
  for (const d of [...r.written, ...r.skipped]) width = Math.max(width, d.path.length);
  const describe = (d: Draft) => `  ${d.path.padEnd(width)}  ${`${d.item.ecosystem} ${d.item.name} ${describeLockedVersions(d.item)}`.trimEnd()}`;
  const lines: string[] = [];
  if (r.written.length === 0 && r.skipped.length === 0) lines.push(`Nothing to write: every SOUP item in scope at ${where} has a record.`);
  if (r.written.length > 0) {
    const into = r.root === r.repo ? "" : ` into ${r.root}`;
    lines.push(`Wrote ${r.written.length} draft record${r.written.length === 1 ? "" : "s"}${into} for the SOUP items at ${where} without a record:`);
    for (const d of r.written) lines.push(describe(d));
  }
  if (r.skipped.length > 0) {
    lines.push(`Skipped ${r.skipped.length} SOUP item${r.skipped.length === 1 ? "" : "s"} without a record: a file is already at the draft's path, and scaffold never overwrites one:`);
    for (const d of r.skipped) lines.push(`${describe(d)}: ${d.reason}`);
  }
  for (const e of r.audit.findings.filter((f) => f.code === "lockfile-unparsable")) {
    lines.push(`Note: ${e.path} could not be read (line ${e.line}): its packages get no draft until it is fixed.`);
  }
  if (r.audit.anomalies.state === "unavailable") lines.push(`Note: published advisories could not be checked (${r.audit.findings.find((f) => f.code === "anomaly-check-unavailable")?.message ?? r.audit.anomalies.source}); the drafts list none, so look the anomaly list up by hand.`);
  if (r.audit.findings.some((f) => f.code === "config-invalid")) lines.push("Note: the policy file is invalid; its defaults decided what is in scope.");
  if (!isRecordPath(`${r.dir}/draft.md`, r.recordsPaths)) {
    lines.push(`Note: ${r.dir} is not under the policy's records.path (${r.recordsPaths.join(", ")}): check and audit will not read these drafts until the policy lists it.`);
  }
  if (r.written.length > 0) {
    lines.push(
      "Next: a reviewer completes each draft — manufacturer, licence where empty, latest_reviewed (the newest release on the day of the review), the requirements and known-anomaly sections, and last_review_date — and commits it.",
      "Until then `soup-gate audit` reports each draft as record-invalid (review pending), so no draft can pass unreviewed.",
    );
  }
  return `${lines.join("\n")}\n`;
}

/** `--dir` is a folder of the working tree: relative, without `..`, not inside `.git`. */
function checkDir(dir: string): string {
  const clean = trimChar(dir.replace(/\\/g, "/").replace(/^(?:\.\/)+/, ""), "/", "end");
  const parts = clean.split("/").filter((p) => p !== "" && p !== ".");
  if (isAbsolute(dir) || /^[A-Za-z]:/.test(dir) || parts.includes("..") || parts[0] === ".git" || parts.length === 0) {
    throw new UsageError(`--dir must be a folder inside the repository, such as docs/soup, not ${quoteValue(dir)}`);
  }
  return parts.join("/");
}

/** The nearest existing ancestor of `target`, resolved through symlinks, must lie inside `root`. */
async function assertInside(root: string, target: string): Promise<void> {
  let existing = target;
  while (!(await exists(existing))) existing = dirname(existing);
  const [realRoot, realTarget] = await Promise.all([realpath(root), realpath(existing)]);
  const rel = relative(realRoot, realTarget);
  if (rel.startsWith("..") || isAbsolute(rel) || rel.split(sep)[0] === ".git") {
    throw new Error(`${relative(root, target)} leads outside the working tree (${realTarget}): scaffold writes only inside it`);
  }
}
