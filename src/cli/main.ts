#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { isIsoDate } from "../core/dates.js";
import { runCheck } from "./check-command.js";
import { UsageError } from "./usage-error.js";

const HELP = `soup-gate — SOUP records for every changed dependency (IEC 62304)

Usage:
  soup-gate check [--repo DIR] [--base REF] [--head REF] [--config FILE] [--format text|markdown|json]
      Evaluates the dependency changes between two commits of a local git repository, exactly as the
      GitHub App evaluates a pull request. Head defaults to HEAD, base to the merge-base with the default
      branch; the policy is read from .github/soup.yml at the base commit unless --config names a file.
      --records DIR   a local clone of the records repository, when the policy sets records.repository
      --today DATE    evaluate review dates as of this day (YYYY-MM-DD) instead of today

Exit status: 0 no failure, 1 a failure finding, 2 a usage or runtime error.
`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line; returns what to print and the exit status instead of exiting (for tests). */
export async function cli(argv: string[]): Promise<CliResult> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "help" || command === "--help" || command === "-h") return { code: command ? 0 : 2, stdout: command ? HELP : "", stderr: command ? "" : HELP };
    if (command === "check") {
      const { values } = parseArgs({
        args: rest,
        strict: true,
        options: {
          repo: { type: "string", default: "." },
          base: { type: "string" },
          head: { type: "string" },
          config: { type: "string" },
          records: { type: "string" },
          format: { type: "string", default: "text" },
          today: { type: "string" },
        },
      });
      const format = values.format;
      if (format !== "text" && format !== "markdown" && format !== "json") throw new UsageError(`--format must be text, markdown or json, not "${format}"`);
      if (values.today !== undefined && !isIsoDate(values.today)) throw new UsageError(`--today must be a date as YYYY-MM-DD, not "${values.today}"`);
      const { output, evaluation } = await runCheck({ ...values, repo: values.repo ?? ".", format });
      return { code: evaluation.conclusion === "failure" ? 1 : 0, stdout: output.endsWith("\n") ? output : `${output}\n`, stderr: "" };
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    return { code: 2, stdout: "", stderr: `soup-gate: ${message}\n${usage ? "Run `soup-gate help` for usage.\n" : ""}` };
  }
}

function isMain(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isMain()) {
  const result = await cli(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
