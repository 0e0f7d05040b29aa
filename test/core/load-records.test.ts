import { describe, expect, test } from "@jest/globals";
import { loadRecords } from "../../src/core/load-records.js";
import type { Snapshot, TreeEntry } from "../../src/core/snapshot.js";

const record = (name: string) => `---\nsoup:\n  package: ${name}\n  ecosystem: pypi\n  versions: ["1.0.0"]\n  last_review_date: 2026-10-01\n---\n`;

/** A commit whose tree gives sizes, and which notes which reads were started together (before any ended). */
function sizedSnapshot(files: Record<string, { text: string; size?: number }>): Snapshot & { batches: string[][] } {
  const batches: string[][] = [];
  let open: string[] | undefined;
  return {
    batches,
    async files(): Promise<TreeEntry[]> {
      return Object.entries(files).map(([path, f]) => ({ path, sha: path, ...(f.size !== undefined ? { size: f.size } : {}) }));
    },
    // As a pooling snapshot does: the reads started before the event loop turns are answered together, then.
    read(path) {
      if (!open) {
        batches.push((open = []));
        setImmediate(() => (open = undefined));
      }
      open.push(path);
      return new Promise((resolve) => setImmediate(() => resolve(new TextEncoder().encode(files[path]!.text))));
    },
  };
}

describe("loadRecords", () => {
  test("a file the tree says is over 1 MB is an invalid record, and is never read", async () => {
    const snapshot = sizedSnapshot({ "docs/soup/a.md": { text: record("a"), size: 100 }, "docs/soup/huge.md": { text: "", size: 3 * 1024 * 1024 } });
    const records = await loadRecords(snapshot, ["docs/soup"]);
    expect(records.map((r) => [r.path, r.packages, r.problems.map((p) => p.message)])).toEqual([
      ["docs/soup/a.md", ["a"], []],
      ["docs/soup/huge.md", [], ["the file is 3072 KB; a SOUP record is read only up to 1024 KB"]],
    ]);
    expect(snapshot.batches).toEqual([["docs/soup/a.md"]]);
  });

  test("records are read together, in groups of at most 64 MB by the tree's sizes", async () => {
    const files: Record<string, { text: string; size?: number }> = {};
    for (let i = 0; i < 200; i += 1) files[`docs/soup/p${String(i).padStart(3, "0")}.md`] = { text: record(`p${i}`), size: 1024 * 1024 };
    const snapshot = sizedSnapshot(files);
    const records = await loadRecords(snapshot, ["docs/soup"]);
    expect(records).toHaveLength(200);
    expect(snapshot.batches.map((b) => b.length)).toEqual([64, 64, 64, 8]);
  });
});
