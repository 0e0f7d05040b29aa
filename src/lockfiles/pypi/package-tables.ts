import { findArrayTableLines } from "./array-table-lines.js";
import { field, isTable, readToml, type TomlTable } from "./read-toml.js";
import { unparsable, type Unparsable } from "../common/unparsable.js";
import { findMisshape, type Shape } from "../common/shape.js";
import { clip } from "../../text/clip.js";

/** One `[[package]]` table with the fields every Python lockfile has. */
export interface PackageTable {
  table: TomlTable;
  name: string;
  /** undefined when the table has no version (PEP 751 source trees). */
  version: string | undefined;
  /** Line of the `[[package]]` header. */
  line: number;
}

export type PackageTablesOutcome = { ok: true; document: TomlTable; packages: PackageTable[] } | Unparsable;

export interface PackageTablesFormat {
  /** File name for messages: `poetry.lock`. */
  file: string;
  /** The array of tables: `package`, or `packages` in PEP 751. */
  key: string;
  /** A top-level key every file of this format has, to tell an empty lockfile from some other TOML file. */
  marker: string;
  /** The marker is there even beside packages: a file without it is another format's. */
  markerAlways?: boolean;
  /**
   * Keys only another lockfile format writes (`metadata.lock_version` → `pdm.lock`): the Python lockfiles
   * share the `[[package]]` shape, so these are what tells another format's file saved under this name.
   */
  foreignKeys?: Readonly<Record<string, string>>;
  /** The fields of a package table the format reads, beside `name` and `version`, with their shapes. */
  fields?: Readonly<Record<string, Shape>>;
}

/**
 * Parses a TOML lockfile and returns its package tables with their header lines. Versions must be TOML
 * strings: `version = 6.0` would be the number 6 and lose the written version, so it fails the file.
 */
export function readPackageTables(text: string, format: PackageTablesFormat): PackageTablesOutcome {
  const parsed = readToml(text, format.file);
  if (!parsed.ok) return parsed;
  const document = parsed.document;
  const raw = field(document, format.key) ?? [];
  if (!Array.isArray(raw)) return unparsable(`\`${format.key}\` in ${format.file} must be an array of [[${format.key}]] tables`, 1);
  if (field(document, format.marker) === undefined) {
    if (raw.length === 0) return unparsable(`this is not a ${format.file}: it has neither [[${format.key}]] tables nor \`${format.marker}\``, 1);
    if (format.markerAlways) return unparsable(`this is not a ${format.file}: it has no \`${format.marker}\`, which every ${format.file} has`, 1);
  }
  for (const [path, owner] of Object.entries(format.foreignKeys ?? {})) {
    if (valueAt(document, path.split(".")) !== undefined) {
      return unparsable(`this is a ${owner}, not a ${format.file}: it has \`${path}\`, which only ${owner} writes`, lineOfKey(text, path.slice(path.lastIndexOf(".") + 1)));
    }
  }
  const lines = findArrayTableLines(text, format.key, raw.length);
  const packages: PackageTable[] = [];
  for (const [index, table] of raw.entries()) {
    const line = lines?.[index] ?? 1;
    if (!isTable(table)) return unparsable(`entry ${index + 1} of \`${format.key}\` is not a table`, line);
    const name = field(table, "name");
    const version = field(table, "version");
    if (typeof name !== "string" || name.trim() === "") return unparsable(`a [[${format.key}]] table has no \`name\``, line);
    if (typeof version === "number" || typeof version === "bigint" || typeof version === "boolean") {
      return unparsable(`the version of ${clip(name, 80)} must be a quoted string: \`version = ${clip(String(version), 40)}\` is not read as written`, line);
    }
    const misshape = findMisshape(table, tableShape(format.fields ?? NO_FIELDS), [format.key, name]);
    if (misshape) return unparsable(`${format.file}: ${misshape.message}`, line);
    packages.push({ table, name, version: version as string | undefined, line });
  }
  return { ok: true, document, packages };
}

const NO_FIELDS: Readonly<Record<string, Shape>> = {};
const tableShapes = new WeakMap<object, Shape>();

/** One shape per format's fields, built once: a shape is compiled the first time it is checked. */
function tableShape(fields: Readonly<Record<string, Shape>>): Shape {
  let shape = tableShapes.get(fields);
  if (!shape) {
    shape = { fields: { version: "string", ...fields } };
    tableShapes.set(fields, shape);
  }
  return shape;
}

function valueAt(table: TomlTable, path: readonly string[]): unknown {
  let value: unknown = table;
  for (const key of path) value = isTable(value) ? field(value, key) : undefined;
  return value;
}

/** Line of the first line that sets `key` (`key = …`), or 1. */
function lineOfKey(text: string, key: string): number {
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const end = text.indexOf("\n", start);
    const content = text.slice(start, end === -1 ? text.length : end).trimStart();
    if (content.startsWith(key) && /^\s*=/.test(content.slice(key.length))) return line;
    if (end === -1) break;
    start = end + 1;
  }
  return 1;
}
