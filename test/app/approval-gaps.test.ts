import { describe, expect, test } from "@jest/globals";
import { decodeApprovalState } from "../../src/approval/approval-state.js";
import { AUTHOR, ApprovalFlow, useApprovalFlow, NUMBER } from "./approval-flow.js";
import type { FakeRepo } from "./fake-repo.js";
import { requirements } from "./fixtures.js";
import { appHistory, expectEveryRequestValidAndMade, type GitHubStandIn } from "./github.js";
import { checkRunRequestedAction, reviewDismissed, reviewSubmitted } from "./payloads.js";

let repo: FakeRepo;
let github: GitHubStandIn;
let flow: ApprovalFlow;

useApprovalFlow((t) => ({ repo, github, flow } = t));

describe("the head's pusher is an author", () => {
  test("a QA member who pushed the head may not approve it, though the commits are another's; a colleague may", async () => {
    await flow.push("d-1", { recordsRun: 7, approvalRun: 8 });
    // quinn, of the QA team, pushes a dependency change whose commit names the author as its author.
    const h2 = repo.commit({ "requirements.txt": requirements({ numpy: "2.1.1", timm: "1.0.24" }) }, flow.head);
    await flow.push("d-2", { head: h2, before: flow.head, recordsRun: 9, approvalRun: 10, pusher: "quinn" });
    expect(decodeApprovalState(flow.approvalRun(h2).output!.text)).toMatchObject({ state: "pending", pushedBy: "quinn" });
    const click = (id: string, login: string) => flow.receive(id, checkRunRequestedAction({ headSha: h2, externalId: flow.approvalRun(h2).external_id!, sender: { login } }));

    // Refused before any team is asked.
    flow.attemptReads(h2).attemptWrites(10, h2);
    github.pullCommits(NUMBER, [{ sha: flow.head, author: AUTHOR }, { sha: h2, author: AUTHOR }]);
    await click("d-3", "quinn");
    expect(flow.approvalRun(h2)).toMatchObject({ conclusion: "action_required", output: { title: "Waiting for QA approval" } });
    expect(flow.approvalRun(h2).output!.summary).toContain("@quinn pushed the head of this pull request and may not approve its own SOUP changes");
    // The refusal is kept with the state, and so is who pushed.
    expect(decodeApprovalState(flow.approvalRun(h2).output!.text)).toMatchObject({ state: "pending", pushedBy: "quinn" });

    flow.attemptReads(h2).attemptWrites(10, h2);
    github.pullCommits(NUMBER, [{ sha: flow.head, author: AUTHOR }, { sha: h2, author: AUTHOR }]).teamMembership("qa", "qara", "active");
    await click("d-4", "qara");
    expect(flow.approvalRun(h2)).toMatchObject({ conclusion: "success", output: { title: "Approved by @qara" } });
    expectEveryRequestValidAndMade();
  });
});

describe("a dismissed approving review", () => {
  /** Opened, then approved by quinn in a review of the head. */
  async function approvedByReview(): Promise<void> {
    await flow.push("d-1", { recordsRun: 7, approvalRun: 8 });
    flow.attemptReads().commits(flow.head).attemptWrites(8);
    github.teamMembership("qa", "quinn", "active");
    await flow.receive("d-2", reviewSubmitted({ number: NUMBER, head: flow.head, base: flow.base, commitId: flow.head, reviewer: { login: "quinn" } }));
    expect(flow.approvalRun()).toMatchObject({ conclusion: "success", output: { title: "Approved by @quinn" } });
  }

  test("withdraws the approval it gave: the gate waits again, and the history records a revocation by whoever dismissed it", async () => {
    await approvedByReview();
    flow.attemptReads().attemptWrites(8);
    await flow.receive("d-3", reviewDismissed({ number: NUMBER, head: flow.head, base: flow.base, commitId: flow.head, reviewer: { login: "quinn" }, by: { login: "maintainer" } }));

    expect(flow.approvalRun().conclusion).toBe("action_required");
    expect(decodeApprovalState(flow.approvalRun().output!.text)).toMatchObject({ state: "revoked", revokedBy: "maintainer", reason: "the approving review by @quinn was dismissed" });
    const entries = (await (await appHistory()).list()).map((e) => e.entry);
    expect(entries.at(-1)).toMatchObject({ kind: "revocation", actor: "maintainer", via: "review-dismissed", delivery: "d-3", headSha: flow.head, reason: "the approving review by @quinn was dismissed" });
    expect(entries.map((e) => e.kind)).toEqual(["evaluation", "approval", "revocation"]);
    expectEveryRequestValidAndMade();
  });

  test("leaves an approval alone that another review, or the button, gave", async () => {
    await approvedByReview();
    // Ada's review of the same commit is dismissed: quinn's approval stands, nothing is written.
    flow.attemptReads();
    const writes = github.sent.length;
    await flow.receive("d-3", reviewDismissed({ number: NUMBER, head: flow.head, base: flow.base, commitId: flow.head, reviewer: { login: "ada" }, by: { login: "maintainer" } }));
    expect(github.sent.length).toBe(writes);
    expect(flow.approvalRun()).toMatchObject({ conclusion: "success", output: { title: "Approved by @quinn" } });
    expect((await (await appHistory()).list()).map((e) => e.entry.kind)).toEqual(["evaluation", "approval"]);
    expectEveryRequestValidAndMade();
  });
});
