import { createLineIndex } from "./line-index.js";
import { unparsable, type Unparsable } from "./unparsable.js";

export type JsonOutcome = { ok: true; value: unknown } | Unparsable;

/**
 * `JSON.parse` that reports where it stopped as a 1-based line, and why without the position (the line
 * says where). V8 names a character position for most syntax errors, quotes the text around an
 * unexpected token for others; a truncated text ("Unexpected end of JSON input") stopped at its last line.
 */
export function parseJson(text: string, what: string): JsonOutcome {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = message.replace(/ in JSON at position \d+.*$|, (\.\.\.)?"[\s\S]*$/, "");
    return unparsable(`${what} is not valid JSON: ${reason}`, errorLine(text, message));
  }
}

function errorLine(text: string, message: string): number {
  const lineAt = createLineIndex(text);
  const position = /at position (\d+)/.exec(message);
  if (position) return lineAt(Math.min(Number(position[1]), text.length));
  // V8 quotes the text around an unexpected token instead: ten characters either side, "..." where cut.
  const context = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON$/.exec(message);
  const found = context ? text.indexOf(context[3]!) : -1;
  if (context && found !== -1) return lineAt(found + (context[2] ? 10 : Math.max(0, context[3]!.indexOf(context[1]!))));
  // "Unexpected end of JSON input": parsing stopped at the end of the text.
  return lineAt(text.trimEnd().length);
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
