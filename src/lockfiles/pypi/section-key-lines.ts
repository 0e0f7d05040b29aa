import { createLineIndex } from "../shared/line-index.js";

/**
 * Lines of the keys one level inside each top-level object of a JSON document
 * (`{"default": {"six": …}}` → default → six → line), found in one pass over text that JSON.parse has
 * already accepted. Only strings, brackets and commas matter, so the scan jumps from one to the next.
 */
export function findSectionKeyLines(text: string): Map<string, Map<string, number>> {
  const lineAt = createLineIndex(text);
  const sections = new Map<string, Map<string, number>>();
  const containers: string[] = [];
  let expectingKey = false;
  let section: Map<string, number> | undefined;
  const structural = /["{}[\],]/g;
  for (let found = structural.exec(text); found !== null; found = structural.exec(text)) {
    const at = found.index;
    const char = found[0];
    if (char === '"') {
      const end = stringEnd(text, at);
      if (expectingKey && containers.length <= 2) {
        const key = JSON.parse(text.slice(at, end + 1)) as string;
        if (containers.length === 1) {
          section = new Map();
          if (!sections.has(key)) sections.set(key, section);
        } else if (section && !section.has(key)) {
          section.set(key, lineAt(at));
        }
      }
      expectingKey = false;
      structural.lastIndex = end + 1;
    } else if (char === "{" || char === "[") {
      containers.push(char);
      expectingKey = char === "{";
      if (containers.length === 2 && char === "[") section = undefined;
    } else if (char === "}" || char === "]") {
      containers.pop();
      expectingKey = false;
    } else if (char === ",") {
      expectingKey = containers[containers.length - 1] === "{";
    }
  }
  return sections;
}

function stringEnd(text: string, start: number): number {
  let at = text.indexOf('"', start + 1);
  while (at !== -1) {
    let backslashes = 0;
    for (let back = at - 1; text[back] === "\\"; back--) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return text.length - 1;
}
