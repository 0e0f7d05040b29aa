import { afterEach, beforeEach, expect, test } from "@jest/globals";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { readTree } from "../../src/github/read-tree.js";
import { expectEveryRequestValidAndMade } from "./github.js";
import { resetRequestProblems, watchRequests } from "./openapi.js";

beforeEach(() => {
  nock.disableNetConnect();
  resetRequestProblems();
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

test("a truncated recursive tree is walked one sub-tree at a time, and no file goes unseen", async () => {
  const octokit = new ProbotOctokit({ auth: { token: "test" }, retry: { enabled: false }, throttle: { enabled: false } });
  const blob = (path: string, sha: string) => ({ path, mode: "100644", type: "blob", sha, size: 3 });
  const tree = (path: string, sha: string) => ({ path, mode: "040000", type: "tree", sha });
  watchRequests(nock("https://api.github.com"))
    .get("/repos/acme/device/git/trees/c0ffee")
    .query({ recursive: "1" })
    .reply(200, { sha: "root", tree: [blob("package-lock.json", "b1"), tree("docs", "t-docs")], truncated: true })
    .get("/repos/acme/device/git/trees/root")
    .reply(200, { sha: "root", tree: [blob("package-lock.json", "b1"), tree("docs", "t-docs"), { path: "vendor/lib", mode: "160000", type: "commit", sha: "s1" }], truncated: false })
    .get("/repos/acme/device/git/trees/t-docs")
    .reply(200, { sha: "t-docs", tree: [tree("soup", "t-soup")], truncated: false })
    .get("/repos/acme/device/git/trees/t-soup")
    .reply(200, { sha: "t-soup", tree: [blob("timm.md", "b2")], truncated: false });

  expect(await readTree(octokit, { owner: "acme", repo: "device" }, "c0ffee")).toEqual([
    { path: "package-lock.json", sha: "b1", size: 3 },
    { path: "docs/soup/timm.md", sha: "b2", size: 3 },
  ]);
  expectEveryRequestValidAndMade();
});
