import { beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import type { Probot } from "probot";
import type { FakeRepo } from "./fake-repo.js";
import { record, requirements } from "./fixtures.js";
import { expectEveryRequestValidAndMade, type GitHubStandIn, useStandIn } from "./github.js";
import { checkRunRerequested, checkSuiteRerequested, delivery, pullRequestResource } from "./payloads.js";

let probot: Probot;
let repo: FakeRepo;
let github: GitHubStandIn;
let base: string;
let head: string;

const TIMM = "docs/soup/timm.md";

useStandIn((t) => ({ probot, repo, github } = t));

beforeEach(() => {
  base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }), [TIMM]: record("timm", ["1.0.22", "1.0.24"]) });
  head = repo.commit({ "requirements.txt": requirements({ timm: "1.0.24" }) }, base);
});

/** A complete evaluation of pull request `number` at `head`, with its existing comment already up to date. */
function evaluation(number: number, checkRunId: number) {
  github.createCheckRun(checkRunId, head);
  github.reads({ number, base, head, changed: ["requirements.txt"], baseBlobs: ["requirements.txt"], headBlobs: ["requirements.txt", TIMM] });
  // A re-run looks for approval state on the head, then on the pull request's earlier commits.
  github.approvalRuns(head).pullCommits(number, [{ sha: head }]).createApprovalRun(checkRunId + 100, head);
  github.comments(number, [{ id: 40, body: "<!-- soup-gate -->\nolder" }]).pull(number, head, base).updateComment(40).updateCheckRun(checkRunId);
}

describe("re-run requests", () => {
  test("check_run.rerequested on a fork's run finds the pull request through the run's external_id and evaluates again", async () => {
    github.token().pull(2, head, base);
    evaluation(2, 8);

    await probot.receive(delivery("d-1", checkRunRerequested({ headSha: head, externalId: `2:${"d".repeat(64)}` })));

    expect(github.bodies("POST", "/check-runs")).toEqual([expect.objectContaining({ name: "SOUP records", head_sha: head, external_id: "2" }), expect.objectContaining({ name: "SOUP approval", head_sha: head })]);
    expect(github.bodies("PATCH", "/check-runs/8")[0]).toMatchObject({ status: "completed", conclusion: "success" });
    expectEveryRequestValidAndMade();
  });

  test("check_run.rerequested for a pull request that has moved on to a newer head re-runs nothing", async () => {
    github.token().pull(2, "e".repeat(40), base);

    await probot.receive(delivery("d-2", checkRunRerequested({ headSha: head, externalId: "2:abc" })));

    expect(github.sent).toEqual([]);
    expectEveryRequestValidAndMade();
  });

  test("check_run.rerequested for another check's run is not ours to answer", async () => {
    await probot.receive(delivery("d-3", checkRunRerequested({ headSha: head, name: "build", pullRequests: [2] })));
    expect(nock.pendingMocks()).toStrictEqual([]);
    expect(github.sent).toEqual([]);
  });

  test("check_suite.rerequested for a same-repository branch uses the suite's pull requests", async () => {
    github.token().pull(5, head, base);
    evaluation(5, 9);

    await probot.receive(delivery("d-4", checkSuiteRerequested({ headSha: head, pullRequests: [5] })));

    expect(github.bodies("PATCH", "/check-runs/9")[0]).toMatchObject({ conclusion: "success" });
    expectEveryRequestValidAndMade();
  });

  test("check_suite.rerequested on a fork (no pull requests in the payload) matches open pull requests by head sha", async () => {
    github.token();
    github.scope
      .get(`${repo.path}/pulls`)
      .query({ state: "open", per_page: "100" })
      .reply(200, [pullRequestResource({ number: 3, head, base, fork: "contributor/device" }), pullRequestResource({ number: 4, head: "f".repeat(40), base })]);
    evaluation(3, 10);

    await probot.receive(delivery("d-5", checkSuiteRerequested({ headSha: head })));

    expect(github.bodies("POST", "/check-runs")).toEqual([expect.objectContaining({ name: "SOUP records", head_sha: head, external_id: "3" }), expect.objectContaining({ name: "SOUP approval", head_sha: head, external_id: expect.stringMatching(/^3:/) })]);
    expect(github.bodies("PATCH", "/check-runs/10")[0]).toMatchObject({ conclusion: "success", external_id: expect.stringMatching(/^3:/) });
    expectEveryRequestValidAndMade();
  });

  test("check_suite.rerequested on a commit no open pull request has creates no check", async () => {
    github.token();
    github.scope.get(`${repo.path}/pulls`).query({ state: "open", per_page: "100" }).reply(200, []);

    await probot.receive(delivery("d-6", checkSuiteRerequested({ headSha: head })));

    expect(github.sent).toEqual([]);
    expectEveryRequestValidAndMade();
  });
});
