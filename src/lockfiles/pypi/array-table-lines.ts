/**
 * Lines of the `[[key]]` headers of a TOML document, in order: the n-th header opens the n-th table of
 * the array. Only the lines that hold `[[` are tried against the header's pattern, lines counted forward
 * as the search goes; returns undefined when the count disagrees with the parsed array (tables written
 * inline), so callers never pin a package to another package's line.
 */
export function findArrayTableLines(text: string, key: string, count: number): number[] | undefined {
  // Multiline, as over the whole text: `^` and `$` also stand at a lone `\r`, U+2028 and U+2029 inside a line.
  const header = new RegExp(`^[ \\t]*\\[\\[[ \\t]*${key}[ \\t]*\\]\\][ \\t]*(?:#.*)?\\r?$`, "gm");
  const lines: number[] = [];
  let line = 1;
  let lineStart = 0;
  let newline = text.indexOf("\n");
  for (let at = text.indexOf("[["); at !== -1; ) {
    while (newline !== -1 && newline < at) {
      line++;
      lineStart = newline + 1;
      newline = text.indexOf("\n", lineStart);
    }
    const lineEnd = newline === -1 ? text.length : newline;
    for (const _match of text.slice(lineStart, lineEnd).matchAll(header)) lines.push(line);
    at = text.indexOf("[[", lineEnd);
  }
  return lines.length === count ? lines : undefined;
}
