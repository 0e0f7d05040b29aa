import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { secondaryLimitWait } from "../../src/github/retry-secondary-rate-limits.js";
import { FakeRepo } from "./fake-repo.js";
import { expectEveryRequestValidAndMade, GitHubStandIn, loadApp, waits } from "./github.js";
import { resetRequestProblems } from "./openapi.js";
import { delivery, pullRequestEvent } from "./payloads.js";

beforeEach(() => {
  nock.disableNetConnect();
  resetRequestProblems();
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const SECONDARY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";

describe("secondary rate limits", () => {
  test.each([
    ["403 with retry-after", { status: 403, message: SECONDARY, response: { headers: { "retry-after": "30" } } }, 0, 30],
    ["429 with retry-after", { status: 429, message: "Too Many Requests", response: { headers: { "retry-after": "5" } } }, 2, 5],
    ["403 naming the secondary limit, first wait", { status: 403, message: SECONDARY, response: { headers: {} } }, 0, 60],
    ["403 naming the secondary limit, third wait doubles twice", { status: 403, message: SECONDARY, response: { headers: {} } }, 2, 240],
    ["429 without retry-after", { status: 429, message: "Too Many Requests", response: { headers: {} } }, 1, 120],
    ["primary limit: Probot's throttle retries it", { status: 403, message: "API rate limit exceeded", response: { headers: { "x-ratelimit-remaining": "0", "retry-after": "60" } } }, 0, undefined],
    ["a permission error is not retried", { status: 403, message: "Resource not accessible by integration", response: { headers: {} } }, 0, undefined],
    ["a server error is not a rate limit", { status: 502, message: "Bad Gateway", response: { headers: { "retry-after": "1" } } }, 0, undefined],
  ])("%s", (_, error, attempt, wait) => {
    expect(secondaryLimitWait(error, attempt)).toBe(wait);
  });

  test("a secondary rate limit on the first write is waited out and retried, and the check completes", async () => {
    const probot = await loadApp();
    const repo = new FakeRepo();
    const github = new GitHubStandIn(repo);
    const base = repo.commit({ "README.md": "a\n" });
    const head = repo.commit({ "README.md": "b\n" }, base);
    github.token();
    github.scope.post(`${repo.path}/check-runs`).reply(403, { message: SECONDARY }, { "retry-after": "30" });
    github.createCheckRun(7, head).config(null).changedFiles(2, ["README.md"]).createApprovalRun(8, head).comments(2, []).updateCheckRun(7);

    await probot.receive(delivery("d-1", pullRequestEvent({ action: "opened", number: 2, head, base })));

    // The App waited as long as GitHub said, once, then the same request went through.
    expect(waits).toStrictEqual([30_000]);
    expect(github.bodies("PATCH", "/check-runs/7")[0]).toMatchObject({ status: "completed", conclusion: "success" });
    expectEveryRequestValidAndMade();
  });
});
