import { describe, expect, test } from "@jest/globals";
import type { Probot } from "probot";
import { encodeApprovalState, type ApprovalState } from "../../src/approval/approval-state.js";
import { APP_ID } from "./check-runs.js";
import { expectEveryRequestValidAndMade, type GitHubStandIn, useStandIn } from "./github.js";
import { delivery, mergeGroupChecksRequested } from "./payloads.js";

let probot: Probot;
let github: GitHubStandIn;
useStandIn((t) => ({ probot, github } = t));

const sha = (n: number) => n.toString(16).padStart(40, "0");
const BASE = sha(0xba5e);
const DIGEST = "d".repeat(64);
const QUEUE = "/repos/acme/device/git/matching-refs/heads%2Fgh-readonly-queue%2Fmain%2F";

/** Pull request `number` at `head`, as its own checks left it: `SOUP records` concluded, `SOUP approval` in `state`. */
function pullRequestChecks(number: number, head: string, records: "success" | "failure", approval: Partial<ApprovalState> & Pick<ApprovalState, "state">, firstRun: number) {
  const state = { v: 1 as const, digest: DIGEST, ...approval };
  github.checkRuns.forge({ id: firstRun, name: "SOUP records", head_sha: head, external_id: `${number}:${DIGEST}`, status: "completed", conclusion: records, output: { title: "…", summary: "…" }, appId: APP_ID });
  github.checkRuns.forge({ id: firstRun + 1, name: "SOUP approval", head_sha: head, external_id: `${number}:${DIGEST}`, status: "completed", conclusion: state.state === "approved" ? "success" : "action_required", output: { title: "…", summary: "…", text: encodeApprovalState(state) }, appId: APP_ID });
  github.pull(number, head, BASE);
  github.checkRuns.listApprovalRuns(head);
  github.checkRuns.list("SOUP records", head);
}

/** The queue's branches, as `GET /git/matching-refs/heads/gh-readonly-queue/main/` lists them. */
function queueBranches(branches: Array<{ number: number; head: string }>) {
  github.scope.get(QUEUE).reply(200, branches.map((b) => ({ ref: `refs/heads/gh-readonly-queue/main/pr-${b.number}-${BASE}`, node_id: "", url: "", object: { sha: b.head, type: "commit", url: "" } })));
}

function groupChecks(head: string) {
  github.createCheckRun(90, head).createApprovalRun(91, head);
}

describe("merge_group.checks_requested", () => {
  test("a group of one approved pull request that passed: both checks pass on the group's head", async () => {
    const group = sha(0x6001);
    github.token();
    queueBranches([{ number: 2, head: group }]);
    pullRequestChecks(2, sha(0x2222), "success", { state: "approved", approver: "quinn", commit: sha(0x2222) }, 10);
    groupChecks(group);
    await probot.receive(delivery("d-1", mergeGroupChecksRequested({ headSha: group, number: 2, parent: BASE, baseSha: BASE })));

    expect(github.checkRuns.latest("SOUP records", group)).toMatchObject({ status: "completed", conclusion: "success", output: { title: "Every pull request in the group passed SOUP records" } });
    expect(github.checkRuns.latest("SOUP approval", group)).toMatchObject({ status: "completed", conclusion: "success", output: { summary: "The merge group holds #2: #2 approved by @quinn." } });
    expectEveryRequestValidAndMade();
  });

  test("a group behind another holds both: an unapproved pull request ahead fails the approval, never success for a change nobody approved", async () => {
    const first = sha(0x6001);
    const second = sha(0x6002);
    github.token();
    // #3 is queued behind #2, whose group is unapproved; a third group behind #3 is no part of #3's.
    queueBranches([{ number: 2, head: first }, { number: 3, head: second }, { number: 4, head: sha(0x6003) }]);
    github.scope.get(`/repos/acme/device/compare/${first}...${second}`).query({ per_page: "1" }).reply(200, { status: "ahead", ahead_by: 1, behind_by: 0, total_commits: 1, commits: [], files: [] });
    github.scope.get(`/repos/acme/device/compare/${sha(0x6003)}...${second}`).query({ per_page: "1" }).reply(200, { status: "behind", ahead_by: 0, behind_by: 1, total_commits: 0, commits: [], files: [] });
    pullRequestChecks(2, sha(0x2222), "success", { state: "pending" }, 10);
    pullRequestChecks(3, sha(0x3333), "success", { state: "not-needed" }, 20);
    groupChecks(second);
    await probot.receive(delivery("d-1", mergeGroupChecksRequested({ headSha: second, number: 3, parent: BASE, baseSha: first })));

    expect(github.checkRuns.latest("SOUP records", second)).toMatchObject({ conclusion: "success", output: { summary: "The merge group holds #2, #3; each passed its SOUP records check at its head." } });
    expect(github.checkRuns.latest("SOUP approval", second)).toMatchObject({
      conclusion: "failure",
      output: { title: "SOUP approval missing for #2", summary: expect.stringContaining(`- #2 at ${sha(0x2222).slice(0, 7)}: waiting for QA approval`) },
    });
    expectEveryRequestValidAndMade();
  });

  test("a failed SOUP records of a pull request in the group fails the group's", async () => {
    const group = sha(0x6001);
    github.token();
    queueBranches([{ number: 2, head: group }]);
    pullRequestChecks(2, sha(0x2222), "failure", { state: "approved", approver: "quinn", commit: sha(0x2222) }, 10);
    groupChecks(group);
    await probot.receive(delivery("d-1", mergeGroupChecksRequested({ headSha: group, number: 2, parent: BASE, baseSha: BASE })));
    expect(github.checkRuns.latest("SOUP records", group)).toMatchObject({ conclusion: "failure", output: { title: "SOUP records not passed by #2" } });
    expect(github.checkRuns.latest("SOUP approval", group)).toMatchObject({ conclusion: "success" });
    expectEveryRequestValidAndMade();
  });

  test("a group whose pull requests cannot be read fails both checks and says why", async () => {
    const group = sha(0x6001);
    github.token();
    github.scope.get(QUEUE).reply(502, { message: "Server Error" });
    groupChecks(group);
    await probot.receive(delivery("d-1", mergeGroupChecksRequested({ headSha: group, number: 2, parent: BASE, baseSha: BASE })));
    for (const name of ["SOUP records", "SOUP approval"]) {
      expect(github.checkRuns.latest(name, group)).toMatchObject({ conclusion: "failure", output: { title: expect.stringMatching(new RegExp(`^${name} could not check the merge group: GitHub answered 502`)) } });
    }
    expectEveryRequestValidAndMade();
  });
});
