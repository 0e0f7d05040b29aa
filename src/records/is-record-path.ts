import { trimChar } from "../text/trim-char.js";

const RECORD_EXTENSION = /\.(?:md|mdx|ya?ml)$/i;

/**
 * Is this repository path a candidate record file: under one of the record folders (searched
 * recursively) with a record extension? Whether it really is a record is for `parseRecord` to say.
 */
export function isRecordPath(path: string, roots: readonly string[]): boolean {
  if (!RECORD_EXTENSION.test(path)) return false;
  const file = clean(path);
  return roots.some((root) => {
    const folder = clean(root);
    return folder === "" || file.startsWith(`${folder}/`);
  });
}

/** `./docs/soup/` and `docs/soup` name the same folder; `.` and `/` name the repository root. */
function clean(path: string): string {
  const clean = trimChar(path.replace(/\\/g, "/").replace(/^(?:\.\/|\/)+/, ""), "/", "end");
  return clean === "." ? "" : clean;
}
