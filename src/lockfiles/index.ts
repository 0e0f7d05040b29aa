import type { ParseOutcome } from "../types.js";
import { type LockfileFormat, type ParseContext } from "./format.js";
import { npmLock } from "./npm.js";
import { yarnLock } from "./yarn.js";
import { pnpmLock } from "./pnpm.js";
import { requirementsTxt } from "./requirements.js";
import { poetryLock } from "./poetry.js";
import { uvLock } from "./uv.js";
import { pipfileLock } from "./pipenv.js";
import { pdmLock } from "./pdm.js";
import { pylock } from "./pylock.js";
import { stripBom } from "../text/strip-bom.js";
import { unparsable } from "./shared/unparsable.js";

export type { LockfileFormat, ParseContext } from "./format.js";

// One module per format here; what only JavaScript formats need lives in npm/, what only Python ones need
// in pypi/ (the ecosystems' names), what both use in shared/.

/** Every lockfile format soup-gate reads (README "Lockfiles"). Order matters only where two could claim one name: none do. */
export const LOCKFILE_FORMATS: readonly LockfileFormat[] = [
  npmLock,
  yarnLock,
  pnpmLock,
  requirementsTxt,
  poetryLock,
  uvLock,
  pipfileLock,
  pdmLock,
  pylock,
];

export function findFormat(path: string): LockfileFormat | undefined {
  return LOCKFILE_FORMATS.find((format) => format.matches(path));
}

const CONFLICT_MARKER = /^(<{7}|={7}|>{7})(\s|$)/m;
// A literal alternation is searched natively, several times faster: the anchored pattern runs only on a hit.
const CONFLICT_HINT = /<<<<<<<|=======|>>>>>>>/;

/**
 * Parses one lockfile text, failing closed: merge-conflict markers and parser crashes become a
 * `ParseError` at a line, never an empty list.
 */
export function parseLockfile(format: LockfileFormat, text: string, context: ParseContext): ParseOutcome {
  const body = stripBom(text);
  const conflict = CONFLICT_HINT.test(body) ? CONFLICT_MARKER.exec(body) : null;
  if (conflict) {
    const line = body.slice(0, conflict.index).split("\n").length;
    return unparsable("merge-conflict marker: resolve the conflict and regenerate the lockfile", line);
  }
  try {
    return format.parse(body, context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return unparsable(`could not be read as ${format.id}: ${message}`, 1);
  }
}
