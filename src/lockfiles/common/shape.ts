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

/** A map, whatever it holds. */
export const ANY_MAP: Shape = { fields: {} };

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
  const found = checkerOf(shape)(value);
  if (!found) return undefined;
  found.path.unshift(...at);
  const where = found.path.length === 0 ? "the file" : found.path.map((key) => quoted(key, 60)).join(" › ");
  // An unexpected field has no expected shape: it should not be there at all.
  if (found.expected === "") return { path: found.path, message: `${where} is no field this format has` };
  return { path: found.path, message: `${where} is ${KIND_WORDS[kindOf(found.value)]}, not ${found.expected}` };
}

/** Does the value have its shape? `findMisshape` says where it does not; this only whether, and builds nothing. */
export function conforms(value: unknown, shape: Shape): boolean {
  return checkerOf(shape)(value) === undefined;
}

interface Failure {
  path: string[];
  value: unknown;
  expected: string;
}

type Checker = (value: unknown) => Failure | undefined;

// Shapes are module constants checked against every entry of a lockfile (60,000 in a large package-lock):
// each is turned once into a closure that does only its own checks.
const checkers = new WeakMap<object, Checker>();
const KIND_CHECKERS: Record<Exclude<Shape, object>, Checker> = {
  string: (value) => (typeof value === "string" ? undefined : { path: [], value, expected: KIND_WORDS.string }),
  boolean: (value) => (typeof value === "boolean" ? undefined : { path: [], value, expected: KIND_WORDS.boolean }),
  number: (value) => (typeof value === "number" ? undefined : { path: [], value, expected: KIND_WORDS.number }),
  null: (value) => (value === null || value === undefined ? undefined : { path: [], value, expected: KIND_WORDS.null }),
  any: () => undefined,
};

function checkerOf(shape: Shape): Checker {
  if (typeof shape === "string") return KIND_CHECKERS[shape];
  let checker = checkers.get(shape);
  if (!checker) {
    checker = compile(shape);
    checkers.set(shape, checker);
  }
  return checker;
}

function compile(shape: Exclude<Shape, string>): Checker {
  if ("either" in shape) {
    // Only the options of the value's own kind are tried: a map that is wrong inside is reported inside,
    // not as "a map, not empty or a map", and no failure is built for the options of other kinds.
    const byKind = new Map<string, Checker[]>();
    for (const option of shape.either) {
      const words = describe(option);
      byKind.set(words, [...(byKind.get(words) ?? []), checkerOf(option)]);
    }
    const anything = byKind.get("anything") ?? [];
    const forKind = new Map(Object.values(KIND_WORDS).map((words) => [words, [...(byKind.get(words) ?? []), ...anything]]));
    const expected = describe(shape);
    return (value) => {
      const options = forKind.get(KIND_WORDS[kindOf(value)])!;
      if (options.length === 1) return options[0]!(value);
      return options.some((check) => check(value) === undefined) ? undefined : { path: [], value, expected };
    };
  }
  if ("list" in shape) {
    const item = checkerOf(shape.list);
    return (value) => {
      if (!Array.isArray(value)) return { path: [], value, expected: "a list" };
      for (let index = 0; index < value.length; index++) {
        const found = item(value[index]);
        if (found) return within(`${index + 1}`, found);
      }
      return undefined;
    };
  }
  if ("map" in shape) {
    const item = checkerOf(shape.map);
    return (value) => {
      if (!isMap(value)) return { path: [], value, expected: "a map" };
      for (const key of Object.keys(value)) {
        const found = item(value[key]);
        if (found) return within(key, found);
      }
      return undefined;
    };
  }
  const keys = Object.keys(shape.fields);
  const checks = keys.map((key) => checkerOf(shape.fields[key]!));
  if (shape.only) return compileOnly(keys, checks);
  // A field no plain object inherits (`version`, not `constructor`) is read directly: absent reads undefined.
  const inherited = keys.map((key) => key in Object.prototype);
  return (value) => {
    if (!isMap(value)) return { path: [], value, expected: "a map" };
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index]!;
      // An absent field is free; no field named here is ever inherited (JSON and YAML maps hold no such key by default).
      const field = inherited[index] ? (Object.hasOwn(value, key) ? value[key] : undefined) : value[key];
      if (field === undefined) continue;
      const found = checks[index]!(field);
      if (found) return within(key, found);
    }
    return undefined;
  };
}

/**
 * A map of `only` the fields `keys` names: one pass over the fields the value has, each checked as it
 * comes (most of a lockfile's entries have a few of the fields a shape lists). A field no format has is
 * reported first; else the first failing field in the shape's order, as for other maps.
 */
function compileOnly(keys: readonly string[], checks: readonly Checker[]): Checker {
  const places = new Map(keys.map((key, index) => [key, index]));
  return (value) => {
    if (!isMap(value)) return { path: [], value, expected: "a map" };
    let failed = keys.length;
    let failure: Failure | undefined;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const place = places.get(key);
      if (place === undefined) return { path: [key], value: value[key], expected: "" };
      const field = value[key];
      if (field === undefined || place > failed) continue;
      const found = checks[place]!(field);
      if (found) [failed, failure] = [place, found];
    }
    return failure && within(keys[failed]!, failure);
  };
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
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
