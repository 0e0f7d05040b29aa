import { describe, expect, test } from "@jest/globals";
import { describeError } from "../../src/github/describe-error.js";
import { PullRequestQueue } from "../../src/app/pull-request-queue.js";

/** A task that records when it starts and ends, finishing when `release` is called. */
function task(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    run: async () => {
      log.push(`${name} start`);
      await done;
      log.push(`${name} end`);
      return name;
    },
    release: () => release(),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("PullRequestQueue", () => {
  test("work for one pull request runs one task at a time, in arrival order; other pull requests do not wait", async () => {
    const queue = new PullRequestQueue();
    const log: string[] = [];
    const [a, b, c] = [task(log, "a"), task(log, "b"), task(log, "c")];
    const results = [queue.run("acme/device#2", a.run), queue.run("acme/device#2", b.run), queue.run("acme/device#3", c.run)];
    await tick();
    expect(log).toEqual(["a start", "c start"]);
    b.release();
    a.release();
    c.release();
    expect(await Promise.all(results)).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["a start", "c start", "a end", "c end", "b start", "b end"]);
  });

  test("a failed task does not block the next one", async () => {
    const queue = new PullRequestQueue();
    const failing = queue.run("k", async () => Promise.reject(new Error("502")));
    const next = queue.run("k", async () => "ran");
    await expect(failing).rejects.toThrow("502");
    await expect(next).resolves.toBe("ran");
  });
});

describe("describeError", () => {
  test.each([
    ["a GitHub API error", Object.assign(new Error("Not Found"), { status: 404, request: { method: "GET", url: "https://api.github.com/repos/acme/device/git/trees/abc?recursive=1" } }), "GitHub answered 404 to GET /repos/acme/device/git/trees/abc (Not Found)"],
    ["an error of the App's own", new Error("records.repository acme/qms cannot be read\nmore"), "records.repository acme/qms cannot be read"],
    ["something thrown that is not an Error", "boom", "boom"],
  ])("%s", (_, error, text) => {
    expect(describeError(error)).toBe(text);
  });
});
