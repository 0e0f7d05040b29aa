import { parseSyml } from "@yarnpkg/parsers";
import { YARN_LOCK } from "./claims.js";
import type { ParseOutcome } from "../types.js";
import { type LockfileFormat, type ParseContext } from "./format.js";
import { OccurrenceMerger } from "./common/merge-occurrences.js";
import { readPackageManifest } from "./npm/package-manifest.js";
import { asObject } from "./common/parse-json.js";
import { classifyYarnBlocks } from "./npm/yarn-graph.js";
import { identifyBerry, identifyClassic, type BlockIdentity } from "./npm/yarn-locator.js";
import { readYarnClassic } from "./npm/yarn-v1-reader.js";
import { describeYamlError } from "../text/yaml-error.js";
import { unparsable, type Unparsable } from "./common/unparsable.js";
import { clip } from "../text/clip.js";
import { conforms, findMisshape, type Shape } from "./common/shape.js";

/** `yarn.lock`: yarn v1 (classic) and yarn 2+ (berry, `__metadata`). */
export const yarnLock: LockfileFormat = {
  ...YARN_LOCK,
  parse: parseYarnLock,
};

/** The same test `parseSyml` uses to pick its yarn v1 grammar over YAML: such files go to our own reader. */
const CLASSIC_HEADER = /^(#.*(\r?\n))*?#\s+yarn\s+lockfile\s+v1\r?\n/i;

export interface YarnBlock {
  descriptors: string[];
  fields: Readonly<Record<string, unknown>>;
  identity: BlockIdentity;
  line: number;
}

function parseYarnLock(text: string, context: ParseContext): ParseOutcome {
  // YAML accepts JSON, so a JSON file would otherwise "parse" as an empty berry lockfile.
  if (/^\s*[[{]/.test(text)) {
    return unparsable("yarn.lock holds JSON, not a yarn lockfile; regenerate it with `yarn install`", 1);
  }
  const read = CLASSIC_HEADER.test(text) ? readClassicBlocks(text) : readBerryBlocks(text);
  if (!read.ok) return read;
  const { blocks } = read;

  const classes = classifyYarnBlocks(blocks, readPackageManifest(context.manifest));
  const merger = new OccurrenceMerger();
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]!;
    const { identity } = block;
    // Workspaces (the root `name@workspace:.` and its members) are the project itself, not SOUP.
    if (identity.kind === "workspace") continue;
    const { direct, dev } = classes[index]!;
    merger.add("npm", identity.name, identity.version, direct, dev, block.line, undefined, identity.source, identity.commit);
  }
  return { ok: true, dependencies: merger.dependencies() };
}

type BlocksRead = { ok: true; blocks: YarnBlock[] } | Unparsable;

function readClassicBlocks(text: string): BlocksRead {
  const read = readYarnClassic(text);
  if (!read.ok) return read;
  const blocks = read.blocks.map(({ descriptors, fields, line }): YarnBlock => {
    const identity = identifyClassic(descriptors, fields.version!, fields.resolved);
    return { descriptors, fields, identity, line };
  });
  return { ok: true, blocks };
}

/** Berry lockfiles are YAML: `parseSyml` reads them, and one pass over the lines finds each header's line. */
function readBerryBlocks(text: string): BlocksRead {
  let parsed: unknown;
  try {
    parsed = parseSyml(text);
  } catch (error) {
    const { reason, line } = describeYamlError(error);
    return unparsable(`yarn.lock could not be read: ${reason}`, line ?? 1);
  }
  const data = asObject(parsed);
  if (!data || !Object.hasOwn(data, "__metadata") || !asObject(data.__metadata)) {
    return unparsable("yarn.lock is neither a yarn v1 lockfile (`# yarn lockfile v1` header) nor a yarn 2+ lockfile (`__metadata`)", 1);
  }
  const { lines, fieldLines } = readHeaderLines(text);
  // A block has a field for each field line under its header, unless one was written twice in it.
  for (const key of Object.keys(data)) {
    const written = fieldLines.get(key) ?? 0;
    if (written > 0 && written > countFields(data[key])) {
      const twice = findFieldTwice(text);
      if (twice) return twice;
      break;
    }
  }
  // A YAML alias can share one object between keys: that is one block.
  const blocks = new Map<Readonly<Record<string, unknown>>, YarnBlock>();
  for (const key of Object.keys(data)) {
    if (key === "__metadata") continue;
    const value = data[key];
    const descriptors = key.includes(",") ? key.split(/,\s*/) : [key];
    const line = lines.get(descriptors[0]!) ?? 1;
    const fields = asObject(value);
    const version = typeof fields?.version === "string" || typeof fields?.version === "number" ? String(fields.version) : undefined;
    if (!fields || version === undefined) return unparsable(`yarn.lock block "${clip(key, 80)}" has no version`, line);
    if (!conforms(fields, BLOCK)) return unparsable(`yarn.lock: ${findMisshape(fields, BLOCK, [key])!.message}`, line);
    const block = blocks.get(fields);
    if (block) {
      for (const descriptor of descriptors) block.descriptors.push(descriptor);
      continue;
    }
    const identity = identifyBerry(typeof fields.resolution === "string" ? fields.resolution : descriptors[0]!, version);
    blocks.set(fields, { descriptors, fields, identity, line });
  }
  return { ok: true, blocks: [...blocks.values()] };
}

/** What soup-gate reads of a berry block, as yarn writes it. */
const BLOCK: Shape = {
  fields: {
    resolution: "string",
    dependencies: { map: "string" },
    optionalDependencies: { map: "string" },
  },
};

/**
 * Line of every block header, by each descriptor it lists, and how many field lines follow each header (by
 * the header's key), from one pass over the text.
 */
function readHeaderLines(text: string): { lines: Map<string, number>; fieldLines: Map<string, number> } {
  const lines = new Map<string, number>();
  const fieldLines = new Map<string, number>();
  let header: string | undefined;
  let count = 0;
  let line = 0;
  for (let start = 0; start < text.length; ) {
    const end = lineEnd(text, start);
    line++;
    // Headers are the only unindented lines ending in `:`.
    if (isTopLevelLine(text, start, end)) {
      if (header !== undefined) fieldLines.set(header, (fieldLines.get(header) ?? 0) + count);
      header = undefined;
      count = 0;
      const written = text.slice(start, end).trimEnd();
      if (written.endsWith(":")) {
        header = unquote(written.slice(0, -1));
        for (const descriptor of header.includes(",") ? header.split(/,\s*/) : [header]) {
          if (!lines.has(descriptor)) lines.set(descriptor, line);
        }
      }
    } else if (isFieldLine(text, start)) {
      count++;
    }
    start = end + 1;
  }
  if (header !== undefined) fieldLines.set(header, (fieldLines.get(header) ?? 0) + count);
  return { lines, fieldLines };
}

function countFields(value: unknown): number {
  let fields = 0;
  if (typeof value === "object" && value !== null) for (const field in value) if (Object.hasOwn(value, field)) fields++;
  return fields;
}

/** Where the line starting at `start` ends: its newline, or the end of the text. */
function lineEnd(text: string, start: number): number {
  const newline = text.indexOf("\n", start);
  return newline === -1 ? text.length : newline;
}

/** An unindented line that is not a comment: a block header, or what ends the block above. */
function isTopLevelLine(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  return end > start && first !== 0x20 && first !== 0x09 && first !== 0x23 && first !== 0x0d;
}

/** A block's own field: two spaces in, then a key (not a comment, not a deeper line). */
function isFieldLine(text: string, start: number): boolean {
  return text.charCodeAt(start) === 0x20 && text.charCodeAt(start + 1) === 0x20 && text.charCodeAt(start + 2) > 0x20 && text.charCodeAt(start + 2) !== 0x23;
}

/**
 * The first field written twice in one block, at its line. Yarn writes each field of a block once, so a
 * field seen twice means a header line was lost or commented out and its fields fell into the block above,
 * which YAML allows (the last one wins). Run only when a block parsed holds fewer fields than the text
 * has field lines under its header.
 */
function findFieldTwice(text: string): Unparsable | undefined {
  const fields = new Set<string>();
  let line = 0;
  for (let start = 0; start < text.length; ) {
    const end = lineEnd(text, start);
    line++;
    if (isTopLevelLine(text, start, end)) {
      fields.clear();
    } else if (isFieldLine(text, start)) {
      const colon = text.indexOf(":", start + 2);
      const field = text.slice(start + 2, colon === -1 || colon > end ? end : colon);
      if (fields.has(field)) return unparsable(`yarn.lock has \`${clip(field, 80)}\` twice in one block: a block header above it is missing`, line);
      fields.add(field);
    }
    start = end + 1;
  }
  return undefined;
}

/**
 * `a@1, "b@npm:^2"` and `"a@1, b@^2"` both become `a@1, b@^2`: every closed double-quoted run is read as
 * a JSON string. A scan rather than `/"((?:[^"\\]|\\.)*)"/g`, which retries from every quote of an unclosed
 * run of escaped quotes and so takes time quadratic in the line.
 */
function unquote(header: string): string {
  let result = "";
  let from = 0;
  for (let open = header.indexOf('"'); open !== -1; open = header.indexOf('"', from)) {
    let close = open + 1;
    while (close < header.length && header.charCodeAt(close) !== 0x22) close += header.charCodeAt(close) === 0x5c ? 2 : 1;
    // Unclosed from here: every later quote is escaped the same way, so nothing after it is quoted either.
    if (close >= header.length) break;
    result += header.slice(from, open) + readQuoted(header.slice(open, close + 1));
    from = close + 1;
  }
  return result + header.slice(from);
}

function readQuoted(quoted: string): string {
  // Nearly every quoted header holds no escape: its text is its value.
  if (!quoted.includes("\\")) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
