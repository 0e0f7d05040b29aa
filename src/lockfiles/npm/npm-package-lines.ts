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
 * key of `packages` per line, each at the same indentation, in the order `JSON.parse` kept them: each
 * wanted path is searched for as such a line, then checked to be followed by the next path's line (the
 * last path: by no other line holding it). A key inside an entry is indented deeper, so it is never one
 * of those lines; where one is anyway (not npm's layout), the line after it is not the next key's. What
 * leaves doubt (another layout, a key spelled with escapes, an integer-like key that `Object.keys` lists
 * first) sends the search to the full tokenizer. The search ends at the last wanted key, before the
 * v1-style `dependencies` tree that lockfileVersion 2 repeats.
 */
export function packageKeyLocator(text: string, lock: Record<string, unknown>, paths: readonly string[]): PackageKeyLines {
  const plainBefore = membersBeforeArePlain(lock, "packages");
  let all: number[] | undefined;
  return (wanted) => (plainBefore ? walkPackageKeys(text, paths, wanted) : undefined) ?? wanted.map((index) => (all ??= scanAllKeys(text, paths))[index]!);
}

/**
 * The search of `packageKeyLocator` alone: the lines, or undefined where it leaves doubt (the caller then
 * tokenizes). `wanted`: indexes into `paths`, in ascending order. Exported for its tests, which hold it
 * to the tokenizer and to a result wherever npm's layout leaves no doubt.
 */
export function walkPackageKeys(text: string, paths: readonly string[], wanted: readonly number[]): number[] | undefined {
  if (wanted.length === 0) return [];
  const opening = findKey(text, '"packages"', 0);
  if (opening === -1) return undefined;
  const brace = skipSpaces(text, opening);
  if (text.charCodeAt(brace) !== BRACE) return undefined;
  const first = skipSpaces(text, brace + 1);
  const lineStart = text.lastIndexOf("\n", first);
  if (lineStart < brace) return undefined;
  // The first key's line, up to its opening quote: every key of `packages` is on a line of its own like it.
  const marker = `${text.slice(lineStart, first)}"`;
  const lines: number[] = new Array(wanted.length);
  let line = 1;
  let newline = text.indexOf("\n");
  // Where the search goes on from, and the key found there by the check of the one before (-1: none).
  let from = lineStart;
  let known = -1;
  for (let next = 0; next < wanted.length; ) {
    const index = wanted[next]!;
    const path = paths[index]!;
    let at: number;
    if (index === known) at = from + marker.length - 1;
    else {
      // A search for the whole line skips the keys between (most of the text) far faster than visiting each.
      const hit = text.indexOf(`${marker}${path}"`, from);
      if (hit === -1) return undefined;
      at = hit + marker.length - 1;
    }
    if (text.charCodeAt(skipSpaces(text, at + path.length + 2)) !== COLON) return undefined;
    while (newline !== -1 && newline < at) {
      line++;
      newline = text.indexOf("\n", newline + 1);
    }
    while (wanted[next] === index) lines[next++] = line;
    if (index + 1 === paths.length) {
      // The last key has no next one to check it against: no line after it may hold it again.
      if (text.indexOf(`${marker}${path}"`, at + 1) !== -1) return undefined;
      from = at - marker.length + 1;
      break;
    }
    const following = text.indexOf(marker, at + 1);
    const after = paths[index + 1]!;
    if (following === -1 || !text.startsWith(after, following + marker.length) || text.charCodeAt(following + marker.length + after.length) !== QUOTE) return undefined;
    from = following;
    known = index + 1;
  }
  // With no backslash up to the last key checked (its line starts at `from`), every key there is spelled plainly.
  const backslash = text.indexOf("\\", opening);
  return backslash === -1 || backslash > from + marker.length - 1 ? lines : undefined;
}

/** Line of one key of a lockfileVersion 1 `dependencies` tree, and of the keys of its own `dependencies`. */
export interface TreeKey {
  line: number;
  children?: Map<string, TreeKey>;
}

/** Deeper than npm nests node_modules in practice: past it the full tokenizer decides, and the recursion stays shallow. */
const MAX_TREE_DEPTH = 64;

/**
 * The lines of chosen entries of a lockfileVersion 1 `dependencies` tree, by their place in a walk of the
 * parsed tree in text order (each entry, then the entries of its own `dependencies`, then its next
 * sibling); `wanted` in ascending order.
 */
export type TreeKeyLines = (wanted: readonly number[]) => number[];

/**
 * `TreeKeyLines` of one lockfile, from the text and the shape of the walk alone: `keys[p]` is the key at
 * place p, `parents[p]` the place of the entry whose `dependencies` holds it (-1 at the top). As for
 * `packages`, npm writes each key of a map on a line of its own at that map's indentation, deeper maps
 * deeper: the lines of each map on the way to a wanted entry are walked in turn, each checked to hold the
 * next key, and an entry's own `dependencies` is the field at its fields' indentation that opens an
 * object. The walk ends one key past the last wanted one. When anything leaves doubt (another layout, a
 * backslash, an integer-like key that `Object.keys` lists first, nesting past MAX_TREE_DEPTH), the full
 * tokenizer decides. So it does when more than `walkShare` of the entries are wanted.
 */
export function treeKeyLocator(text: string, lock: Record<string, unknown>, keys: readonly string[], parents: readonly number[], walkShare = 1 / 8): TreeKeyLines {
  const plainBefore = membersBeforeArePlain(lock, "dependencies");
  let scanned: number[] | undefined;
  return (wanted) => {
    // The walk passes over each nested map's text once per level above it: for many entries (an audit
    // asks for all) one pass of the tokenizer costs less.
    const walked = plainBefore && wanted.length <= keys.length * walkShare ? walkTreeKeys(text, keys, parents, wanted) : undefined;
    return walked ?? wanted.map((place) => (scanned ??= scanTreeKeyLines(text, keys, parents))[place]!);
  };
}

/** The full tokenizer's line of each place (`treeKeyLocator`'s `keys` and `parents`). */
export function scanTreeKeyLines(text: string, keys: readonly string[], parents: readonly number[]): number[] {
  const root = scanDependencyTreeKeys(text);
  const nodes: Array<TreeKey | undefined> = new Array(keys.length);
  const lines: number[] = new Array(keys.length);
  for (let place = 0; place < keys.length; place++) {
    const parent = parents[place]!;
    nodes[place] = (parent === -1 ? root : nodes[parent])?.children?.get(keys[place]!);
    lines[place] = nodes[place]?.line ?? 1;
  }
  return lines;
}

/**
 * The walk of `treeKeyLocator` alone: the lines of the places `wanted` lists, or undefined where it leaves
 * doubt. Exported for its tests, as `walkPackageKeys` is.
 */
export function walkTreeKeys(text: string, keys: readonly string[], parents: readonly number[], wanted: readonly number[]): number[] | undefined {
  return new TreeWalk(text, keys, parents).lines(wanted);
}

/** Members before `name` hold no objects: the first `"<name>":` key of the text is the top-level one. */
function membersBeforeArePlain(lock: Record<string, unknown>, name: string): boolean {
  for (const member of Object.keys(lock)) {
    if (member === name) return true;
    if (typeof lock[member] === "object" && lock[member] !== null) return false;
  }
  return true;
}

/** One walk of `treeKeyLocator`: forward through the text, counting lines as it goes. */
class TreeWalk {
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  /** The last place of each entry's subtree (places of a subtree are contiguous). */
  private readonly end: Int32Array;
  private wanted: readonly number[] = [];
  private found: number[] = [];
  private next = 0;
  private done = false;
  private cursor = 0;
  private line = 1;
  private newline: number;

  constructor(
    private readonly text: string,
    private readonly keys: readonly string[],
    parents: readonly number[],
  ) {
    const count = keys.length;
    this.firstChild = new Int32Array(count).fill(-1);
    this.nextSibling = new Int32Array(count).fill(-1);
    this.end = new Int32Array(count).fill(-1);
    // The last child seen of each entry, at index place + 1 (0 for the top).
    const lastChild = new Int32Array(count + 1).fill(-1);
    for (let place = 0; place < count; place++) {
      const parent = parents[place]!;
      const previous = lastChild[parent + 1]!;
      if (previous !== -1) this.nextSibling[previous] = place;
      else if (parent !== -1) this.firstChild[parent] = place;
      lastChild[parent + 1] = place;
    }
    for (let place = count - 1; place >= 0; place--) {
      if (this.end[place]! < place) this.end[place] = place;
      const parent = parents[place]!;
      if (parent !== -1 && this.end[parent]! < this.end[place]!) this.end[parent] = this.end[place]!;
    }
    this.newline = text.indexOf("\n");
  }

  lines(wanted: readonly number[]): number[] | undefined {
    if (wanted.length === 0) return [];
    const text = this.text;
    const opening = findKey(text, '"dependencies"', 0);
    if (opening === -1 || this.keys.length === 0) return undefined;
    const brace = skipSpaces(text, opening);
    if (text.charCodeAt(brace) !== BRACE) return undefined;
    this.wanted = wanted;
    this.found = new Array(wanted.length);
    this.cursor = brace;
    if (!this.map(brace + 1, 0, 0) || this.next !== wanted.length) return undefined;
    // With no backslash up to the last key checked, every key there is spelled plainly.
    const backslash = text.indexOf("\\", opening);
    return backslash === -1 || backslash > this.cursor ? this.found : undefined;
  }

  /** The keys of one map, from just past its `{`; `first`: the place of its first key. False when in doubt. */
  private map(open: number, first: number, depth: number): boolean {
    if (depth > MAX_TREE_DEPTH) return false;
    const text = this.text;
    let at = skipSpaces(text, open);
    const lineStart = text.lastIndexOf("\n", at);
    if (text.charCodeAt(at) !== QUOTE || lineStart < open) return false;
    const marker = `${text.slice(lineStart, at)}"`;
    for (let child = first; child !== -1; child = this.nextSibling[child]!) {
      if (child !== first) {
        const hit = findLineStart(text, marker, this.cursor + 1);
        if (hit === -1) return false;
        at = hit + marker.length - 1;
      }
      const key = this.keys[child]!;
      const colon = skipSpaces(text, at + key.length + 2);
      if (!text.startsWith(key, at + 1) || text.charCodeAt(at + 1 + key.length) !== QUOTE || text.charCodeAt(colon) !== COLON) return false;
      this.cursor = at;
      if (child > this.wanted[this.wanted.length - 1]!) {
        this.done = true;
        return true;
      }
      if (this.wanted[this.next] === child) {
        while (this.newline !== -1 && this.newline < at) {
          this.line++;
          this.newline = text.indexOf("\n", this.newline + 1);
        }
        while (this.wanted[this.next] === child) this.found[this.next++] = this.line;
      }
      // Into its own `dependencies` only when a wanted place lies there.
      const inside = this.firstChild[child]!;
      if (inside === -1 || this.next === this.wanted.length || this.wanted[this.next]! > this.end[child]!) continue;
      const nested = this.nestedMap(skipSpaces(text, colon + 1));
      if (nested === -1 || !this.map(nested, inside, depth + 1)) return false;
      if (this.done) return true;
    }
    return true;
  }

  /**
   * Just past the `{` of the `dependencies` object of the entry whose `{` is at `entry`, or -1. Should the
   * entry's own be written otherwise, the one found is a later entry's: the walk then finds that entry's key
   * behind it, where the next key of this map was to come, and gives up.
   */
  private nestedMap(entry: number): number {
    const text = this.text;
    if (text.charCodeAt(entry) !== BRACE) return -1;
    const field = skipSpaces(text, entry + 1);
    const lineStart = text.lastIndexOf("\n", field);
    if (lineStart < entry) return -1;
    const needle = `${text.slice(lineStart, field)}"dependencies"`;
    for (let hit = text.indexOf(needle, entry); hit !== -1; hit = text.indexOf(needle, hit + 1)) {
      const colon = skipSpaces(text, hit + needle.length);
      if (text.charCodeAt(colon) !== COLON) continue;
      const value = skipSpaces(text, colon + 1);
      if (text.charCodeAt(value) === BRACE) return value + 1;
    }
    return -1;
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

/** Markers longer than this are searched by a regular expression (`findLineStart`). */
const SHORT_MARKER = 6;
const markerPatterns = new Map<string, RegExp>();

/**
 * Offset of the next `marker` (a line break, an indentation, a quote) from `from`, or -1. `indexOf` looks
 * for a long run of spaces slowly in a text that is mostly runs of spaces; V8's compiled regular
 * expressions do not: a deep map's keys are found twice as fast.
 */
function findLineStart(text: string, marker: string, from: number): number {
  if (marker.length <= SHORT_MARKER) return text.indexOf(marker, from);
  let pattern = markerPatterns.get(marker);
  if (pattern === undefined) {
    // A marker holds only a line break, spaces or tabs, and a quote: nothing a pattern reads as syntax.
    pattern = new RegExp(marker, "g");
    if (markerPatterns.size >= 32) markerPatterns.clear();
    markerPatterns.set(marker, pattern);
  }
  pattern.lastIndex = from;
  return pattern.test(text) ? pattern.lastIndex - marker.length : -1;
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
