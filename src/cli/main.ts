#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { isIsoDate } from "../core/dates.js";
import type { HistoryContext } from "./history-command.js";
import { UsageError } from "./usage-error.js";
import { clip } from "../text/clip.js";
import { quoteValue } from "../text/quote-value.js";

// Only what every command needs is imported here. Each command loads its own modules when it runs, so that
// `help` starts as fast as node itself and `check` never loads what only `audit` or `scaffold` use.

const HELP = `soup-gate — SOUP records for every changed dependency (IEC 62304)

Usage:
  soup-gate check [--repo DIR] [--base REF] [--head REF] [--config FILE] [--format text|markdown|json]
      Evaluates the dependency changes between two commits of a local git repository, exactly as the
      GitHub App evaluates a pull request. Head defaults to HEAD, base to the merge-base with the default
      branch; the policy is read from .github/soup.yml at the base commit unless --config names a file.
      --records DIR   a local clone of the records repository, when the policy sets records.repository
      --today DATE    evaluate review dates as of this day (YYYY-MM-DD) instead of today
      --advisories DIR  read published advisories from this folder of OSV records (JSON or YAML,
                      searched recursively) instead of asking the OSV API at OSV_API_URL
                      (default https://api.osv.dev); the policy's anomalies.source: off asks neither
      Exit status: 0 no failure, 1 a failure finding, 2 a usage or runtime error.

  soup-gate audit [--repo DIR] [--ref REF] [--config FILE] [--records DIR] [--today DATE]
                  [--advisories DIR] [--format text|markdown|csv|json]
      The SOUP inventory of one commit (default HEAD): every dependency in scope of the policy, locked in
      any lockfile, against the records — covered, missing, version not recorded, newer than reviewed,
      overdue, due soon, invalid, duplicate — and the records that describe nothing locked any more.
      The policy is .github/soup.yml at that commit unless --config names a file. --format markdown is
      the SOUP list of a design history file; csv opens in a spreadsheet; json is stable (see README).
      Each item lists the published advisories that affect its locked versions and whether its record
      assesses each (--advisories DIR as for check).
      Exit status: 0 no failure, 1 a failure finding, 2 a usage or runtime error.

  soup-gate scaffold [--repo DIR] [--ref REF] [--missing] [--dir DIR] [--format front-matter|table]
                     [--config FILE] [--records DIR] [--advisories DIR]
      Writes a draft record into the working tree for every dependency in scope at REF (default HEAD)
      that has no record: name, ecosystem, locked versions and the licence where the lockfile records
      one, with the review fields left empty so that a draft cannot pass until a reviewer completes it.
      --dir DIR       where the drafts go (default: the policy's first records.path, docs/soup)
      --format        front-matter (soup: keys, the default) or table (the Legit.Health
                      General Information table)
      --missing       drafts only for dependencies without a record; this is what scaffold always
                      does (accepted for compatibility), it never rewrites an existing record
      An existing file is never overwritten: it is skipped and listed. When the policy keeps records in
      another repository, the drafts go into the --records clone.
      Exit status: 0 it ran (even with nothing to write), 2 a usage or runtime error.

  soup-gate history verify [--witnesses FILE]
      Re-computes the hash chain of the audit history and names the first entry that was changed,
      removed or inserted. The history is the PostgreSQL database of DATABASE_URL when it is set, else
      the SQLite file SOUP_GATE_DB (default .data/soup-gate.sqlite); verify only reads it.
      --witnesses compares the store with the chain heads its SOUP records check runs hold (the line
      "soup-gate history: entry N sha256 HASH"): FILE is JSON or NDJSON of {"seq": N, "hash": "…"}
      or of check runs as GitHub's API lists them, so a store rewritten whole is caught too.
      Exit status: 0 intact, 1 broken or not as witnessed, 2 a usage or runtime error.

  soup-gate history export [--repo OWNER/NAME] [--package NAME] [--approver LOGIN] [--since DATE]
                           [--until DATE] [--format csv|json]
      Prints the history's entries, oldest first, narrowed by the options (all of them at once):
      --package NAME  the evaluations that checked the package (PyPI names compared after PEP 503
                      normalisation) and the approvals, refusals, revocations and invalidations of
                      what those evaluations asked to approve
      --approver      approvals, refused attempts and revocations by that login, and invalidations of
                      its approvals
      --since/--until YYYY-MM-DD (whole days, UTC) or a timestamp with a zone; both inclusive
      --format        csv (the default, for a spreadsheet) or json (stable; every entry as hashed)
      Reads DATABASE_URL or SOUP_GATE_DB as verify does.
      Exit status: 0 it ran, 2 a usage or runtime error.
`;

export interface CliResult {
  code: number;
  /** What to print; empty when `cli` was given a writer, which has printed it already. */
  stdout: string;
  stderr: string;
}

/** What the command line runs in: its environment (`OSV_API_URL`, `SOUP_GATE_DB`, `DATABASE_URL`) and working directory. */
type CliContext = HistoryContext;

/** What a command prints, in pieces, and its exit status. */
interface CommandResult {
  code: number;
  output: Iterable<string>;
}

const COMMON = {
  repo: { type: "string", default: "." },
  config: { type: "string" },
  records: { type: "string" },
  advisories: { type: "string" },
} as const;

/** Each command: its options (parsed strictly) and what it runs, returning what to print and the exit status. */
const COMMANDS: Record<string, (args: string[], context: CliContext) => Promise<CommandResult>> = {
  async check(args: string[], { env }: CliContext): Promise<CommandResult> {
    const { values } = parseArgs({ args, strict: true, options: { ...COMMON, base: { type: "string" }, head: { type: "string" }, format: { type: "string", default: "text" }, today: { type: "string" } } });
    const format = oneOf(values.format, ["text", "markdown", "json"] as const);
    const { runCheck } = await import("./check-command.js");
    const { output, evaluation } = await runCheck({ ...values, repo: values.repo ?? ".", format, ...date(values.today), env });
    return { code: evaluation.conclusion === "failure" ? 1 : 0, output: endingInNewline(output) };
  },
  async audit(args: string[], { env }: CliContext): Promise<CommandResult> {
    const { values } = parseArgs({ args, strict: true, options: { ...COMMON, ref: { type: "string", default: "HEAD" }, format: { type: "string", default: "text" }, today: { type: "string" } } });
    const format = oneOf(values.format, ["text", "markdown", "csv", "json"] as const);
    const { runAudit } = await import("./audit-command.js");
    const { output, audit } = await runAudit({ ...values, repo: values.repo ?? ".", format, ...date(values.today), env });
    return { code: audit.conclusion === "failure" ? 1 : 0, output };
  },
  async scaffold(args: string[], { env }: CliContext): Promise<CommandResult> {
    const { values } = parseArgs({ args, strict: true, options: { ...COMMON, ref: { type: "string", default: "HEAD" }, missing: { type: "boolean", default: false }, dir: { type: "string" }, format: { type: "string", default: "front-matter" } } });
    const format = oneOf(values.format, ["front-matter", "table"] as const);
    const { runScaffold } = await import("./scaffold-command.js");
    return { code: 0, output: [await runScaffold({ ...values, repo: values.repo ?? ".", format, env })] };
  },
  async history(args: string[], context: CliContext): Promise<CommandResult> {
    const [verb, ...rest] = args;
    if (verb === "verify") {
      const { values } = parseArgs({ args: rest, strict: true, options: { witnesses: { type: "string" } } });
      const { runHistoryVerify } = await import("./history-command.js");
      const { code, output } = await runHistoryVerify(context, values);
      return { code, output: [output] };
    }
    if (verb === "export") {
      const options = { repo: { type: "string" }, package: { type: "string" }, approver: { type: "string" }, since: { type: "string" }, until: { type: "string" }, format: { type: "string", default: "csv" } } as const;
      const { values } = parseArgs({ args: rest, strict: true, options });
      const format = oneOf(values.format, ["csv", "json"] as const);
      const { runHistoryExport } = await import("./history-command.js");
      return { code: 0, output: [await runHistoryExport({ ...values, format }, context)] };
    }
    throw new UsageError(verb === undefined ? "history needs a command: verify or export" : `unknown history command ${quoteValue(verb)}: use verify or export`);
  },
};

/**
 * Runs the command line; returns the exit status instead of exiting (for tests). The environment says
 * where the history is (`history`) and which advisory database to ask (`OSV_API_URL`); the working
 * directory is where a relative SQLite path starts; the other commands name their repository with --repo.
 * With `write`, the output goes to it piece by piece as it is made (a report of a million changes is more
 * than one string can hold); without, it is returned as `stdout`.
 */
export async function cli(argv: string[], context: CliContext = { env: process.env, cwd: process.cwd() }, write?: (piece: string) => void): Promise<CliResult> {
  const [command, ...rest] = argv;
  if (command === undefined) return { code: 2, stdout: "", stderr: HELP };
  if (command === "help" || command === "--help" || command === "-h") return { code: 0, stdout: HELP, stderr: "" };
  try {
    if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown command ${quoteValue(command)}`);
    const { code, output } = await COMMANDS[command]!(rest, context);
    if (write) {
      writeInPieces(output, write);
      return { code, stdout: "", stderr: "" };
    }
    return { code, stdout: collect(output), stderr: "" };
  } catch (error) {
    // Only the message, never a stack trace, and never a page of it: it may quote what a file held.
    // Errors from Node's own modules may come from another realm (a vm context), where `instanceof Error` fails.
    const message = clip(error instanceof Error || typeof (error as { message?: unknown })?.message === "string" ? (error as Error).message : String(error), 4000);
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    return { code: 2, stdout: "", stderr: `soup-gate: ${message}\n${usage ? "Run `soup-gate help` for usage.\n" : ""}` };
  }
}

/** Pieces of about 64 KB: a write per change of a million-change report would cost more than the report. */
function writeInPieces(output: Iterable<string>, write: (piece: string) => void): void {
  let buffer = "";
  for (const piece of output) {
    buffer += piece;
    if (buffer.length >= 65_536) {
      write(buffer);
      buffer = "";
    }
  }
  if (buffer !== "") write(buffer);
}

/** Beyond this a report cannot be one string in JavaScript; the command line writes it in pieces instead. */
const MAX_COLLECTED = 256 * 1024 * 1024;

function collect(output: Iterable<string>): string {
  let text = "";
  for (const piece of output) {
    if (text.length + piece.length > MAX_COLLECTED) throw new Error(`the report is larger than ${MAX_COLLECTED / 1048576} MB and can only be written as it is made, by the soup-gate command itself`);
    text += piece;
  }
  return text;
}

function* endingInNewline(output: Iterable<string>): Generator<string> {
  let last = "";
  for (const piece of output) {
    if (piece !== "") last = piece;
    yield piece;
  }
  if (!last.endsWith("\n")) yield "\n";
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T {
  if (allowed.includes(value as T)) return value as T;
  const list = allowed.length > 2 ? `${allowed.slice(0, -1).join(", ")} or ${allowed.at(-1)}` : allowed.join(" or ");
  throw new UsageError(`--format must be ${list}, not ${quoteValue(value)}`);
}

function date(today: string | undefined): { today?: string } {
  if (today === undefined) return {};
  if (!isIsoDate(today)) throw new UsageError(`--today must be a date as YYYY-MM-DD, not ${quoteValue(today)}`);
  return { today };
}

function isMain(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isMain()) {
  const result = await cli(process.argv.slice(2), undefined, (piece) => process.stdout.write(piece));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
