import { scanJsonKeys } from "../common/json-key-offsets.js";
import { createLineIndex } from "../common/line-index.js";

/** A top-level object of a JSON document: the line of its key, and the lines of the keys inside it. */
export interface SectionLines {
  line: number;
  keys: Map<string, number>;
}

/**
 * Lines of each top-level key of a JSON document and of the keys one level inside it
 * (`{"default": {"six": …}}` → default → six → line), from one pass over text JSON.parse has accepted.
 */
export function findSectionKeyLines(text: string): Map<string, SectionLines> {
  const lineAt = createLineIndex(text);
  const sections = new Map<string, SectionLines>();
  scanJsonKeys(text, (parents, key, offset) => {
    if (parents.length === 1) {
      if (!sections.has(key)) sections.set(key, { line: lineAt(offset), keys: new Map() });
    } else if (parents.length === 2) {
      const keys = sections.get(parents[1]!)?.keys;
      if (keys && !keys.has(key)) keys.set(key, lineAt(offset));
    }
  });
  return sections;
}
