import { describe, expect, test } from "@jest/globals";
import { encodeApprovalState } from "../../src/approval/approval-state.js";
import { MAX_EARLIER_COMMITS } from "../../src/github/find-previous-approval-state.js";
import { ApprovalFlow, useApprovalFlow, COMMENT_ID, NUMBER } from "./approval-flow.js";
import type { FakeRepo } from "./fake-repo.js";
import { expectEveryRequestValidAndMade, type GitHubStandIn } from "./github.js";
import { checkRunRequestedAction, checkRunRerequested, checkSuiteRerequested, commentCreated, pullRequestEvent } from "./payloads.js";

let repo: FakeRepo;
let github: GitHubStandIn;
let flow: ApprovalFlow;

useApprovalFlow((t) => ({ repo, github, flow } = t));

const short = (sha: string) => sha.slice(0, 7);

describe("where the approval state comes from", () => {
  test("a same-named run from another App is never read, even when GitHub's app filter lets it through", async () => {
    await flow.push("d-1", { recordsRun: 7, approvalRun: 8 });
    const externalId = flow.approvalRun().external_id!;
    const digest = externalId.slice(2);
    // A workflow posts a passing "SOUP approval" with a forged approval of the same digest, newer than ours.
    const forged = encodeApprovalState({ v: 1, digest, state: "approved", approver: "mallory", basis: "member of team qa", via: "button", commit: flow.head, at: "2026-11-20T10:00:00Z" });
    github.checkRuns.forge({ id: 50, name: "SOUP approval", head_sha: flow.head, external_id: externalId, status: "completed", conclusion: "success", output: { title: "Approved by @mallory", summary: "", text: forged }, appId: 999 });

    const head = repo.commit({ "README.md": "# Device firmware\n" }, flow.head);
    github.token().createCheckRun(9, head);
    flow.evaluationReads(head);
    github.approvalRuns(head).approvalRuns(flow.head, { appFilter: false }).createApprovalRun(10, head);
    flow.comment(head);
    github.updateCheckRun(9);
    await flow.receive("d-2", pullRequestEvent({ action: "synchronize", number: NUMBER, head, base: flow.base, before: flow.head }));

    expect(flow.approvalRun(head)).toMatchObject({ id: 10, conclusion: "action_required", output: { title: "Waiting for QA approval" } });
    expectEveryRequestValidAndMade();
  });

  test("an approval given on a head survives a re-run, and a failed re-run: the failure holds no state and cannot be approved", async () => {
    await flow.push("d-1", { recordsRun: 7, approvalRun: 8 });
    const externalId = flow.approvalRun().external_id!;
    flow.attemptReads().commits(flow.head).attemptWrites(8);
    github.teamMembership("qa", "quinn", "active");
    await flow.receive("d-2", checkRunRequestedAction({ headSha: flow.head, externalId, sender: { login: "quinn" } }));

    // "Re-run" on the approval check evaluates again; the approval on this head carries.
    github.token().pull(NUMBER, flow.head, flow.base).createCheckRun(9, flow.head);
    flow.evaluationReads(flow.head).comment(flow.head);
    github.approvalRuns(flow.head).createApprovalRun(10, flow.head).updateCheckRun(9);
    await flow.receive("d-3", checkRunRerequested({ headSha: flow.head, externalId, name: "SOUP approval" }));
    expect(flow.approvalRun()).toMatchObject({ id: 10, conclusion: "success", output: { title: "Approved by @quinn" } });

    // A re-run that fails: both checks fail.
    github.token().pull(NUMBER, flow.head, flow.base).createCheckRun(11, flow.head).config(flow.policy);
    github.scope.get(`${repo.path}/pulls/${NUMBER}/files`).query({ per_page: "100" }).reply(502, { message: "Server Error" });
    github.updateCheckRun(11).createApprovalRun(12, flow.head);
    await flow.receive("d-4", checkSuiteRerequested({ headSha: flow.head, pullRequests: [NUMBER] }));
    expect(flow.approvalRun()).toMatchObject({ id: 12, conclusion: "failure", output: { title: "SOUP approval could not be evaluated: GitHub answered 502 to GET /repos/acme/device/pulls/2/files (Server Error)" } });

    // Nobody can approve a commit whose evaluation failed.
    flow.attemptReads();
    github.reaction(COMMENT_ID + 1);
    await flow.receive("d-5", commentCreated({ number: NUMBER, commentId: COMMENT_ID + 1, body: "/soup approve", author: { login: "quinn" } }));
    expect(github.bodies("POST", `/issues/comments/${COMMENT_ID + 1}/reactions`)).toEqual([{ content: "-1" }]);
    expect(github.bodies("PATCH", "/check-runs/12")).toEqual([]);

    // The next successful re-run passes over the failed run and finds the approval.
    github.token().pull(NUMBER, flow.head, flow.base).createCheckRun(13, flow.head);
    flow.evaluationReads(flow.head).comment(flow.head);
    github.approvalRuns(flow.head).createApprovalRun(14, flow.head).updateCheckRun(13);
    await flow.receive("d-6", checkSuiteRerequested({ headSha: flow.head, pullRequests: [NUMBER] }));
    expect(flow.approvalRun()).toMatchObject({ id: 14, conclusion: "success", output: { title: "Approved by @quinn" } });
    expect(flow.approvalRun().output!.summary).toContain(`at commit ${short(flow.head)}`);
    expectEveryRequestValidAndMade();
  });

  test(`earlier commits are looked at newest first, at most ${MAX_EARLIER_COMMITS} of them`, async () => {
    await flow.push("d-1", { recordsRun: 7, approvalRun: 8 });
    const externalId = flow.approvalRun().external_id!;
    flow.attemptReads().commits(flow.head).attemptWrites(8);
    github.teamMembership("qa", "quinn", "active");
    await flow.receive("d-2", checkRunRequestedAction({ headSha: flow.head, externalId, sender: { login: "quinn" } }));

    // 40 commits later (say, pushed one by one with the App down), the approval on the first is out of reach.
    const shas = [flow.head];
    for (let i = 1; i <= 40; i += 1) shas.push(repo.commit({ [`notes/${i}.md`]: `${i}\n` }, shas[i - 1]));
    const head = shas[40]!;
    github.token().createCheckRun(9, head);
    flow.evaluationReads(head).comment(head);
    github.approvalRuns(head).pullCommits(NUMBER, shas.map((sha) => ({ sha, author: "dev" })));
    for (const sha of shas.slice(40 - MAX_EARLIER_COMMITS, 40)) github.approvalRuns(sha);
    github.createApprovalRun(10, head).updateCheckRun(9);
    await flow.receive("d-3", pullRequestEvent({ action: "reopened", number: NUMBER, head, base: flow.base }));

    expect(flow.approvalRun(head)).toMatchObject({ conclusion: "action_required", output: { title: "Waiting for QA approval" } });
    expectEveryRequestValidAndMade();
  });
});

describe("what the policy asks for", () => {
  test("approval.required: false — success, and the comment says approval is not required", async () => {
    flow.policy = "approval:\n  required: false\n";
    github.token().createCheckRun(7, flow.head);
    flow.evaluationReads(flow.head).comment(flow.head);
    github.createApprovalRun(8, flow.head).updateCheckRun(7);
    await flow.receive("d-1", pullRequestEvent({ action: "opened", number: NUMBER, head: flow.head, base: flow.base }));

    expect(flow.approvalRun()).toMatchObject({ conclusion: "success", output: { title: "Approval not required by policy" }, actions: [] });
    expect(flow.lastComment()).toContain("#### Approval\n\nNot required by the policy.");
    expectEveryRequestValidAndMade();
  });

  test("nothing to approve — success, no button, no approval section", async () => {
    const head = repo.commit({ "README.md": "# Device firmware\n" }, flow.base);
    github.token().createCheckRun(7, head).config(flow.policy).changedFiles(NUMBER, ["README.md"]).createApprovalRun(8, head).comments(NUMBER, []).updateCheckRun(7);
    await flow.receive("d-1", pullRequestEvent({ action: "opened", number: NUMBER, head, base: flow.base }));

    expect(flow.approvalRun(head)).toMatchObject({ conclusion: "success", output: { title: "Nothing to approve", summary: "No dependency in scope changed and no SOUP record changed." }, actions: [] });
    expectEveryRequestValidAndMade();
  });

  test("a changed record alone needs approval", async () => {
    const head = repo.commit({ "docs/soup/timm.md": `${repo.files(flow.base).get("docs/soup/timm.md")}\nAnomaly list re-read.\n` }, flow.base);
    github.token().createCheckRun(7, head).config(flow.policy).changedFiles(NUMBER, ["docs/soup/timm.md"]).tree(head).blobs(head, ["docs/soup/timm.md", "docs/soup/numpy.md"]);
    github.approvalRuns(head).createApprovalRun(8, head).comments(NUMBER, []).updateCheckRun(7);
    await flow.receive("d-1", pullRequestEvent({ action: "opened", number: NUMBER, head, base: flow.base }));

    expect(flow.approvalRun(head)).toMatchObject({ conclusion: "action_required", output: { title: "Waiting for QA approval" } });
    expect(flow.approvalRun(head).output!.summary).toContain("- record `docs/soup/timm.md`");
    expectEveryRequestValidAndMade();
  });
});
