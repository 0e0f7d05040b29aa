import { scanJsonKeys } from "../common/json-key-offsets.js";
import { createLineIndex } from "../common/line-index.js";

const COLON = 0x3a;
const QUOTE = 0x22;
const BRACE = 0x7b;
const BACKSLASH = 0x5c;

/**
 * Finds the lines of chosen keys of the top-level `packages` map of a package-lock.json, by their place in
 * `paths` (its `Object.keys`), from the text alone: a reader keeps only the text and the paths, never the
 * parsed tree (several times the size of the text), and asks only for the packages a report names.
 */
export type PackageKeyLines = (wanted: readonly number[]) => number[];

/**
 * `PackageKeyLines` of one lockfile (`lock` is its parse, read once here and not kept). npm writes one
 * key of `packages` per line, each at the same indentation, in the order `JSON.parse` kept them: the
 * lines that start with that indentation and a quote are walked in turn, each checked to hold the next
 * path, up to the last wanted one and the one after it. A key inside an entry is indented deeper, so it
 * is never one of those lines; a line that does not hold the expected path (another layout, a key
 * spelled with escapes, an integer-like key that `Object.keys` lists first) leaves doubt, and then the
 * full tokenizer decides. The walk stops where the last wanted key is, before the v1-style `dependencies`
 * tree that lockfileVersion 2 repeats.
 */
export function packageKeyLocator(text: string, lock: Record<string, unknown>, paths: readonly string[]): PackageKeyLines {
  // Members before `packages` hold no objects, so the first `"packages":` key is the top-level one.
  let plainBefore = true;
  for (const member of Object.keys(lock)) {
    if (member === "packages") break;
    if (typeof lock[member] === "object" && lock[member] !== null) plainBefore = false;
  }
  let all: number[] | undefined;
  return (wanted) => (plainBefore ? walkKeyLines(text, paths, wanted) : undefined) ?? wanted.map((index) => (all ??= scanAllKeys(text, paths))[index]!);
}

/** `wanted`: indexes into `paths`, in ascending order. */
function walkKeyLines(text: string, paths: readonly string[], wanted: readonly number[]): number[] | undefined {
  if (wanted.length === 0) return [];
  const opening = findKey(text, '"packages"', 0);
  if (opening === -1) return undefined;
  const brace = skipSpaces(text, opening);
  if (text.charCodeAt(brace) !== BRACE) return undefined;
  let at = skipSpaces(text, brace + 1);
  const lineStart = text.lastIndexOf("\n", at);
  if (lineStart < brace) return undefined;
  // The first key's line, up to its opening quote: every key of `packages` is on a line of its own like it.
  const marker = `${text.slice(lineStart, at)}"`;
  const last = wanted[wanted.length - 1]!;
  const end = Math.min(last + 1, paths.length - 1);
  const lines: number[] = new Array(wanted.length);
  let next = 0;
  let line = 1;
  let newline = text.indexOf("\n");
  for (let index = 0; index <= end; index++) {
    if (index > 0) {
      const hit = text.indexOf(marker, at + 1);
      if (hit === -1) return undefined;
      at = hit + marker.length - 1;
    }
    const path = paths[index]!;
    if (!text.startsWith(path, at + 1) || text.charCodeAt(at + 1 + path.length) !== QUOTE || text.charCodeAt(skipSpaces(text, at + path.length + 2)) !== COLON) {
      return undefined;
    }
    if (index !== wanted[next]) continue;
    while (newline !== -1 && newline < at) {
      line++;
      newline = text.indexOf("\n", newline + 1);
    }
    while (wanted[next] === index) lines[next++] = line;
  }
  if (next !== wanted.length) return undefined;
  // The last key has no next one to check the walk against: no line after it may hold it again.
  if (last === paths.length - 1 && text.indexOf(`${marker}${paths[last]}"`, at + 1) !== -1) return undefined;
  // With no backslash up to the last key checked, every key there is spelled plainly.
  const backslash = text.indexOf("\\", opening);
  return backslash === -1 || backslash > at ? lines : undefined;
}

/** Line of one key of a lockfileVersion 1 `dependencies` tree, and of the keys of its own `dependencies`. */
export interface TreeKey {
  line: number;
  children?: Map<string, TreeKey>;
}

/** Deeper than npm nests node_modules in practice: past it the full tokenizer decides, and the recursion stays shallow. */
const MAX_TREE_DEPTH = 64;

/**
 * The keys of a lockfileVersion 1 `dependencies` tree with their lines (`a` → `b` for
 * `dependencies.a.dependencies.b`), found the way `findPackageKeyLines` finds those of `packages`: each key
 * by a forward search from where the members before it end at the earliest, in the order `JSON.parse`
 * kept them. When anything leaves doubt (a backslash, an integer-like key, a member holding the next key,
 * nesting past MAX_TREE_DEPTH), the full tokenizer decides.
 */
export function findDependencyTreeLines(text: string, lock: Record<string, unknown>): TreeKey {
  return findTreeInOrder(text, lock) ?? scanDependencyTreeKeys(text);
}

function findTreeInOrder(text: string, lock: Record<string, unknown>): TreeKey | undefined {
  const root: TreeKey = { line: 1 };
  const finder = new KeyFinder(text);
  const start = skipSpaces(text, 0);
  if (text.charCodeAt(start) !== BRACE) return undefined;
  const found = finder.eachKey(lock, start + 1, shortestJsonLength, (key, _at, valueStart, value) =>
    key === "dependencies" ? finder.isObjectAt(value, valueStart) && dependencyMap(finder, value as Record<string, unknown>, valueStart + 1, root, 0) : true,
  );
  return found && finder.noBackslashBefore() ? root : undefined;
}

function dependencyMap(finder: KeyFinder, map: Record<string, unknown>, from: number, owner: TreeKey, depth: number): boolean {
  if (depth > MAX_TREE_DEPTH) return false;
  return finder.eachKey(map, from, shortestEntryLength, (key, at, valueStart, entry) => {
    const children = (owner.children ??= new Map());
    let node = children.get(key);
    if (node === undefined) children.set(key, (node = { line: finder.lineAt(at) }));
    if (!finder.isObjectAt(entry, valueStart)) return true;
    const nested = (entry as Record<string, unknown>).dependencies;
    if (!Object.hasOwn(entry as object, "dependencies") || !isPlainObject(nested)) return true;
    // Only the entry's own `dependencies` is looked for, past the fields before it.
    const nestedStart = finder.memberStart(entry as Record<string, unknown>, valueStart + 1, "dependencies");
    return nestedStart !== -1 && finder.isObjectAt(nested, nestedStart) && dependencyMap(finder, nested as Record<string, unknown>, nestedStart + 1, node, depth + 1);
  });
}

/** Finds the keys of parsed objects in a JSON text, forward only, and counts lines as it goes. */
class KeyFinder {
  private line = 1;
  private newline: number;
  private last = 0;

  constructor(private readonly text: string) {
    this.newline = text.indexOf("\n");
  }

  /**
   * Each key of `object` in order, its offset and where its value starts; `from` is just past the
   * object's `{`; `lengthOf` tells how far past a member's value the next key is at the least. False when
   * in doubt, or when `visit` says so.
   */
  eachKey(object: Record<string, unknown>, from: number, lengthOf: typeof shortestJsonLength, visit: (key: string, at: number, valueStart: number, value: unknown) => boolean): boolean {
    const text = this.text;
    let previous: unknown;
    let previousStart = -1;
    for (const key in object) {
      // Object.keys lists integer-like keys first, whatever their place in the text.
      if (isIndexLike(key)) return false;
      const value = object[key];
      // A package's entry is an object: searched as `"<name>": {`, the same name in a `requires` map before it is passed over.
      const objectValue = isPlainObject(value);
      let cursor = from;
      if (previousStart !== -1) {
        // The key comes after the previous member's value, which takes at least this many characters.
        const skip = lengthOf(previous, key, 0, objectValue);
        if (skip === -1) return false;
        // Past every key found so far, too (the needle is the key without its opening quote): those inside
        // the previous member are not this one.
        cursor = Math.max(previousStart + skip, this.last + 2);
      }
      const at = findKeyToken(text, key, cursor, objectValue);
      if (at === -1 || at <= this.last || (previousStart === -1 && skipSpaces(text, from) !== at)) return false;
      this.last = at;
      const valueStart = skipSpaces(text, skipSpaces(text, at + key.length + 2) + 1);
      if (!visit(key, at, valueStart, value)) return false;
      previous = value;
      previousStart = valueStart;
    }
    return true;
  }

  /**
   * Where the value of member `name` (an object) of `object` starts, its key found past the members before
   * it; `from` is just past the object's `{`. -1 when in doubt.
   */
  memberStart(object: Record<string, unknown>, from: number, name: string): number {
    let skip = 0;
    for (const key in object) {
      if (key === name) break;
      if (isIndexLike(key)) return -1;
      const child = object[key];
      const childLength = typeof child === "string" ? child.length + 2 : shortestJsonLength(child, name, 0, true);
      if (childLength === -1) return -1;
      // `"key":value,`
      skip += key.length + 3 + childLength + 1;
    }
    const at = findKeyToken(this.text, name, Math.max(from + skip, this.last + 2), true);
    if (at === -1 || at <= this.last) return -1;
    this.last = at;
    return skipSpaces(this.text, skipSpaces(this.text, at + name.length + 2) + 1);
  }

  /** Is `value` a JSON object, written with its `{` at `offset`? */
  isObjectAt(value: unknown, offset: number): boolean {
    return isPlainObject(value) && this.text.charCodeAt(offset) === BRACE;
  }

  /** Line of an offset at or after every offset asked before. */
  lineAt(offset: number): number {
    while (this.newline !== -1 && this.newline < offset) {
      this.line++;
      this.newline = this.text.indexOf("\n", this.newline + 1);
    }
    return this.line;
  }

  /** A key spelled with escapes (`\/`, `\u0061`) would not be found as itself: none may come before the last key found. */
  noBackslashBefore(): boolean {
    const backslash = this.text.indexOf("\\");
    return backslash === -1 || backslash > this.last;
  }
}

/** What an open JSON container is to the tree: the lockfile, a `dependencies` map of a package (or the top), or a package entry. */
type Role = { kind: "lock" } | { kind: "dependencies"; owner: TreeKey } | { kind: "package"; node: TreeKey } | undefined;

/**
 * The exact tokenizer for lockfileVersion 1: the keys of the tree with the line of their first occurrence, as nested maps (`a` → `b` for
 * `dependencies.a.dependencies.b`). Keys come in text order, so lines are counted forward as they come;
 * each container's role is known as it opens, from its parent's, so a key costs the same at any depth.
 */
export function scanDependencyTreeKeys(text: string): TreeKey {
  const root: TreeKey = { line: 1 };
  const roles: Role[] = [];
  /** The tree node of the last key read in each `dependencies` map, by depth: the package its value describes. */
  const lastNode: Array<TreeKey | undefined> = [];
  let line = 1;
  let newline = text.indexOf("\n");
  scanJsonKeys(
    text,
    (parents, key, offset) => {
      const role = roles[parents.length];
      if (role?.kind !== "dependencies") return;
      let node = role.owner.children?.get(key);
      if (node === undefined) {
        while (newline !== -1 && newline < offset) {
          line++;
          newline = text.indexOf("\n", newline + 1);
        }
        node = { line };
        (role.owner.children ??= new Map()).set(key, node);
      }
      lastNode[parents.length] = node;
    },
    (depth, isObject, key) => {
      const parent = roles[depth - 1];
      if (!isObject) roles[depth] = undefined;
      else if (depth === 1) roles[depth] = { kind: "lock" };
      else if (key === "dependencies" && parent?.kind === "lock") roles[depth] = { kind: "dependencies", owner: root };
      else if (key === "dependencies" && parent?.kind === "package") roles[depth] = { kind: "dependencies", owner: parent.node };
      else if (key !== undefined && parent?.kind === "dependencies") roles[depth] = { kind: "package", node: lastNode[depth - 1]! };
      else roles[depth] = undefined;
    },
  );
  return root;
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

/** Offset of the opening quote of the first `"<path>":` from `from` (`"<path>": {` when `objectValue`), or -1. */
function findKeyToken(text: string, path: string, from: number, objectValue = false): number {
  // The bare path as the needle, not `"<path>"`: concatenating would make one more string per package.
  const needle = path === "" ? '""' : path;
  for (let at = text.indexOf(needle, from); at !== -1; at = text.indexOf(needle, at + 1)) {
    const open = path === "" ? at : at - 1;
    const close = open + path.length + 1;
    if (text.charCodeAt(open) !== QUOTE || text.charCodeAt(close) !== QUOTE) continue;
    const colon = skipSpaces(text, close + 1);
    if (text.charCodeAt(colon) === COLON && (!objectValue || text.charCodeAt(skipSpaces(text, colon + 1)) === BRACE)) return open;
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

/**
 * `shortestJsonLength` of a package entry of a v1 tree whose `dependencies` have been found: that field's
 * key and the keys of its map, at any depth, come before the next search starts and do not count as
 * holding `key`; a key anywhere else in it does.
 */
function shortestEntryLength(entry: unknown, key: string, depth: number, objectsOnly = false): number {
  if (!isPlainObject(entry)) return shortestJsonLength(entry, key, depth, objectsOnly);
  if (depth > MAX_ENTRY_DEPTH) return -1;
  const object = entry as Record<string, unknown>;
  let length = 1;
  let members = 0;
  for (const name in object) {
    const child = object[name];
    let childLength: number;
    const found = name === "dependencies" && isPlainObject(child);
    if (name === key && !found && (!objectsOnly || isPlainObject(child))) return -1;
    if (found) {
      const map = child as Record<string, unknown>;
      let entries = 0;
      childLength = 1;
      for (const dependency in map) {
        const entryLength = shortestEntryLength(map[dependency], key, depth + 2, objectsOnly);
        if (entryLength === -1) return -1;
        childLength += dependency.length + 3 + entryLength + 1;
        entries++;
      }
      if (entries === 0) childLength = 2;
    } else {
      childLength = typeof child === "string" ? child.length + 2 : shortestJsonLength(child, key, depth + 1, objectsOnly);
    }
    if (childLength === -1) return -1;
    length += name.length + 3 + childLength + 1;
    members++;
  }
  return members === 0 ? 2 : length;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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
 * or nests deeper than MAX_ENTRY_DEPTH. With `objectsOnly`, only a `key` that holds an object counts: the
 * next key is then searched as `"<key>": {`, which `"<key>": "^1.0.0"` (a `requires` map) never matches.
 */
function shortestJsonLength(value: unknown, key: string, depth: number, objectsOnly = false): number {
  if (typeof value === "string") return value.length + 2;
  if (typeof value !== "object" || value === null) return 1;
  if (depth > MAX_ENTRY_DEPTH) return -1;
  // The opening bracket; each member adds its separator (the last one's stands for the closing bracket).
  let length = 1;
  if (Array.isArray(value)) {
    for (const item of value) {
      const itemLength = shortestJsonLength(item, key, depth + 1, objectsOnly);
      if (itemLength === -1) return -1;
      length += itemLength + 1;
    }
    return value.length === 0 ? 2 : length;
  }
  const object = value as Record<string, unknown>;
  if (Object.hasOwn(object, key) && (!objectsOnly || isPlainObject(object[key]))) return -1;
  let members = 0;
  for (const name in object) {
    const child = object[name];
    const childLength = typeof child === "string" ? child.length + 2 : shortestJsonLength(child, key, depth + 1, objectsOnly);
    if (childLength === -1) return -1;
    // `"name":value,`
    length += name.length + 3 + childLength + 1;
    members++;
  }
  return members === 0 ? 2 : length;
}
