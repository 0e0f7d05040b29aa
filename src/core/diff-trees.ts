import type { TreeEntry } from "../core/snapshot.js";

/** Paths added, removed or modified between two trees: a different blob sha is different content. */
export function diffTrees(base: readonly TreeEntry[], head: readonly TreeEntry[]): string[] {
  const before = new Map(base.map((entry) => [entry.path, entry.sha]));
  const changed = head.filter((entry) => before.get(entry.path) !== entry.sha).map((entry) => entry.path);
  const after = new Set(head.map((entry) => entry.path));
  return [...changed, ...base.filter((entry) => !after.has(entry.path)).map((entry) => entry.path)];
}
