import { describe, expect, test } from "@jest/globals";
import nock from "nock";
import { decodeApprovalState } from "../../src/approval/approval-state.js";
import { AUTHOR, ApprovalFlow, useApprovalFlow, COMMENT_ID, NUMBER } from "./approval-flow.js";
import type { FakeRepo } from "./fake-repo.js";
import { expectEveryRequestValidAndMade, type GitHubStandIn } from "./github.js";
import { checkRunRequestedAction, commentCreated, pullRequestEvent, reviewSubmitted } from "./payloads.js";

let repo: FakeRepo;
let github: GitHubStandIn;
let flow: ApprovalFlow;

useApprovalFlow((t) => ({ repo, github, flow } = t));

const short = (sha: string) => sha.slice(0, 7);
const COMMAND = COMMENT_ID + 1;

/** The QA member quinn approves with the button on the opened pull request's run 8. */
async function approvedByQuinn(): Promise<void> {
  await flow.push("d-open", { recordsRun: 7, approvalRun: 8 });
  flow.attemptReads().commits(flow.head).attemptWrites(8);
  github.teamMembership("qa", "quinn", "active");
  await flow.receive("d-click", checkRunRequestedAction({ headSha: flow.head, externalId: flow.approvalRun().external_id!, sender: { login: "quinn" } }));
  expect(flow.approvalRun()).toMatchObject({ conclusion: "success", output: { title: "Approved by @quinn" } });
}

function comment(body: string, login: string) {
  return commentCreated({ number: NUMBER, commentId: COMMAND, body, author: { login } });
}

describe("an approving review", () => {
  test("by a QA member at the head approves, with the review's first line as the reason", async () => {
    await flow.push("d-1", { recordsRun: 7, approvalRun: 8 });
    flow.attemptReads().commits(flow.head).attemptWrites(8);
    github.teamMembership("qa", "quinn", "active");

    await flow.receive("d-2", reviewSubmitted({ number: NUMBER, head: flow.head, base: flow.base, commitId: flow.head, reviewer: { login: "quinn" }, state: "APPROVED", body: "Anomaly list of timm 1.0.24 checked.\nNothing else." }));

    expect(flow.approvalRun()).toMatchObject({ conclusion: "success", output: { title: "Approved by @quinn" }, actions: [] });
    expect(flow.approvalRun().output!.summary).toContain(`Approved by @quinn (member of team qa) in a review at commit ${short(flow.head)}`);
    expect(flow.approvalRun().output!.summary).toContain("“Anomaly list of timm 1.0.24 checked.”");
    expectEveryRequestValidAndMade();
  });

  test("of an older commit is refused: it approved a commit that is no longer the head", async () => {
    const older = flow.head;
    const head = repo.commit({ "README.md": "# Device firmware\n" }, older);
    await flow.push("d-1", { head, recordsRun: 7, approvalRun: 8 });
    // The reviewed commit is not the head: nobody is asked about teams.
    flow.attemptReads(head).attemptWrites(8, head);

    await flow.receive("d-2", reviewSubmitted({ number: NUMBER, head, base: flow.base, commitId: older, reviewer: { login: "quinn" } }));

    expect(flow.approvalRun(head)).toMatchObject({ conclusion: "action_required", output: { title: "Waiting for QA approval" } });
    expect(flow.approvalRun(head).output!.summary).toContain(`- @quinn (review, `);
    expect(flow.approvalRun(head).output!.summary).toContain(`@quinn approved commit ${short(older)}, but the head is now ${short(head)}`);
    expectEveryRequestValidAndMade();
  });

  test("a review that comments or requests changes does nothing", async () => {
    await flow.receive("d-1", reviewSubmitted({ number: NUMBER, head: flow.head, base: flow.base, commitId: flow.head, reviewer: { login: "quinn" }, state: "commented" }));
    await flow.receive("d-2", reviewSubmitted({ number: NUMBER, head: flow.head, base: flow.base, commitId: flow.head, reviewer: { login: "quinn" }, state: "changes_requested" }));
    expect(nock.pendingMocks()).toStrictEqual([]);
    expect(github.sent).toEqual([]);
  });
});

describe("the Approve button", () => {
  test("on an older head's run is refused, and the refusal is written on the head's run", async () => {
    await flow.push("d-1", { recordsRun: 7, approvalRun: 8 });
    const older = flow.head;
    const externalId = flow.approvalRun().external_id!;
    const head = repo.commit({ "README.md": "# Device firmware\n" }, older);
    await flow.push("d-2", { head, before: older, recordsRun: 9, approvalRun: 10 });
    flow.attemptReads(head).attemptWrites(10, head);

    await flow.receive("d-3", checkRunRequestedAction({ headSha: older, externalId, sender: { login: "quinn" } }));

    expect(flow.approvalRun(head).output!.summary).toContain(`@quinn clicked Approve on the check of commit ${short(older)}, but the head is now ${short(head)}`);
    expect(flow.approvalRun(older)).toMatchObject({ id: 8, conclusion: "action_required" });
    expectEveryRequestValidAndMade();
  });

  test("another button, or another check's run, is not ours to answer", async () => {
    await flow.receive("d-1", checkRunRequestedAction({ headSha: flow.head, externalId: "2:abc", sender: { login: "quinn" }, identifier: "dismiss" }));
    await flow.receive("d-2", checkRunRequestedAction({ headSha: flow.head, externalId: "2:abc", sender: { login: "quinn" }, name: "build" }));
    expect(github.sent).toEqual([]);
    expect(nock.pendingMocks()).toStrictEqual([]);
  });
});

describe("/soup commands", () => {
  test("the pull request's author may revoke an approval: acknowledged with +1, the gate is pending again", async () => {
    await approvedByQuinn();
    flow.attemptReads().attemptWrites(8);
    github.reaction(COMMAND);

    await flow.receive("d-3", comment("/soup revoke the timm wheel was rebuilt", AUTHOR));

    expect(flow.approvalRun()).toMatchObject({ conclusion: "action_required", output: { title: "Approval revoked" }, actions: [{ identifier: "approve" }] });
    expect(flow.approvalRun().output!.summary).toMatch(/^The approval was revoked by @dev: the timm wheel was rebuilt\./);
    expect(flow.lastComment()).toContain("⏳ The approval was revoked by @dev: the timm wheel was rebuilt.");
    expect(github.bodies("POST", `/issues/comments/${COMMAND}/reactions`)).toEqual([{ content: "+1" }]);
    expectEveryRequestValidAndMade();
  });

  test("a QA member may revoke and approve again; someone else's revoke is refused with -1 and shown on the approved run", async () => {
    await approvedByQuinn();

    flow.attemptReads().attemptWrites(8);
    github.teamMembership("qa", "eve", null).reaction(COMMAND);
    await flow.receive("d-3", comment("/soup revoke", "eve"));
    expect(flow.approvalRun()).toMatchObject({ conclusion: "success", output: { title: "Approved by @quinn" } });
    expect(flow.approvalRun().output!.summary).toContain("@eve may not revoke the approval: only authorised SOUP reviewers and the pull request's author may (approval is open to members of team qa)");
    expect(github.bodies("POST", `/issues/comments/${COMMAND}/reactions`)).toEqual([{ content: "-1" }]);

    flow.attemptReads().attemptWrites(8);
    github.teamMembership("qa", "quinn", "active").reaction(COMMAND);
    await flow.receive("d-4", comment("/soup revoke", "quinn"));
    expect(decodeApprovalState(flow.approvalRun().output!.text)).toMatchObject({ state: "revoked", revokedBy: "quinn" });

    flow.attemptReads().commits(flow.head).attemptWrites(8);
    github.teamMembership("qa", "quinn", "active").reaction(COMMAND);
    await flow.receive("d-5", comment("/soup approve", "quinn"));
    expect(flow.approvalRun()).toMatchObject({ conclusion: "success", output: { title: "Approved by @quinn" } });
    expect(github.bodies("POST", `/issues/comments/${COMMAND}/reactions`)).toEqual([{ content: "-1" }, { content: "+1" }, { content: "+1" }]);
    expectEveryRequestValidAndMade();
  });

  test("revoking when nothing is approved, or approving when nothing needs it, is answered with a confused reaction and changes nothing", async () => {
    await flow.push("d-1", { recordsRun: 7, approvalRun: 8 });
    flow.attemptReads();
    github.reaction(COMMAND);
    await flow.receive("d-2", comment("/soup revoke", "quinn"));

    const readme = repo.commit({ "README.md": "# Device firmware\n" }, flow.base);
    github.token().createCheckRun(9, readme).config(flow.policy).changedFiles(NUMBER, ["README.md"]).createApprovalRun(10, readme).comments(NUMBER, []).updateCheckRun(9);
    await flow.receive("d-3", pullRequestEvent({ action: "opened", number: NUMBER, head: readme, base: flow.base }));
    expect(flow.approvalRun(readme)).toMatchObject({ conclusion: "success", output: { title: "Nothing to approve" }, actions: [] });
    flow.attemptReads(readme);
    github.reaction(COMMAND);
    await flow.receive("d-4", comment("/soup approve", "quinn"));

    expect(github.bodies("POST", `/issues/comments/${COMMAND}/reactions`)).toEqual([{ content: "confused" }, { content: "confused" }]);
    expect(github.sent.filter((s) => s.method === "PATCH" && s.path.includes("/check-runs/8"))).toEqual([]);
    expectEveryRequestValidAndMade();
  });

  test("on a closed pull request: -1, nothing else", async () => {
    github.token().pull(NUMBER, flow.head, flow.base, { state: "closed" }).reaction(COMMAND);
    await flow.receive("d-1", comment("/soup approve", "quinn"));
    expect(github.bodies("POST", `/issues/comments/${COMMAND}/reactions`)).toEqual([{ content: "-1" }]);
    expectEveryRequestValidAndMade();
  });

  test("comments by bots (soup-gate's own included), comments on issues and comments without a command are ignored", async () => {
    await flow.receive("d-1", commentCreated({ number: NUMBER, commentId: COMMAND, body: "/soup approve", author: { login: "soup-gate[bot]", type: "Bot" } }));
    await flow.receive("d-2", commentCreated({ number: NUMBER, commentId: COMMAND, body: "/soup approve", author: { login: "quinn" }, onIssue: true }));
    await flow.receive("d-3", comment("LGTM\n> /soup approve", "quinn"));
    expect(github.sent).toEqual([]);
    expect(nock.pendingMocks()).toStrictEqual([]);
  });

  test("when GitHub refuses the reaction, the approval stands and the event completes", async () => {
    await flow.push("d-1", { recordsRun: 7, approvalRun: 8 });
    flow.attemptReads().commits(flow.head).attemptWrites(8);
    github.teamMembership("qa", "quinn", "active");
    github.scope.post(`${repo.path}/issues/comments/${COMMAND}/reactions`).reply(403, { message: "Resource not accessible by integration" });

    await flow.receive("d-2", comment("/soup approve", "quinn"));

    expect(flow.approvalRun()).toMatchObject({ conclusion: "success", output: { title: "Approved by @quinn" } });
    expectEveryRequestValidAndMade();
  });
});
