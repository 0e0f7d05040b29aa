import { describe, expect, test } from "@jest/globals";
import { batchReads } from "../../src/core/batch-reads.js";

describe("batchReads", () => {
  test("reads started together go to GitHub together; a read started later goes in its own batch", async () => {
    const batches: string[][] = [];
    const read = batchReads((blob: { sha: string }) => blob.sha, async (blobs) => {
      batches.push(blobs.map((b) => b.sha));
      return new Map(blobs.map((b) => [b.sha, new TextEncoder().encode(b.sha)]));
    });
    // As an evaluation reads: each read awaits something else first (the tree), then asks for its blob.
    const later = async (sha: string) => read({ sha: await Promise.resolve(sha) });
    const first = await Promise.all(["a", "b", "c"].map(later));
    const second = await read({ sha: "d" });

    expect(batches).toEqual([["a", "b", "c"], ["d"]]);
    expect([...first, second].map((bytes) => new TextDecoder().decode(bytes))).toEqual(["a", "b", "c", "d"]);
  });

  test("an item the batch does not return fails that read alone", async () => {
    const read = batchReads((key: string) => key, async () => new Map([["a", 1]]));
    const [a, b] = await Promise.allSettled([read("a"), read("b")]);
    expect(a).toEqual({ status: "fulfilled", value: 1 });
    expect(b).toMatchObject({ status: "rejected", reason: new Error("b was asked for and not returned") });
  });

  test("when the batch fails, every read in it fails with the same error", async () => {
    const read = batchReads((blob: { sha: string }) => blob.sha, async () => Promise.reject(new Error("GitHub answered 502")));
    const results = await Promise.allSettled([read({ sha: "a" }), read({ sha: "b" })]);
    expect(results.map((r) => r.status === "rejected" && (r.reason as Error).message)).toEqual(["GitHub answered 502", "GitHub answered 502"]);
  });
});
