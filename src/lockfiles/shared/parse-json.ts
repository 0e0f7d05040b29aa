import type { ParseError } from "../../types.js";
import { createLineIndex } from "./line-index.js";

export type JsonOutcome = { ok: true; value: unknown } | { ok: false; error: ParseError };

/**
 * `JSON.parse` that reports where it stopped as a 1-based line. V8 names a character position for most
 * syntax errors; a truncated text ("Unexpected end of JSON input") stopped at its last line.
 */
export function parseJson(text: string, what: string): JsonOutcome {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(reason);
    const offset = position ? Number(position[1]) : /end of JSON input/.test(reason) ? text.length : 0;
    const line = createLineIndex(text)(Math.min(offset, text.length));
    return { ok: false, error: { message: `${what} is not valid JSON: ${reason}`, line } };
  }
}

/** A JSON object as a plain record, or undefined: arrays and primitives are not objects here. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Own string-valued entries of an object (`{ name: range }` maps); `__proto__` stays an ordinary key. */
export function stringEntries(value: unknown): [string, string][] {
  const object = asObject(value);
  if (!object) return [];
  return Object.entries(object).filter((entry): entry is [string, string] => typeof entry[1] === "string");
}
