import yaml from "js-yaml";
import { describeYamlError } from "../text/yaml-error.js";
import type { ParseError } from "../types.js";

export type YamlOutcome = { ok: true; value: unknown } | { ok: false; error: ParseError };

/**
 * Loads record YAML with the failsafe schema: every scalar stays the string it was written as, so an
 * unquoted `6.0` is the version "6.0" (not the number 6) and `2026-01-26` is not turned into a Date.
 * `firstLine` is the file line of the text's first line (front matter starts on line 2); `lastLine` the
 * last file line an error may name (the closing `---` of front matter).
 */
export function loadYaml(text: string, firstLine: number, lastLine = firstLine - 1 + countLines(text)): YamlOutcome {
  try {
    return { ok: true, value: yaml.load(text, { schema: yaml.FAILSAFE_SCHEMA }) };
  } catch (error) {
    // Anything the loader throws (a nesting limit, a stack overflow on hostile input) is unreadable YAML.
    const described = describeYamlError(error);
    // js-yaml reports an error at the end of the text on the line after the last one: point at a line the file has.
    const line = Math.min(firstLine - 1 + (described.line ?? 1), lastLine);
    const { reason } = described;
    return { ok: false, error: { message: `YAML cannot be read: ${reason}. Fix the syntax on this line (quote values that contain ": " or start with "@", "*" or "&")`, line } };
  }
}

function countLines(text: string): number {
  let lines = 1;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) lines++;
  return lines;
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface KeyLines {
  /** Top-level keys and the file line they are written on. */
  top: Map<string, number>;
  /** Keys of the block mapping under the top-level `parent` key. */
  nested: Map<string, number>;
}

const KEY = /^( *)(["']?)([A-Za-z_][\w-]*)\2[ \t]*:(?=[ \t]|$)/;

/**
 * File lines of the record's keys, so annotations land on them. js-yaml keeps no positions, so this
 * reads the indentation: block scalars and continued values are always indented deeper than their key,
 * so a key-shaped line at the mapping's own indentation is a key. Flow-style values find no nested keys;
 * callers then point at the parent key's line.
 */
export function findKeyLines(text: string, firstLine: number, parent: string): KeyLines {
  const top = new Map<string, number>();
  const nested = new Map<string, number>();
  let inParent = false;
  let childIndent: number | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trimStart();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const indent = line.length - trimmed.length;
    if (indent === 0) {
      inParent = false;
      const key = KEY.exec(line);
      if (key && !top.has(key[3]!)) top.set(key[3]!, firstLine + i);
      if (key?.[3] === parent) inParent = true;
      continue;
    }
    if (!inParent) continue;
    childIndent ??= indent;
    const key = indent === childIndent ? KEY.exec(line) : null;
    if (key && !nested.has(key[3]!)) nested.set(key[3]!, firstLine + i);
  }
  return { top, nested };
}
