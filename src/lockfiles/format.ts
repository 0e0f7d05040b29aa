import type { Ecosystem, ParseOutcome } from "../types.js";

/** What a parser may know beside the lockfile text. Parsers never read files themselves. */
export interface ParseContext {
  /** Repository path of the lockfile (`frontend/package-lock.json`). */
  path: string;
  /** Text of the sibling manifest at the same commit (`package.json`, `pyproject.toml`, `Pipfile`), if any. */
  manifest?: string;
}

/** One lockfile format: which files it claims and how to read them (one entry per module, listed in index.ts). */
export interface LockfileFormat {
  id: string;
  ecosystem: Ecosystem;
  /** Does this format claim the file at this repository path? */
  matches(path: string): boolean;
  /** Base name of the sibling manifest that says what is direct or dev, when the lockfile does not. */
  manifest?: string;
  parse(text: string, context: ParseContext): ParseOutcome;
}
