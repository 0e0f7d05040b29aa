import { chooseDatabase } from "../db/database-target.js";
import type { HistoryEntryKind } from "../history/entry.js";
import { openHistoryStore } from "../history/open-history-store.js";
import { renderHistoryCsv } from "../history/render-history-csv.js";
import { renderHistoryJson } from "../history/render-history-json.js";
import type { HistoryFilter } from "../history/store.js";
import { parseTimeBound } from "../history/time-bound.js";
import { describeVerdict, verifyChain } from "../history/verify-chain.js";
import { UsageError } from "./usage-error.js";

/** Where the history is: the environment (`DATABASE_URL`, `SOUP_GATE_DB`) and the folder relative paths start from. */
export interface HistoryContext {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/**
 * `soup-gate history verify`: re-computes the whole chain, reading only (an auditor's read-only database
 * role, or a copy of the SQLite file, is enough). Exit 0 intact, 1 broken.
 */
export async function runHistoryVerify(context: HistoryContext): Promise<{ code: number; output: string }> {
  const label = chooseDatabase(context.env, context.cwd).label;
  const store = await openHistoryStore(context.env, { cwd: context.cwd, mode: "read" });
  try {
    const verdict = await verifyChain(store.scan());
    return { code: verdict.intact ? 0 : 1, output: `${describeVerdict(verdict, label)}\n` };
  } finally {
    await store.close();
  }
}

export interface HistoryExportOptions {
  repo?: string;
  package?: string;
  approver?: string;
  since?: string;
  until?: string;
  kinds?: readonly HistoryEntryKind[];
  format: "csv" | "json";
}

/** `soup-gate history export`: the entries the options select, oldest first, as CSV or JSON. */
export async function runHistoryExport(options: HistoryExportOptions, context: HistoryContext): Promise<string> {
  const filter = exportFilter(options);
  const store = await openHistoryStore(context.env, { cwd: context.cwd, mode: "read" });
  try {
    const entries = await store.list(filter);
    return options.format === "csv" ? renderHistoryCsv(entries) : renderHistoryJson(entries, filter);
  } finally {
    await store.close();
  }
}

/** Checks every option before the database is opened, so that a typo costs no connection and says what is wrong. */
function exportFilter(options: HistoryExportOptions): HistoryFilter {
  const filter: HistoryFilter = {};
  if (options.repo !== undefined) {
    if (!/^[\w.-]+\/[\w.-]+$/.test(options.repo)) throw new UsageError(`--repo must be owner/name, not "${options.repo}"`);
    filter.repository = options.repo;
  }
  if (options.package !== undefined) filter.package = nonEmpty("--package", options.package);
  if (options.approver !== undefined) filter.approver = nonEmpty("--approver", options.approver).replace(/^@/, "");
  const since = options.since === undefined ? undefined : bound(options.since, "since");
  const until = options.until === undefined ? undefined : bound(options.until, "until");
  if (since && until && (until.exclusive ? since.at >= until.at : since.at > until.at)) {
    throw new UsageError(`--since ${options.since} is after --until ${options.until}: nothing could match`);
  }
  if (options.since !== undefined) filter.since = options.since;
  if (options.until !== undefined) filter.until = options.until;
  if (options.kinds !== undefined) filter.kinds = options.kinds;
  return filter;
}

function bound(text: string, side: "since" | "until") {
  try {
    return parseTimeBound(text, side);
  } catch (error) {
    throw new UsageError(`--${(error as Error).message}`);
  }
}

function nonEmpty(option: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === "") throw new UsageError(`${option} needs a value`);
  return trimmed;
}
