import { describe, expect, test } from "@jest/globals";
import { BlobCache } from "../../src/app/blob-cache.js";
import { diffTrees } from "../../src/core/diff-trees.js";

const bytes = (n: number) => new Uint8Array(n);

describe("BlobCache", () => {
  test("a blob is fetched once, however often and however concurrently it is read", async () => {
    const cache = new BlobCache(100);
    let fetches = 0;
    const fetch = async () => {
      fetches += 1;
      return bytes(10);
    };
    await Promise.all([cache.load("a", fetch), cache.load("a", fetch)]);
    await cache.load("a", fetch);
    expect(fetches).toBe(1);
  });

  test("past its byte budget, the least recently read blob goes first", async () => {
    const cache = new BlobCache(25);
    const fetched: string[] = [];
    const load = (sha: string) => cache.load(sha, async () => (fetched.push(sha), bytes(10)));
    await load("a");
    await load("b");
    await load("a"); // a is now the most recently read
    await load("c"); // 30 bytes > 25: b goes
    expect(cache.size).toEqual({ entries: 2, bytes: 20 });
    await load("a");
    await load("b");
    expect(fetched).toEqual(["a", "b", "c", "b"]);
  });

  test("a blob bigger than the whole budget is served but not kept", async () => {
    const cache = new BlobCache(5);
    expect((await cache.load("big", async () => bytes(10))).byteLength).toBe(10);
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });

  test("a failed fetch is not cached", async () => {
    const cache = new BlobCache(100);
    await expect(cache.load("a", async () => Promise.reject(new Error("502")))).rejects.toThrow("502");
    expect((await cache.load("a", async () => bytes(3))).byteLength).toBe(3);
  });
});

describe("diffTrees", () => {
  test("added, modified and removed paths; unchanged blobs are not changes", () => {
    const base = [{ path: "same", sha: "1" }, { path: "modified", sha: "2" }, { path: "removed", sha: "3" }];
    const head = [{ path: "same", sha: "1" }, { path: "modified", sha: "4" }, { path: "added", sha: "5" }];
    expect(diffTrees(base, head)).toEqual(["modified", "added", "removed"]);
  });
});
