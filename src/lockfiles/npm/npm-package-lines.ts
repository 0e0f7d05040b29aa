import { scanJsonKeys } from "../shared/json-key-offsets.js";
import { createLineIndex } from "../shared/line-index.js";

const COLON = 0x3a;
const QUOTE = 0x22;
const BRACE = 0x7b;
const BACKSLASH = 0x5c;

/**
 * Line of each `"<path>": {` key of the top-level `packages` map of a package-lock.json, in the order of
 * `paths` (its `Object.keys`; `values` holds the entries in the same order). `JSON.parse` already gave
 * the keys in text order, so each one is found by a forward `indexOf` from the previous one: a fraction
 * of the cost of tokenizing the text, and the scan stops where `packages` ends (before the v1-style
 * `dependencies` tree that lockfileVersion 2 repeats).
 *
 * The parsed previous entry also tells how many characters it takes at least, so each search starts
 * past most of it, and whether it holds the same key (a `bin` or `peerDependenciesMeta` key named like a
 * workspace folder), which would be found first. When that check, the key order or the spelling of a
 * key (escapes) leaves any doubt, the full tokenizer decides.
 */
export function findPackageKeyLines(text: string, lock: Record<string, unknown>, paths: readonly string[], values: readonly unknown[]): number[] {
  return findInOrder(text, lock, paths, values) ?? scanAllKeys(text, paths);
}

function findInOrder(text: string, lock: Record<string, unknown>, paths: readonly string[], values: readonly unknown[]): number[] | undefined {
  // Members before `packages` hold no objects, so the first `"packages":` key is the top-level one.
  for (const member of Object.keys(lock)) {
    if (member === "packages") break;
    if (typeof lock[member] === "object" && lock[member] !== null) return undefined;
  }
  const opening = findKey(text, '"packages"', 0);
  if (opening === -1) return undefined;
  let cursor = skipSpaces(text, opening);
  if (text.charCodeAt(cursor) !== BRACE) return undefined;
  cursor++;

  const lines: number[] = [];
  let line = 1;
  let newline = text.indexOf("\n");
  let from = cursor;
  let valueStart = cursor;
  let last = opening;
  for (let index = 0; index < paths.length; index++) {
    const path = paths[index]!;
    // Object.keys lists integer-like keys first, whatever their place in the text.
    if (isIndexLike(path)) return undefined;
    if (index > 0) {
      // The key comes after the previous entry, which takes at least this many characters: skip them.
      const skip = shortestJsonLength(values[index - 1], path, 0);
      if (skip === -1) return undefined;
      from = valueStart + skip;
    }
    const at = findKeyToken(text, path, from);
    if (at === -1 || (index === 0 && skipSpaces(text, from) !== at)) return undefined;
    while (newline !== -1 && newline < at) {
      line++;
      newline = text.indexOf("\n", newline + 1);
    }
    lines.push(line);
    last = skipSpaces(text, at + path.length + 2);
    valueStart = skipSpaces(text, last + 1);
  }
  // A key can be spelled with escapes (`\/`, `\u0061`), which the search above would not see: with no
  // backslash up to the last key found, every key there is spelled plainly and each match is the key.
  const backslash = text.indexOf("\\", opening);
  return backslash === -1 || backslash > last ? lines : undefined;
}

/** The exact tokenizer: first offset of every key of a top-level `packages` object. */
function scanAllKeys(text: string, paths: readonly string[]): number[] {
  const offsets = new Map<string, number>();
  scanJsonKeys(text, (parents, key, offset) => {
    if (parents.length === 2 && parents[1] === "packages" && !offsets.has(key)) offsets.set(key, offset);
  });
  const lineAt = createLineIndex(text);
  return paths.map((path) => lineAt(offsets.get(path) ?? 0));
}

/** Offset of the opening quote of the first `"<path>":` from `from`, or -1. */
function findKeyToken(text: string, path: string, from: number): number {
  // The bare path as the needle, not `"<path>"`: concatenating would make one more string per package.
  const needle = path === "" ? '""' : path;
  for (let at = text.indexOf(needle, from); at !== -1; at = text.indexOf(needle, at + 1)) {
    const open = path === "" ? at : at - 1;
    const close = open + path.length + 1;
    if (text.charCodeAt(open) === QUOTE && text.charCodeAt(close) === QUOTE && text.charCodeAt(skipSpaces(text, close + 1)) === COLON) return open;
  }
  return -1;
}

/** Offset just past the colon of the first `needle` (a quoted key) used as a key from `from`, or -1. */
function findKey(text: string, needle: string, from: number): number {
  for (let at = text.indexOf(needle, from); at !== -1; at = text.indexOf(needle, at + 1)) {
    const after = skipSpaces(text, at + needle.length);
    if (text.charCodeAt(after) === COLON && text.charCodeAt(at - 1) !== BACKSLASH) return after + 1;
  }
  return -1;
}

function skipSpaces(text: string, from: number): number {
  let at = from;
  for (let code = text.charCodeAt(at); code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09; code = text.charCodeAt(++at));
  return at;
}

function isIndexLike(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 0x30 && first <= 0x39 && /^(?:0|[1-9][0-9]*)$/.test(key);
}

/** Deeper than any entry npm writes: past it the full tokenizer decides, and the recursion below stays shallow. */
const MAX_ENTRY_DEPTH = 32;

/**
 * The fewest characters `value` takes as JSON text (a string at least its length and two quotes), or -1
 * when it holds `key` as an object key at any depth (a match for the next key inside the previous entry)
 * or nests deeper than MAX_ENTRY_DEPTH.
 */
function shortestJsonLength(value: unknown, key: string, depth: number): number {
  if (typeof value === "string") return value.length + 2;
  if (typeof value !== "object" || value === null) return 1;
  if (depth > MAX_ENTRY_DEPTH) return -1;
  // The opening bracket; each member adds its separator (the last one's stands for the closing bracket).
  let length = 1;
  if (Array.isArray(value)) {
    for (const item of value) {
      const itemLength = shortestJsonLength(item, key, depth + 1);
      if (itemLength === -1) return -1;
      length += itemLength + 1;
    }
    return value.length === 0 ? 2 : length;
  }
  if (Object.hasOwn(value, key)) return -1;
  const object = value as Record<string, unknown>;
  let members = 0;
  for (const name in object) {
    const child = object[name];
    const childLength = typeof child === "string" ? child.length + 2 : shortestJsonLength(child, key, depth + 1);
    if (childLength === -1) return -1;
    // `"name":value,`
    length += name.length + 3 + childLength + 1;
    members++;
  }
  return members === 0 ? 2 : length;
}
