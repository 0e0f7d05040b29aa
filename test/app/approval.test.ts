import { describe, expect, test } from "@jest/globals";
import { decodeApprovalState } from "../../src/approval/approval-state.js";
import { AUTHOR, ApprovalFlow, COMMENT_ID, NUMBER } from "./approval-flow.js";
import type { FakeRepo } from "./fake-repo.js";
import { requirements } from "./fixtures.js";
import { expectEveryRequestValidAndMade, type GitHubStandIn, useStandIn } from "./github.js";
import { checkRunRequestedAction, commentCreated } from "./payloads.js";

let repo: FakeRepo;
let github: GitHubStandIn;

useStandIn((t) => ({ repo, github } = t));

const short = (sha: string) => sha.slice(0, 7);

describe("the SOUP approval gate, one App process per event", () => {
  test("the author and an admin outside QA are refused, a QA member approves; an unrelated push keeps the approval, a dependency push invalidates it; QA approves again by comment", async () => {
    const flow = new ApprovalFlow(github, repo);
    const { head: h1 } = flow;

    // 1. Opened: QA approval is asked for, with the button.
    await flow.push("d-1", { recordsRun: 7, approvalRun: 8 });
    expect(flow.approvalRun()).toMatchObject({
      id: 8,
      status: "completed",
      conclusion: "action_required",
      external_id: expect.stringMatching(/^2:[0-9a-f]{64}$/),
      output: { title: "Waiting for QA approval" },
      actions: [{ label: "Approve", identifier: "approve", description: "Approve these SOUP changes (QA only)" }],
    });
    expect(flow.approvalRun().output!.summary).toContain("- pypi `timm` 1.0.22 → 1.0.24 (requirements.txt)");
    expect(flow.approvalRun().output!.summary).toContain("Approval is open to members of team qa.");
    expect(flow.lastComment()).toContain("⏳ Waiting for QA approval. Approval is open to members of team qa;");
    const digest = flow.approvalRun().external_id!.slice(2);
    const click = (id: string, login: string) => flow.receive(id, checkRunRequestedAction({ headSha: h1, externalId: `2:${digest}`, sender: { login } }));

    // 2. The author clicks Approve: refused before anyone is asked about teams.
    flow.attemptReads().commits(h1).attemptWrites(8);
    await click("d-2", AUTHOR);
    expect(flow.approvalRun()).toMatchObject({ conclusion: "action_required", output: { title: "Waiting for QA approval" } });
    expect(flow.approvalRun().output!.summary).toMatch(/Refused attempts:\n- @dev \(button, \d{4}-\d\d-\d\d \d\d:\d\d UTC\): @dev opened this pull request and may not approve its own SOUP changes$/);

    // 3. A repository admin outside the QA team clicks: refused, and both refusals stay visible. Her role is
    //    never asked: with approval.teams set and no approval.permission, no role grants approval.
    flow.attemptReads().commits(h1).attemptWrites(8);
    github.teamMembership("qa", "ada", null);
    await click("d-3", "ada");
    const refusals = flow.approvalRun().output!.summary!.split("Refused attempts:\n")[1]!.split("\n");
    expect(refusals).toEqual([
      expect.stringMatching(/^- @dev \(button, .+\): @dev opened this pull request and may not approve its own SOUP changes$/),
      expect.stringMatching(/^- @ada \(button, .+\): @ada is not an authorised SOUP reviewer \(approval is open to members of team qa\)$/),
    ]);
    expect(flow.lastComment()).toContain("- @ada (button,");

    // 4. A QA member clicks: approved, the button goes away.
    flow.attemptReads().commits(h1).attemptWrites(8);
    github.teamMembership("qa", "quinn", "active");
    await click("d-4", "quinn");
    expect(flow.approvalRun()).toMatchObject({ conclusion: "success", output: { title: "Approved by @quinn" }, actions: [] });
    expect(flow.approvalRun().output!.summary).toMatch(new RegExp(`^Approved by @quinn \\(member of team qa\\) with the Approve button at commit ${short(h1)} on \\d{4}-\\d\\d-\\d\\d\\.`));
    expect(decodeApprovalState(flow.approvalRun().output!.text)).toMatchObject({ state: "approved", approver: "quinn", via: "button", commit: h1, digest });
    expect(flow.lastComment()).toContain(`✅ Approved by @quinn (member of team qa) with the Approve button at commit ${short(h1)}`);

    // 5. A push that changes no dependency and no record: the new head's run is success, naming the approver and the commit approved.
    const h2 = repo.commit({ "README.md": "# Device firmware\n" }, h1);
    await flow.push("d-5", { head: h2, before: h1, recordsRun: 9, approvalRun: 10 });
    expect(flow.approvalRun(h2)).toMatchObject({ id: 10, conclusion: "success", external_id: `2:${digest}`, output: { title: "Approved by @quinn" }, actions: [] });
    expect(flow.approvalRun(h2).output!.summary).toContain(`Approved by @quinn (member of team qa) with the Approve button at commit ${short(h1)}`);

    // 6. A push that changes the dependencies: the approval is invalidated, and the comment says so.
    const h3 = repo.commit({ "requirements.txt": requirements({ numpy: "2.1.1", timm: "1.0.24" }) }, h2);
    await flow.push("d-6", { head: h3, before: h2, recordsRun: 11, approvalRun: 12 });
    expect(flow.approvalRun(h3)).toMatchObject({ id: 12, conclusion: "action_required", output: { title: "Approval invalidated by new changes" }, actions: [{ identifier: "approve" }] });
    expect(flow.approvalRun(h3).external_id).not.toBe(`2:${digest}`);
    expect(flow.approvalRun(h3).output!.summary).toContain(`The approval by @quinn at ${short(h1)} no longer applies`);
    expect(flow.lastComment()).toContain(`⚠️ The approval by @quinn at ${short(h1)} no longer applies: this push changed the dependencies or records it covered.`);

    // 7. A QA member approves by comment: a +1 reaction, the run passes, the comment is edited, no comment is added.
    const writesBefore = github.sent.length;
    flow.attemptReads(h3).commits(h1, h2, h3).attemptWrites(12, h3);
    github.teamMembership("qa", "quinn", "active").reaction(COMMENT_ID + 1);
    await flow.receive("d-7", commentCreated({ number: NUMBER, commentId: COMMENT_ID + 1, body: "Reviewed numpy's anomaly list.\n/soup approve anomalies reviewed", author: { login: "quinn" } }));
    expect(flow.approvalRun(h3)).toMatchObject({ conclusion: "success", output: { title: "Approved by @quinn" }, actions: [] });
    expect(flow.approvalRun(h3).output!.summary).toContain(`Approved by @quinn (member of team qa) with /soup approve at commit ${short(h3)}`);
    expect(flow.approvalRun(h3).output!.summary).toContain("“anomalies reviewed”");
    const event7 = github.sent.slice(writesBefore).map((s) => `${s.method} ${s.path.replace(repo.path, "")}`);
    expect(event7).toEqual(["PATCH /check-runs/12", `PATCH /issues/comments/${COMMENT_ID}`, `POST /issues/comments/${COMMENT_ID + 1}/reactions`]);
    expect(github.bodies("POST", `/issues/comments/${COMMENT_ID + 1}/reactions`)).toEqual([{ content: "+1" }]);
    expect(flow.lastComment()).toContain(`✅ Approved by @quinn (member of team qa) with /soup approve at commit ${short(h3)}`);
    expectEveryRequestValidAndMade();
  });
});
