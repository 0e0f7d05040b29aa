import { parse, TomlError } from "smol-toml";
import { unparsable, type Unparsable } from "../common/unparsable.js";

export type TomlTable = { [key: string]: unknown };

export type TomlOutcome = { ok: true; document: TomlTable } | Unparsable;

/**
 * Parses a TOML lockfile or manifest once. smol-toml reports where it stopped; that line becomes the
 * `lockfile-unparsable` annotation. Its tables have no prototype, so a `__proto__` key is plain data.
 */
export function readToml(text: string, what: string): TomlOutcome {
  try {
    return { ok: true, document: parse(text) };
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split("\n")[0]!.replace(/^Invalid TOML document:\s*/, "");
      return unparsable(`${what} is not valid TOML: ${reason} (column ${error.column})`, error.line);
    }
    const reason = error instanceof Error ? error.message : String(error);
    return unparsable(`${what} could not be read as TOML: ${reason}`, 1);
  }
}

export function isTable(value: unknown): value is TomlTable {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** An own property only: lockfile keys such as `constructor` must never reach the prototype. */
export function field(table: TomlTable, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

export function tableField(table: TomlTable, key: string): TomlTable | undefined {
  const value = field(table, key);
  return isTable(value) ? value : undefined;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}
