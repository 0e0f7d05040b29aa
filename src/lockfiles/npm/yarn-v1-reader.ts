/**
 * Reader for the classic yarn.lock format (yarn v1), written by hand on purpose: no library gives the
 * line of each block (`@yarnpkg/lockfile` and `parseSyml` return bare objects), so a second pass over the
 * lines used to find them, and `parseSyml`'s grammar is about five times slower than `@yarnpkg/lockfile` on
 * v1 files. The format is small and line-shaped, so one forward scan yields each block with its
 * descriptors, the fields soup-gate reads and its header line.
 *
 * Shape, as yarn writes it (two spaces per level, nothing deeper than a dependency list):
 *
 *     "@babel/core@^7.0.0", "@babel/core@^7.1.0":     ← header: descriptors, comma-separated, then ':'
 *       version "7.1.2"                               ← field: key, space, value (quoted or bare)
 *       dependencies:                                 ← map field
 *         debug "^4.1.0"                              ← map entry
 *
 * Values follow `@yarnpkg/lockfile`: a quoted string is a JSON string, a bare one runs to the next space.
 * Anything else (odd or tab indentation, a field outside a block, an unterminated quote, a block without
 * a version, a descriptor listed by two blocks) fails with the line. Maps have a null prototype, so a
 * package named `__proto__` is an ordinary key.
 */
import { unparsable, type Unparsable } from "../common/unparsable.js";
import { clip } from "../../text/clip.js";

/** The fields soup-gate reads; yarn writes others (`uid`, ...) that are checked for syntax and skipped. */
export type ClassicFields = {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

export interface ClassicBlock {
  descriptors: string[];
  fields: ClassicFields;
  /** 1-based line of the block header. */
  line: number;
}

export type ClassicRead = { ok: true; blocks: ClassicBlock[] } | Unparsable;

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const QUOTE = 0x22;
const HASH = 0x23;
const COMMA = 0x2c;
const COLON = 0x3a;
const BACKSLASH = 0x5c;

class SyntaxFailure {
  constructor(readonly message: string, readonly line: number) {}
}

export function readYarnClassic(text: string): ClassicRead {
  try {
    return { ok: true, blocks: new ClassicScanner(text).scan() };
  } catch (error) {
    if (error instanceof SyntaxFailure) return unparsable(error.message, error.line);
    throw error;
  }
}

class ClassicScanner {
  private readonly blocks: ClassicBlock[] = [];
  private readonly blockOf = new Map<string, ClassicBlock>();
  private block: ClassicBlock | undefined;
  /** The map the next deeper lines fill: a dependency list, or null for a map soup-gate does not read. */
  private map: Record<string, string> | null = null;
  /**
   * Keys already read in the block and in its current map, by depth (1 and 2). yarn writes each once; a
   * key read twice means lines were lost or moved (a block's fields under the block above), so it fails.
   */
  private readonly keys: [Set<string>, Set<string>, Set<string>] = [new Set(), new Set(), new Set()];
  /** Deepest indentation level the next line may have (one more than a line ending in ':'). */
  private maxDepth = 0;
  private line = 0;
  /** Position in the text of the token being read, and the end of its line (before `\r` and trailing spaces). */
  private at = 0;
  private stop = 0;

  constructor(private readonly text: string) {}

  scan(): ClassicBlock[] {
    const { text } = this;
    for (let start = 0; start < text.length; ) {
      const newline = text.indexOf("\n", start);
      const end = newline === -1 ? text.length : newline;
      this.line++;
      let stop = end;
      while (stop > start && isBlank(text.charCodeAt(stop - 1))) stop--;
      let at = start;
      while (at < stop && text.charCodeAt(at) === SPACE) at++;
      const indent = at - start;
      start = end + 1;
      if (at === stop) continue;
      const first = text.charCodeAt(at);
      if (first === HASH) continue;
      if (first === TAB) this.fail("a tab in the indentation; yarn indents with two spaces per level");
      this.at = at;
      this.stop = stop;
      this.readLine(indent);
    }
    this.closeBlock();
    return this.blocks;
  }

  private readLine(indent: number): void {
    if (indent % 2 !== 0) this.fail(`an odd indentation (${indent} spaces); yarn indents with two spaces per level`);
    const depth = indent / 2;
    if (depth > this.maxDepth) {
      this.fail(this.block === undefined ? "a field outside a block (no `name@range:` header above it)" : "a line indented deeper than the line above allows");
    }
    if (depth === 0) return this.readHeader();
    const key = this.readToken(false);
    if (key === "") this.fail("a line without a key");
    if (depth <= 2) {
      const seen = this.keys[depth]!;
      if (seen.has(key)) this.fail(`\`${clip(key, 80)}\` twice in one ${depth === 1 ? "block" : "map"}; regenerate it with \`yarn install\``);
      seen.add(key);
      if (depth === 1) this.keys[2].clear();
    }
    const opens = this.readSeparator(key);
    this.maxDepth = opens ? depth + 1 : depth;
    const fields = this.block!.fields;
    if (depth === 1) {
      if (opens) {
        this.map = key === "dependencies" || key === "optionalDependencies" ? (fields[key] = Object.create(null) as Record<string, string>) : null;
        return;
      }
      const value = this.readValue();
      if (key === "version" || key === "resolved" || key === "integrity") fields[key] = value;
    } else if (!opens) {
      const value = this.readValue();
      if (depth === 2 && this.map !== null) this.map[key] = value;
    }
  }

  /** `a@^1, "b@npm:^2":` starts a block. */
  private readHeader(): void {
    this.closeBlock();
    const descriptors: string[] = [];
    for (;;) {
      const descriptor = this.readToken(true);
      if (descriptor === "") this.fail("an empty descriptor in a block header");
      descriptors.push(descriptor);
      this.skipSpaces();
      const next = this.text.charCodeAt(this.at);
      this.at++;
      if (next === COMMA) {
        this.skipSpaces();
        continue;
      }
      if (next === COLON && this.atLineEnd()) break;
      this.fail("a line outside a block that is not a block header such as `name@range:`");
    }
    const block: ClassicBlock = { descriptors, fields: Object.create(null) as ClassicFields, line: this.line };
    for (const descriptor of descriptors) {
      const other = this.blockOf.get(descriptor);
      if (other) this.fail(`"${clip(descriptor, 80)}" in two blocks (lines ${other.line} and ${this.line}); regenerate it with \`yarn install\``);
      this.blockOf.set(descriptor, block);
    }
    this.block = block;
    this.blocks.push(block);
    this.map = null;
    this.maxDepth = 1;
    this.keys[1].clear();
  }

  private closeBlock(): void {
    const block = this.block;
    if (block !== undefined && block.fields.version === undefined) {
      throw new SyntaxFailure(`yarn.lock block "${clip(block.descriptors[0]!, 80)}" has no version`, block.line);
    }
  }

  /** After a key: `:` and the line's end open a map (true); a space or `: ` come before a value (false). */
  private readSeparator(key: string): boolean {
    const { text } = this;
    const colon = text.charCodeAt(this.at) === COLON;
    if (colon) this.at++;
    const spaced = text.charCodeAt(this.at) === SPACE;
    if (this.atLineEnd()) {
      if (colon) return true;
      this.fail(`a field \`${clip(key, 80)}\` without a value (a map needs a ':' after its name)`);
    }
    if (!colon && !spaced) this.fail(`unexpected text after \`${clip(key, 80)}\``);
    return false;
  }

  /** A field's value; nothing but a comment may follow it. */
  private readValue(): string {
    const value = this.readToken(false);
    if (!this.atLineEnd()) this.fail("unexpected text after a value");
    return value;
  }

  /** A quoted JSON string, or a bare word up to a space, ':' or ',' (in a header, up to ',' or ':'). */
  private readToken(header: boolean): string {
    const { text, stop } = this;
    const begin = this.at;
    if (text.charCodeAt(begin) === QUOTE) {
      let close = text.indexOf('"', begin + 1);
      while (close !== -1 && close < stop && isEscaped(text, close)) close = text.indexOf('"', close + 1);
      if (close === -1 || close >= stop) this.fail("an unterminated quoted string");
      this.at = close + 1;
      const raw = text.slice(begin + 1, close);
      if (!raw.includes("\\")) return raw;
      try {
        return JSON.parse(text.slice(begin, close + 1)) as string;
      } catch {
        return this.fail("a quoted string with an invalid escape");
      }
    }
    let end = begin;
    for (; end < stop; end++) {
      const code = text.charCodeAt(end);
      if (code === COLON || code === COMMA || code === QUOTE || (code === SPACE && !header)) break;
      // yarn quotes every string holding one; bare, its meaning is anyone's guess.
      if (code === BACKSLASH) this.fail("a backslash outside quotes");
    }
    this.at = end;
    return header ? text.slice(begin, end).trimEnd() : text.slice(begin, end);
  }

  private skipSpaces(): void {
    while (this.at < this.stop && this.text.charCodeAt(this.at) === SPACE) this.at++;
  }

  /** At the end of the line, or at a comment after spaces. */
  private atLineEnd(): boolean {
    this.skipSpaces();
    return this.at >= this.stop || this.text.charCodeAt(this.at) === HASH;
  }

  /** `what` completes "yarn.lock has …". */
  private fail(what: string): never {
    throw new SyntaxFailure(`yarn.lock has ${what}`, this.line);
  }
}

/** Trailing white space, including a stray tab on an otherwise empty line, carries nothing. */
function isBlank(code: number): boolean {
  return code === SPACE || code === CR || code === TAB;
}

/** Is the quote at `index` preceded by an odd number of backslashes? */
function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(index - 1 - backslashes) === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}
