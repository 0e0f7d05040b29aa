import type { Ecosystem, ParseOutcome } from "../types.js";

/** What a parser may know beside the lockfile text. Parsers never read files themselves. */
export interface ParseContext {
  /** Repository path of the lockfile (`frontend/package-lock.json`). */
  path: string;
  /** Text of the sibling manifest at the same commit (`package.json`, `pyproject.toml`, `Pipfile`), if any. */
  manifest?: string;
}

/** Which files one lockfile format claims: known before its parser is loaded (claims.ts holds every one). */
export interface FormatClaim {
  id: string;
  ecosystem: Ecosystem;
  /** Does this format claim the file at this repository path? */
  matches(path: string): boolean;
  /** Base name of the sibling manifest that says what is direct or dev, when the lockfile does not. */
  manifest?: string;
}

/** One lockfile format with its parser (one per module, loaded by index.ts when a file of it is read). */
export interface LockfileFormat extends FormatClaim {
  parse(text: string, context: ParseContext): ParseOutcome;
  /**
   * The text is JSON, where a line starting with a merge-conflict marker can only be a syntax error (a
   * JSON string holds no line break): markers are then looked for only when the parse fails.
   */
  json?: true;
}
