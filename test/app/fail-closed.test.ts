import { describe, expect, test } from "@jest/globals";
import type { Probot } from "probot";
import type { FakeRepo } from "./fake-repo.js";
import { record, requirements } from "./fixtures.js";
import { expectEveryRequestValidAndMade, type GitHubStandIn, storedJobs, useStandIn } from "./github.js";
import { delivery, pullRequestEvent } from "./payloads.js";

let probot: Probot;
let repo: FakeRepo;
let github: GitHubStandIn;

useStandIn((t) => ({ probot, repo, github } = t));

const TIMM = "docs/soup/timm.md";

describe("a gate never fails open", () => {
  test("an API error mid-way completes the check as a failure that says why and what to do", async () => {
    const base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }), [TIMM]: record("timm", ["1.0.22"]) });
    const head = repo.commit({ "requirements.txt": requirements({ timm: "1.0.24" }) }, base);
    github.token().createCheckRun(7, head).config(null);
    github.scope.get(`${repo.path}/compare/${base}...${head}`).query({ per_page: "1" }).reply(502, { message: "Server Error" });
    github.updateCheckRun(7).createApprovalRun(8, head);

    await probot.receive(delivery("d-1", pullRequestEvent({ action: "opened", number: 2, head, base })));

    const [completed] = github.bodies("PATCH", "/check-runs/7");
    expect(completed).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(completed.output.title).toBe(`SOUP check could not complete: GitHub answered 502 to GET /repos/acme/device/compare/${base}...${head} (Server Error)`);
    expect(completed.output.summary).toContain("**What to do:** re-run this check");
    expect(completed.output.annotations).toBeUndefined();
    // The approval cannot pass an evaluation that did not happen: it is created failed, with no approval state.
    const approval = github.bodies("POST", "/check-runs").find((b) => b.name === "SOUP approval");
    expect(approval).toMatchObject({
      head_sha: head,
      status: "completed",
      conclusion: "failure",
      external_id: "2",
      output: { title: `SOUP approval could not be evaluated: GitHub answered 502 to GET /repos/acme/device/compare/${base}...${head} (Server Error)` },
      actions: [],
    });
    expect(approval.output.text).toBe("This run holds no approval state: the evaluation of this commit did not complete.");
    expectEveryRequestValidAndMade();
  });

  test("a failed comment write fails the check, even when the evaluation passed", async () => {
    const base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }), [TIMM]: record("timm", ["1.0.22", "1.0.24"]) });
    const head = repo.commit({ "requirements.txt": requirements({ timm: "1.0.24" }) }, base);
    github.token().createCheckRun(7, head);
    github.reads({ number: 2, base, head, changed: ["requirements.txt"], baseBlobs: ["requirements.txt"], headBlobs: ["requirements.txt", TIMM] });
    github.approvalRuns(head).createApprovalRun(8, head);
    github.comments(2, []).pull(2, head, base);
    github.scope.post(`${repo.path}/issues/2/comments`).reply(403, { message: "Resource not accessible by integration" });
    github.updateCheckRun(7).updateCheckRun(8);

    await probot.receive(delivery("d-2", pullRequestEvent({ action: "opened", number: 2, head, base })));

    expect(github.bodies("PATCH", "/check-runs/7")).toEqual([
      {
        status: "completed",
        conclusion: "failure",
        output: {
          title: "SOUP check could not complete: GitHub answered 403 to POST /repos/acme/device/issues/2/comments (Resource not accessible by integration)",
          summary: expect.stringContaining("soup-gate is installed on this repository"),
        },
      },
    ]);
    // The approval run this evaluation had already posted (waiting for QA) is completed as a failure.
    expect(github.bodies("PATCH", "/check-runs/8")).toEqual([
      {
        status: "completed",
        conclusion: "failure",
        external_id: "2",
        output: {
          title: "SOUP approval could not be evaluated: GitHub answered 403 to POST /repos/acme/device/issues/2/comments (Resource not accessible by integration)",
          summary: expect.stringContaining("re-run the checks"),
          text: "This run holds no approval state: the evaluation of this commit did not complete.",
        },
        actions: [],
      },
    ]);
    expect(github.checkRuns.latest("SOUP approval", head)).toMatchObject({ conclusion: "failure" });
    expectEveryRequestValidAndMade();
  });

  test("when the check run itself cannot be created, nothing else is tried and the work stays stored to be tried again", async () => {
    github.token();
    github.scope.post(`${repo.path}/check-runs`).reply(422, { message: "No commit found for SHA" });

    await probot.receive(delivery("d-3", pullRequestEvent({ action: "opened", number: 2, head: "a".repeat(40), base: "b".repeat(40) })));

    expect(await storedJobs()).toEqual([expect.objectContaining({ pullRequest: 2, headSha: "a".repeat(40), attempts: 1, lastError: expect.stringMatching(/No commit found for SHA/) })]);
    expectEveryRequestValidAndMade();
  });

  test("records in a repository the App cannot read: the check fails and names it", async () => {
    const base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }) });
    const head = repo.commit({ "requirements.txt": requirements({ timm: "1.0.24" }) }, base);
    github.token().createCheckRun(7, head).config("records:\n  repository: acme/qms\n");
    github.scope.get("/repos/acme/qms").reply(404, { message: "Not Found" });
    github.updateCheckRun(7).createApprovalRun(8, head);

    await probot.receive(delivery("d-4", pullRequestEvent({ action: "opened", number: 2, head, base })));

    expect(github.bodies("PATCH", "/check-runs/7")[0].output.title).toBe(
      "SOUP check could not complete: records.repository acme/qms cannot be read: install soup-gate on it, or correct records.repository in .github/soup.yml",
    );
    expectEveryRequestValidAndMade();
  });
});
