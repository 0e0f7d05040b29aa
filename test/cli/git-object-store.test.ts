import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { openObjectStore } from "../../src/cli/git-object-store.js";
import { runGit } from "../../src/cli/git.js";
import { GitFixture } from "./git-fixture.js";

// One `git cat-file --batch` answers every read of a command, so its answers must be cut exactly where git
// cut them: a byte too many or too few shifts every later file.

describe("the object store of one repository", () => {
  let repo: GitFixture;
  // Bigger than what a pipe hands over at once, with newlines and bytes that are not UTF-8 in it.
  const big = Buffer.concat([Buffer.from("line\n".repeat(100_000)), Buffer.from([0xff, 0xfe, 0x00, 0x0a])]);
  beforeAll(() => {
    repo = new GitFixture();
    repo.commit({ "big.bin": big, "empty.txt": "", "a.txt": "a\n" });
  });
  afterAll(() => repo.remove());

  test("gives each object whole, in the order asked, and nothing for a name that names none", async () => {
    const store = openObjectStore(repo.dir, runGit);
    try {
      const [commit, bigFile, empty, missing, a] = await store.read(["HEAD^{commit}", "HEAD:big.bin", "HEAD:empty.txt", "HEAD:no-such-file", "HEAD:a.txt"]);
      expect(commit).toMatchObject({ sha: repo.git("rev-parse", "HEAD"), type: "commit" });
      expect(bigFile?.type).toBe("blob");
      expect(bigFile?.content.equals(big)).toBe(true);
      expect(empty?.content.length).toBe(0);
      expect(missing).toBeUndefined();
      expect(a?.content.toString()).toBe("a\n");
      // The same process keeps answering later reads.
      const [again] = await store.read(["HEAD:a.txt"]);
      expect(again?.content.toString()).toBe("a\n");
    } finally {
      store.close();
    }
  });

  test("refuses a name with a line break, which git would read as two requests", async () => {
    const store = openObjectStore(repo.dir, runGit);
    try {
      await expect(store.read(["HEAD\nHEAD"])).rejects.toThrow(/line break/);
      const [commit] = await store.read(["HEAD^{commit}"]);
      expect(commit?.type).toBe("commit");
    } finally {
      store.close();
    }
  });

  test("says what git said when there is no repository", async () => {
    const gone = new GitFixture();
    gone.remove();
    const store = openObjectStore(gone.dir, runGit);
    await expect(store.read(["HEAD^{commit}"])).rejects.toThrow(/^git cat-file failed: .*cannot change to/s);
    store.close();
  });
});
