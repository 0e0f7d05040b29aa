/**
 * Line of each key of the top-level `packages` map (1 for a key it does not hold), from one pass over the
 * lines: keys are the lines indented one level below an unindented `packages:`. A later `packages:` (a
 * later YAML document) replaces an earlier one, since the parser reads the last document. In a single
 * document there is no later one: the pass stops where a map with every key (`expected` of them) ends.
 */
export function findPnpmPackageLines(text: string, singleDocument: boolean, expected: number): (key: string) => number {
  let keys = new Map<string, number>();
  let inPackages = false;
  let indent = -1;
  let line = 0;
  // Character codes rather than slices: only the key lines of `packages` become strings.
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    line++;
    const lineStart = start;
    start = end + 1;
    // Most lines are indented deeper than anything read here: skip them on two characters.
    if (text.charCodeAt(lineStart) === 0x20 && (!inPackages || (indent > 0 && isSpace(text.charCodeAt(lineStart + indent))))) {
      if (newline === -1) break;
      continue;
    }
    const contentEnd = end > lineStart && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    let at = lineStart;
    while (at < contentEnd && isSpace(text.charCodeAt(at))) at++;
    if (at === contentEnd || text.charCodeAt(at) === 0x23 /* # */) {
      if (newline === -1) break;
      continue;
    }
    const depth = at - lineStart;
    if (depth === 0) {
      if (inPackages && singleDocument && keys.size >= expected) break;
      inPackages = text.startsWith("packages:", lineStart) && onlySpaces(text, lineStart + "packages:".length, contentEnd);
      if (inPackages) {
        keys = new Map();
        indent = -1;
      }
    } else if (inPackages) {
      if (indent === -1) indent = depth;
      if (depth === indent) {
        const key = keyOf(text.slice(at, contentEnd));
        if (key !== undefined && !keys.has(key)) keys.set(key, line);
      }
    }
    if (newline === -1) break;
  }
  return (key) => keys.get(key) ?? 1;
}

/** Line of the last unindented `key:` (1 when there is none), for the messages that name it: the last document is the one read. */
export function findTopLevelLine(text: string, key: string): number {
  const needle = `${key}:`;
  let found = 1;
  let line = 0;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf("\n", start);
    line++;
    if (text.startsWith(needle, start)) found = line;
    if (newline === -1) break;
    start = newline + 1;
  }
  return found;
}

/** What `String.prototype.trimStart` and `\s` count as white space, with a shortcut for the plain space. */
function isSpace(code: number): boolean {
  return code === 0x20 || ((code < 0x20 || code > 0x7e) && /\s/.test(String.fromCharCode(code)));
}

function onlySpaces(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) if (!isSpace(text.charCodeAt(at))) return false;
  return true;
}

/** The key of a `key: value` / `key:` line: plain, 'single-quoted' ('' escapes ') or "double-quoted". */
function keyOf(text: string): string | undefined {
  if (text.startsWith("'")) {
    const match = /^'((?:[^']|'')*)'\s*:/.exec(text);
    return match ? match[1]!.replace(/''/g, "'") : undefined;
  }
  if (text.startsWith('"')) {
    const match = /^("(?:[^"\\]|\\.)*")\s*:/.exec(text);
    if (!match) return undefined;
    try {
      return JSON.parse(match[1]!) as string;
    } catch {
      return match[1]!.slice(1, -1);
    }
  }
  const separator = text.indexOf(": ");
  if (separator !== -1) return text.slice(0, separator);
  const trimmed = text.trimEnd();
  return trimmed.endsWith(":") ? trimmed.slice(0, -1) : undefined;
}
