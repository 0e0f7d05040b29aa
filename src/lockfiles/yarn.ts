import yaml from "js-yaml";
import { YARN_LOCK } from "./claims.js";
import type { ParseOutcome } from "../types.js";
import { type LockfileFormat, type ParseContext } from "./format.js";
import { addOccurrence, mergedDependencies, occurrenceMerger } from "./common/merge-occurrences.js";
import { readPackageManifest } from "./npm/package-manifest.js";
import { asObject } from "./common/parse-json.js";
import { classifyYarnBlocks } from "./npm/yarn-graph.js";
import { identifyBerry, identifyClassic, type BlockIdentity } from "./npm/yarn-locator.js";
import { readYarnClassic } from "./npm/yarn-v1-reader.js";
import { readBerryLayout } from "./npm/yarn-berry-reader.js";
import { describeYamlError } from "../text/yaml-error.js";
import { unparsable, type Unparsable } from "./common/unparsable.js";
import { locateByPlace } from "./common/locate-by-place.js";
import { clip } from "../text/clip.js";
import { conforms, findMisshape, type Shape } from "./common/shape.js";

/** `yarn.lock`: yarn v1 (classic) and yarn 2+ (berry, `__metadata`). */
export const yarnLock: LockfileFormat = {
  ...YARN_LOCK,
  parse: parseYarnLock,
};

/** The same test Yarn's `parseSyml` uses to pick its yarn v1 grammar over YAML: such files go to our own reader. */
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
  const { blocks, lines } = read;

  const classes = classifyYarnBlocks(blocks, readPackageManifest(context.manifest));
  const merger = occurrenceMerger();
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]!;
    const { identity } = block;
    // Workspaces (the root `name@workspace:.` and its members) are the project itself, not SOUP.
    if (identity.kind === "workspace") continue;
    const { direct, dev } = classes[index]!;
    addOccurrence(merger, "npm", identity.name, identity.version, direct, dev, block.line, undefined, identity.source, identity.commit);
  }
  const dependencies = mergedDependencies(merger);
  return lines ? { ok: true, dependencies, locate: locateByPlace(dependencies, lines) } : { ok: true, dependencies };
}

/** `lines`: when a block's `line` is its place among the headers, how to find the lines of places. */
type BlocksRead = { ok: true; blocks: YarnBlock[]; lines?: (places: readonly number[]) => number[] } | Unparsable;

function readClassicBlocks(text: string): BlocksRead {
  const read = readYarnClassic(text);
  if (!read.ok) return read;
  const blocks = read.blocks.map(({ descriptors, fields, line }): YarnBlock => {
    const identity = identifyClassic(descriptors, fields.version!, fields.resolved);
    return { descriptors, fields, identity, line };
  });
  return { ok: true, blocks };
}

/**
 * Berry lockfiles are YAML, read as Yarn reads them (js-yaml, the failsafe schema: every scalar a string)
 * but with a key written twice in one map refused rather than the last one kept: Yarn writes each key
 * once, and a block's fields written twice mean its header line was lost or commented out, its fields
 * fallen into the block above. Text in Yarn's own layout is read by `readBerryLayout` instead, which gives
 * the same data or gives up. Headers' lines are found when asked for (`headerLines`, or read on the way by
 * `readBerryLayout`); until then a block's `line` is its place among the top-level keys.
 */
function readBerryBlocks(text: string): BlocksRead {
  // Yarn's own layout is read by hand, with each header's line on the way; anything else by js-yaml.
  const layout = readBerryLayout(text);
  let parsed: unknown = layout?.data;
  if (layout === undefined) {
    try {
      parsed = yaml.load(text, { schema: yaml.FAILSAFE_SCHEMA });
    } catch (error) {
      const { reason, line } = describeYamlError(error);
      const field = reason === "duplicated mapping key" && line !== undefined ? fieldAt(text, line) : undefined;
      if (field !== undefined) return unparsable(`yarn.lock has \`${clip(field, 80)}\` twice in one block: a block header above it is missing`, line!);
      if (reason === "duplicated mapping key") return unparsable("yarn.lock has a key written twice in one map, which Yarn never writes: regenerate it with `yarn install`", line ?? 1);
      return unparsable(`yarn.lock could not be read: ${reason}`, line ?? 1);
    }
  }
  const data = asObject(parsed);
  if (!data || !Object.hasOwn(data, "__metadata") || !asObject(data.__metadata)) {
    return unparsable("yarn.lock is neither a yarn v1 lockfile (`# yarn lockfile v1` header) nor a yarn 2+ lockfile (`__metadata`)", 1);
  }
  const keys = Object.keys(data);
  const lines = layout ? (places: readonly number[]) => places.map((place) => layout.lines[place]!) : headerLines(text, keys);
  // A YAML alias can share one object between keys: that is one block.
  const blocks = new Map<Readonly<Record<string, unknown>>, YarnBlock>();
  for (let place = 0; place < keys.length; place++) {
    const key = keys[place]!;
    if (key === "__metadata") continue;
    const value = data[key];
    const descriptors = key.includes(",") ? key.split(/,\s*/) : [key];
    const fields = asObject(value);
    const version = typeof fields?.version === "string" || typeof fields?.version === "number" ? String(fields.version) : undefined;
    if (!fields || version === undefined) return unparsable(`yarn.lock block "${clip(key, 80)}" has no version`, lines([place])[0]!);
    if (!conforms(fields, BLOCK)) return unparsable(`yarn.lock: ${findMisshape(fields, BLOCK, [key])!.message}`, lines([place])[0]!);
    const block = blocks.get(fields);
    if (block) {
      for (const descriptor of descriptors) block.descriptors.push(descriptor);
      continue;
    }
    const identity = identifyBerry(typeof fields.resolution === "string" ? fields.resolution : descriptors[0]!, version);
    blocks.set(fields, { descriptors, fields, identity, line: place });
  }
  return { ok: true, blocks: [...blocks.values()], lines };
}

/** The field named on line `line` (1-based) when it is a block's own field line, else undefined. */
function fieldAt(text: string, line: number): string | undefined {
  let start = 0;
  for (let at = 1; at < line && start !== -1; at++) start = text.indexOf("\n", start) + 1 || -1;
  if (start === -1 || !isFieldLine(text, start)) return undefined;
  const end = lineEnd(text, start);
  const colon = text.indexOf(":", start + 2);
  return text.slice(start + 2, colon === -1 || colon > end ? end : colon);
}

/**
 * Lines of the headers of chosen top-level keys, by their place in `keys` (`Object.keys` of the parse, in
 * text order). Headers are the only unindented lines that are not comments: they are walked in turn, each
 * checked to name the next key, up to the last one wanted. When a line does not (a layout Yarn does not
 * write), every header's line is read and each key's found by its first descriptor.
 */
function headerLines(text: string, keys: readonly string[]): (places: readonly number[]) => number[] {
  let byDescriptor: Map<string, number> | undefined;
  return (places) =>
    walkHeaders(text, keys, places) ??
    places.map((place) => {
      const key = keys[place]!;
      return (byDescriptor ??= readHeaderLines(text)).get(key.includes(",") ? key.split(/,\s*/)[0]! : key) ?? 1;
    });
}

/** The walk of `headerLines` alone: undefined where it leaves doubt. Exported for its tests. */
export function walkHeaders(text: string, keys: readonly string[], places: readonly number[]): number[] | undefined {
  const found: number[] = new Array(places.length);
  const top = /^[^\s#]/gm;
  let next = 0;
  let line = 1;
  let newline = text.indexOf("\n");
  for (let place = 0; next < places.length; place++) {
    if (place >= keys.length || !top.test(text)) return undefined;
    const start = top.lastIndex - 1;
    const end = lineEnd(text, start);
    const written = text.slice(start, end).trimEnd();
    if (!written.endsWith(":") || unquote(written.slice(0, -1)) !== keys[place]) return undefined;
    if (places[next] !== place) continue;
    while (newline !== -1 && newline < start) {
      line++;
      newline = text.indexOf("\n", newline + 1);
    }
    while (places[next] === place) found[next++] = line;
  }
  return found;
}

/** What soup-gate reads of a berry block, as yarn writes it. */
const BLOCK: Shape = {
  fields: {
    resolution: "string",
    dependencies: { map: "string" },
    optionalDependencies: { map: "string" },
  },
};

/** Line of every block header, by each descriptor it lists, from one pass over the lines. */
function readHeaderLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 0;
  for (let start = 0; start < text.length; ) {
    const end = lineEnd(text, start);
    line++;
    // Headers are the only unindented lines ending in `:`.
    if (isTopLevelLine(text, start, end)) {
      const written = text.slice(start, end).trimEnd();
      if (written.endsWith(":")) {
        const header = unquote(written.slice(0, -1));
        for (const descriptor of header.includes(",") ? header.split(/,\s*/) : [header]) {
          if (!lines.has(descriptor)) lines.set(descriptor, line);
        }
      }
    }
    start = end + 1;
  }
  return lines;
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
