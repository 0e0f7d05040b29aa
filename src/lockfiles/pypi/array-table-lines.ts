import { createLineIndex } from "../shared/line-index.js";

/**
 * Lines of the `[[key]]` headers of a TOML document, in order: the n-th header opens the n-th table of
 * the array. One regex pass over the text; returns undefined when the count disagrees with the parsed
 * array (tables written inline), so callers never pin a package to another package's line.
 */
export function findArrayTableLines(text: string, key: string, count: number): number[] | undefined {
  const lineAt = createLineIndex(text);
  const header = new RegExp(`^[ \\t]*\\[\\[[ \\t]*${key}[ \\t]*\\]\\][ \\t]*(?:#.*)?\\r?$`, "gm");
  const lines: number[] = [];
  for (const match of text.matchAll(header)) lines.push(lineAt(match.index));
  return lines.length === count ? lines : undefined;
}
