import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { chooseDatabase } from "../db/database-target.js";
import { checkWitnesses } from "../history/check-witnesses.js";
import type { ChainHead } from "../history/entry.js";
import type { HistoryEntryKind } from "../history/entry.js";
import { openHistoryStore } from "../history/open-history-store.js";
import { renderHistoryCsv } from "../history/render-history-csv.js";
import { renderHistoryJson } from "../history/render-history-json.js";
import type { HistoryFilter } from "../history/store.js";
import { readWitnesses } from "../history/read-witnesses.js";
import { parseTimeBound } from "../history/time-bound.js";
import { describeVerdict, verifyChain } from "../history/verify-chain.js";
import { UsageError } from "./usage-error.js";

/** Where the history is: the environment (`DATABASE_URL`, `SOUP_GATE_DB`) and the folder relative paths start from. */
export interface HistoryContext {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/**
 * `soup-gate history verify [--witnesses FILE]`: re-computes the whole chain, reading only (an auditor's
 * read-only database role, or a copy of the SQLite file, is enough), and compares it with the chain heads
 * the `SOUP records` runs witnessed, when a file of them is given. Exit 0 intact, 1 broken or not as
 * witnessed.
 */
export async function runHistoryVerify(context: HistoryContext, options: { witnesses?: string } = {}): Promise<{ code: number; output: string }> {
  const witnesses = options.witnesses === undefined ? undefined : await loadWitnesses(resolve(context.cwd, options.witnesses));
  const label = chooseDatabase(context.env, context.cwd).label;
  const store = await openHistoryStore(context.env, { cwd: context.cwd, mode: "read" });
  try {
    const check = checkWitnesses(witnesses ?? []);
    const verdict = await verifyChain(check.tap(store.scan()));
    const lines = [describeVerdict(verdict, label)];
    if (!witnesses) return { code: verdict.intact ? 0 : 1, output: `${lines[0]}\n` };
    const problems = check.problems(verdict.intact);
    const count = `${witnesses.length} ${witnesses.length === 1 ? "witness" : "witnesses"}`;
    lines.push(problems.length === 0 ? `Witnesses: all ${count} match the store.` : `Witnesses: ${problems.length} of ${count} do not match the store:`, ...problems.map((p) => `  ${p}`));
    return { code: verdict.intact && problems.length === 0 ? 0 : 1, output: `${lines.join("\n")}\n` };
  } finally {
    await store.close();
  }
}

/** Read before the database is opened: a wrong file costs no connection. */
async function loadWitnesses(path: string): Promise<ChainHead[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(`--witnesses: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    const witnesses = readWitnesses(text);
    if (witnesses.length === 0) throw new SyntaxError("it holds no witness (no soup-gate history line in any check run)");
    return witnesses;
  } catch (error) {
    throw new UsageError(`--witnesses ${path}: ${(error as Error).message}`);
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
