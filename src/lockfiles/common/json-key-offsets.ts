/**
 * Walks valid JSON text once and reports every object key with the offset of its opening quote and the
 * keys of the containers around it (`["", "packages"]` for a key of the top-level `packages` object;
 * array elements add ""). Lets a parser put a line on each package without searching the text for it:
 * a key can also occur as a value or inside another object, so `indexOf` alone would find the wrong one.
 *
 * Only strings are sliced; a regular expression jumps from one bracket, comma or quote to the next, which
 * keeps this a fraction of `JSON.parse` even for 100 MB lockfiles. Call it only on text `JSON.parse` accepted.
 */
export function scanJsonKeys(
  text: string,
  visit: (parents: readonly string[], key: string, offset: number) => void,
  /** Each object or array as it opens: its keys will come with `depth` parents; `key` names it in its parent object. */
  open?: (depth: number, isObject: boolean, key: string | undefined) => void,
): void {
  const parents: string[] = [];
  const inObject: boolean[] = [];
  let expectKey = false;
  let lastKey = "";
  // The regular expression skips whitespace, colons and literals natively, far faster than a loop here.
  const structure = /[{}[\]",]/g;
  while (structure.test(text)) {
    const i = structure.lastIndex - 1;
    const code = text.charCodeAt(i);
    if (code === 0x22 /* " */) {
      const end = endOfString(text, i);
      if (expectKey) {
        const raw = text.slice(i + 1, end);
        lastKey = raw.includes("\\") ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        visit(parents, lastKey, i);
        expectKey = false;
      }
      structure.lastIndex = end + 1;
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      open?.(parents.length + 1, code === 0x7b, inObject[inObject.length - 1] === true ? lastKey : undefined);
      parents.push(lastKey);
      inObject.push(code === 0x7b);
      expectKey = code === 0x7b;
      lastKey = "";
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      parents.pop();
      inObject.pop();
      expectKey = false;
    } else {
      expectKey = inObject[inObject.length - 1] === true;
      lastKey = "";
    }
  }
}

function endOfString(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return text.length;
}
