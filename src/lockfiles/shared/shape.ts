import { quoted } from "./quoted.js";

/**
 * The shape a parsed lockfile (JSON, YAML or TOML) must have where soup-gate reads it. Checked once at the
 * boundary, so that a file of another shape (`packages` a list, an entry a string, a section a list) is
 * unparsable instead of read as fewer packages; only what is named here is checked, the rest is free.
 */
export type Shape =
  | "string"
  | "boolean"
  | "number"
  | "null"
  | "any"
  /** A map whose every value has the shape. */
  | { map: Shape }
  /** A list whose every item has the shape. */
  | { list: Shape }
  /**
   * A map whose listed fields, where present, have their shapes; other fields are free, unless `only`:
   * then a field not listed is no field of the format (a key damaged in the file) and fails.
   */
  | { fields: Readonly<Record<string, Shape>>; only?: boolean }
  /** Any one of the shapes. */
  | { either: readonly Shape[] };

/** Where a value has the wrong shape: the keys (and list positions) that lead to it, and what is wrong. */
export interface Misshape {
  path: string[];
  message: string;
}

/**
 * The first value that does not have its shape, in document order, or undefined. Only own keys are read,
 * so a key such as `__proto__` is checked as plain data. The walk follows the shape, whose depth is fixed
 * here, never the document's; the path is built only for a value that fails. `at` is where `value` sits.
 */
export function findMisshape(value: unknown, shape: Shape, at: readonly string[] = []): Misshape | undefined {
  const found = check(value, shape);
  if (!found) return undefined;
  found.path.unshift(...at);
  const where = found.path.length === 0 ? "the file" : found.path.map((key) => quoted(key, 60)).join(" › ");
  // An unexpected field has no expected shape: it should not be there at all.
  if (found.expected === "") return { path: found.path, message: `${where} is no field this format has` };
  return { path: found.path, message: `${where} is ${KIND_WORDS[kindOf(found.value)]}, not ${found.expected}` };
}

interface Failure {
  path: string[];
  value: unknown;
  expected: string;
}

function check(value: unknown, shape: Shape): Failure | undefined {
  if (typeof shape === "string") {
    return shape === "any" || kindOf(value) === shape ? undefined : { path: [], value, expected: describe(shape) };
  }
  if ("either" in shape) {
    if (shape.either.some((option) => check(value, option) === undefined)) return undefined;
    // A map that is wrong inside is reported inside, not as "a map, not empty or a map".
    const same = shape.either.filter((option) => describe(option) === KIND_WORDS[kindOf(value)]);
    return same.length === 1 ? check(value, same[0]!) : { path: [], value, expected: describe(shape) };
  }
  if ("list" in shape) {
    if (!Array.isArray(value)) return { path: [], value, expected: "a list" };
    for (let index = 0; index < value.length; index++) {
      const found = check(value[index], shape.list);
      if (found) return within(`${index + 1}`, found);
    }
    return undefined;
  }
  if (kindOf(value) !== "map") return { path: [], value, expected: "a map" };
  const map = value as Record<string, unknown>;
  if ("map" in shape) {
    for (const key of Object.keys(map)) {
      const found = check(map[key], shape.map);
      if (found) return within(key, found);
    }
    return undefined;
  }
  if (shape.only) {
    for (const key of Object.keys(map)) if (!Object.hasOwn(shape.fields, key)) return { path: [key], value: map[key], expected: "" };
  }
  for (const key of Object.keys(shape.fields)) {
    if (!Object.hasOwn(map, key)) continue;
    const found = check(map[key], shape.fields[key]!);
    if (found) return within(key, found);
  }
  return undefined;
}

function within(key: string, failure: Failure): Failure {
  failure.path.unshift(key);
  return failure;
}

type Kind = "string" | "boolean" | "number" | "null" | "map" | "list" | "date" | "other";

function kindOf(value: unknown): Kind {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "list";
  if (value instanceof Date) return "date";
  const type = typeof value;
  if (type === "string" || type === "boolean" || type === "number") return type;
  if (type === "bigint") return "number";
  return type === "object" ? "map" : "other";
}

const KIND_WORDS: Record<Kind, string> = {
  string: "a string",
  boolean: "true or false",
  number: "a number",
  null: "empty",
  map: "a map",
  list: "a list",
  date: "a date",
  other: "something else",
};

function describe(shape: Shape): string {
  if (typeof shape === "string") return shape === "any" ? "anything" : KIND_WORDS[shape];
  if ("either" in shape) return shape.either.map(describe).join(" or ");
  return "list" in shape ? "a list" : "a map";
}
