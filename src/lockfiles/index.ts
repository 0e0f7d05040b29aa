import type { ParseOutcome } from "../types.js";
import { type FormatClaim, type LockfileFormat, type ParseContext } from "./format.js";
import { NPM_LOCK, PDM_LOCK, PIPFILE_LOCK, PNPM_LOCK, POETRY_LOCK, PYLOCK, REQUIREMENTS_TXT, UV_LOCK, YARN_LOCK } from "./claims.js";
import { stripBom } from "../text/strip-bom.js";
import { unparsable, type Unparsable } from "./common/unparsable.js";
import { compareDependencies } from "./common/merge-occurrences.js";

export type { FormatClaim, LockfileFormat, ParseContext } from "./format.js";

// One module per format here; what only JavaScript formats need lives in npm/, what only Python ones need
// in pypi/ (the ecosystems' names), what both use in common/.

/** A format as listed: the files it claims, and its parser, loaded the first time a file of it is read. */
export interface ListedFormat extends FormatClaim {
  load(): Promise<LockfileFormat>;
}

/**
 * Every lockfile format soup-gate reads (README "Lockfiles"). Order matters only where two could claim one
 * name: none do. A command that reads only package-lock.json files never loads Yarn's, YAML's or TOML's parser.
 */
export const LOCKFILE_FORMATS: readonly ListedFormat[] = [
  { ...NPM_LOCK, load: async () => (await import("./npm.js")).npmLock },
  { ...YARN_LOCK, load: async () => (await import("./yarn.js")).yarnLock },
  { ...PNPM_LOCK, load: async () => (await import("./pnpm.js")).pnpmLock },
  { ...REQUIREMENTS_TXT, load: async () => (await import("./requirements.js")).requirementsTxt },
  { ...POETRY_LOCK, load: async () => (await import("./poetry.js")).poetryLock },
  { ...UV_LOCK, load: async () => (await import("./uv.js")).uvLock },
  { ...PIPFILE_LOCK, load: async () => (await import("./pipenv.js")).pipfileLock },
  { ...PDM_LOCK, load: async () => (await import("./pdm.js")).pdmLock },
  { ...PYLOCK, load: async () => (await import("./pylock.js")).pylock },
];

export function findFormat(path: string): ListedFormat | undefined {
  return LOCKFILE_FORMATS.find((format) => format.matches(path));
}

const CONFLICT_MARKER = /^(<{7}|={7}|>{7})(\s|$)/m;
// A literal alternation is searched natively, several times faster: the anchored pattern runs only on a hit.
const CONFLICT_HINT = /<<<<<<<|=======|>>>>>>>/;

/**
 * Which lines a parse finds: every dependency's, or (`"on demand"`) only those the caller asks its
 * `locate` for, as a check does for the packages that changed.
 */
export type LineMode = "all" | "on demand";

/**
 * Parses one lockfile text, failing closed: merge-conflict markers and parser crashes become a
 * `ParseError` at a line, never an empty list.
 */
export async function parseLockfile(format: ListedFormat, text: string, context: ParseContext, lines: LineMode = "all"): Promise<ParseOutcome> {
  return parseLoaded(await format.load(), text, context, lines);
}

/** `parseLockfile` with the format's parser at hand. */
export function parseLoaded(format: LockfileFormat, text: string, context: ParseContext, lines: LineMode = "all"): ParseOutcome {
  const outcome = parseFailingClosed(format, text, context);
  return lines === "on demand" ? outcome : withEveryLine(outcome);
}

/** A parse's outcome with the line of every dependency found, in line order, as a parser that finds every line as it reads gives them. */
export function withEveryLine(outcome: ParseOutcome): ParseOutcome {
  if (!outcome.ok || !outcome.locate) return outcome;
  const { locate, ...located } = outcome;
  locate(new Uint8Array(outcome.dependencies.length).fill(1));
  located.dependencies.sort(compareDependencies);
  return located;
}

function parseFailingClosed(format: LockfileFormat, text: string, context: ParseContext): ParseOutcome {
  const body = stripBom(text);
  if (!format.json) {
    const conflict = findConflict(body);
    if (conflict) return conflict;
  }
  let outcome: ParseOutcome;
  try {
    outcome = format.parse(body, context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outcome = unparsable(`could not be read as ${format.id}: ${message}`, 1);
  }
  return format.json && !outcome.ok ? (findConflict(body) ?? outcome) : outcome;
}

function findConflict(body: string): Unparsable | undefined {
  const conflict = CONFLICT_HINT.test(body) ? CONFLICT_MARKER.exec(body) : null;
  if (!conflict) return undefined;
  const line = body.slice(0, conflict.index).split("\n").length;
  return unparsable("merge-conflict marker: resolve the conflict and regenerate the lockfile", line);
}
