import type { VersionSpan } from "../types.js";
import { quoteValue } from "../text/quote-value.js";

export interface DeployedVersions {
  versions: string[];
  spans: VersionSpan[];
  /** One range per component's declared constraint: an OR-list. */
  ranges: string[];
  /** What could not be read, each a message for the developer. */
  problems: string[];
}

const VERSION = String.raw`[vV]?\d[0-9A-Za-z.+!_]*(?:-[0-9A-Za-z][0-9A-Za-z.+!_]*)*`;
const LEADING_VERSION = new RegExp(String.raw`^\s*(${VERSION})`);
// An en or em dash between two versions, or a hyphen with spaces around it, marks a span.
const SPAN_TAIL = new RegExp(String.raw`^(?:\s*[\u2013\u2014]\s*|\s+-\s+)(${VERSION})`);
const SEPARATOR = /^\s*(?:,\s*and\b|,|\band\b|&)\s*/;
const LOCKED = /\b(?:version[-\s]?)?locked\s+(?:at|to)\b|\bpinned\s+(?:at|to)\b/i;
const SPECIFIER = /^(===|==|~=|!=|<=|>=|<|>|\^|~|=)\s*(\S+)$/;
// These bound a range from above or cut holes in it: they narrow the component before them, never
// start a new one, so `>=1.4.0, <2.0.0` stays one constraint instead of an OR that accepts everything.
const NARROWING = new Set(["<", "<=", "!="]);

/**
 * Reads a Legit.Health *Deployed Version(s)* cell:
 * `>=1.0.9, >=1.0.14 (version-locked at 1.0.22 and 1.0.24)`, `>=1.41.0 (version-locked at
 * 1.40.61–1.42.26 across services)`, `>=12.0.0`. Words after the locked versions are commentary.
 */
export function parseDeployedVersions(cell: string): DeployedVersions {
  const result: DeployedVersions = { versions: [], spans: [], ranges: [], problems: [] };
  const locked = LOCKED.exec(cell);
  let head = cell;
  if (locked) {
    const open = cell.lastIndexOf("(", locked.index);
    head = cell.slice(0, open === -1 ? locked.index : open);
    const after = cell.slice(locked.index + locked[0].length);
    const list = readVersionList(after);
    if (list.versions.length + list.spans.length === 0) {
      result.problems.push(`Deployed Version(s) says ${quoteValue(locked[0])} but no version follows: write the locked versions after it, e.g. "version-locked at 1.0.22 and 1.0.24"`);
    }
    append(result.versions, list.versions);
    append(result.spans, list.spans);
  }
  // Parenthesised words outside the locked list are nicknames or commentary, not constraints.
  head = head.replace(/\([^()]*\)?/g, " ");
  for (const piece of head.split(/,|\band\b/)) {
    const text = piece.trim();
    if (text === "") continue;
    const specifier = SPECIFIER.exec(text);
    if (specifier) {
      addRange(result.ranges, specifier[1]!, specifier[2]!);
      continue;
    }
    const list = readVersionList(text);
    if (list.rest.trim() === "" && list.versions.length + list.spans.length > 0) {
      append(result.versions, list.versions);
      append(result.spans, list.spans);
    } else {
      result.problems.push(`Deployed Version(s): ${quoteValue(text)} is neither a version nor a version specifier: write e.g. ">=1.0.9 (version-locked at 1.0.24)"`);
    }
  }
  return result;
}

/** `push(...items)` passes every item as an argument: a cell of 200,000 versions would overflow the stack. */
function append<T>(list: T[], items: readonly T[]): void {
  for (const item of items) list.push(item);
}

function addRange(ranges: string[], operator: string, version: string): void {
  const range = operator + version;
  if (NARROWING.has(operator) && ranges.length > 0) ranges[ranges.length - 1] += `, ${range}`;
  else ranges.push(range);
}

/** Reads `A, B, and C` / `A–B` from the start of `text`; stops at the first words that are not versions. */
function readVersionList(text: string): { versions: string[]; spans: VersionSpan[]; rest: string } {
  const versions: string[] = [];
  const spans: VersionSpan[] = [];
  let rest = text;
  for (;;) {
    const first = LEADING_VERSION.exec(rest);
    if (!first) break;
    rest = rest.slice(first[0].length);
    const tail = SPAN_TAIL.exec(rest);
    if (tail) {
      spans.push({ from: trimVersion(first[1]!), to: trimVersion(tail[1]!) });
      rest = rest.slice(tail[0].length);
    } else {
      const span = splitHyphenSpan(trimVersion(first[1]!));
      if (span) spans.push(span);
      else versions.push(trimVersion(first[1]!));
    }
    const separator = SEPARATOR.exec(rest);
    if (!separator || !LEADING_VERSION.test(rest.slice(separator[0].length))) break;
    rest = rest.slice(separator[0].length);
  }
  return { versions, spans, rest };
}

/** A sentence may end right after a version: `1.0.24.` */
export function trimVersion(version: string): string {
  let end = version.length;
  while (end > 0 && version[end - 1] === ".") end--;
  return version.slice(0, end);
}

/**
 * `1.40.61-1.42.26` is a span, but `1.0.0-beta.1` and `1.0-1` are single versions: a hyphen splits only
 * when both sides start with `major.minor`.
 */
function splitHyphenSpan(token: string): VersionSpan | undefined {
  const start = /^[vV]?\d+\.\d+/.exec(token);
  if (!start) return undefined;
  const right = /[vV]?\d+\.\d+/y;
  for (let at = token.indexOf("-", start[0].length); at !== -1; at = token.indexOf("-", at + 1)) {
    right.lastIndex = at + 1;
    if (right.test(token)) return { from: token.slice(0, at), to: token.slice(at + 1) };
  }
  return undefined;
}
