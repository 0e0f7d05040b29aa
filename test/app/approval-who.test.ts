import { describe, expect, test } from "@jest/globals";
import { AUTHOR, ApprovalFlow, useApprovalFlow, COMMENT_ID, NUMBER } from "./approval-flow.js";
import type { FakeRepo } from "./fake-repo.js";
import { expectEveryRequestValidAndMade, type GitHubStandIn } from "./github.js";
import { checkRunRequestedAction, commentCreated, reviewSubmitted } from "./payloads.js";

let repo: FakeRepo;
let github: GitHubStandIn;
let flow: ApprovalFlow;

useApprovalFlow((t) => ({ repo, github, flow } = t));

const COMMAND = COMMENT_ID + 1;

/** The pull request is opened (approval run 8); `login` then clicks Approve, judged as the test declares. */
async function click(login: string, judging: () => void): Promise<string> {
  await flow.push("d-open", { recordsRun: 7, approvalRun: 8 });
  flow.attemptReads();
  judging();
  flow.attemptWrites(8);
  await flow.receive("d-click", checkRunRequestedAction({ headSha: flow.head, externalId: flow.approvalRun().external_id!, sender: { login } }));
  return flow.approvalRun().output!.summary!;
}

describe("who may approve, asked of GitHub at the moment of approval", () => {
  test("a bot never, even in an approving review", async () => {
    await flow.push("d-1", { recordsRun: 7, approvalRun: 8 });
    flow.attemptReads().commits(flow.head).attemptWrites(8);
    await flow.receive("d-2", reviewSubmitted({ number: NUMBER, head: flow.head, base: flow.base, commitId: flow.head, reviewer: { login: "auto-approve[bot]", type: "Bot" } }));
    expect(flow.approvalRun()).toMatchObject({ conclusion: "action_required" });
    expect(flow.approvalRun().output!.summary).toContain("- @auto-approve[bot] (review, ");
    expect(flow.approvalRun().output!.summary).toContain("@auto-approve[bot] is a bot; only people may approve SOUP changes");
    expectEveryRequestValidAndMade();
  });

  test("not a QA member who authored or committed one of the pull request's commits", async () => {
    const summary = await click("quinn", () => github.pullCommits(NUMBER, [{ sha: flow.head, author: AUTHOR, committer: "quinn" }]));
    expect(summary).toContain("@quinn authored commits in this pull request and may not approve its own SOUP changes");
    expectEveryRequestValidAndMade();
  });

  test("not someone whose invitation to the QA team is still pending", async () => {
    const summary = await click("quinn", () => {
      flow.commits(flow.head);
      github.teamMembership("qa", "quinn", "pending");
    });
    expect(summary).toContain("@quinn is not an authorised SOUP reviewer (approval is open to members of team qa)");
    expectEveryRequestValidAndMade();
  });

  test("with no teams, users or role configured: maintainers and admins, not writers", async () => {
    flow.policy = null;
    await flow.push("d-1", { recordsRun: 7, approvalRun: 8 });
    const externalId = flow.approvalRun().external_id!;
    flow.attemptReads().commits(flow.head).attemptWrites(8);
    github.permission("wes", "write");
    await flow.receive("d-2", checkRunRequestedAction({ headSha: flow.head, externalId, sender: { login: "wes" } }));
    expect(flow.approvalRun().output!.summary).toContain("@wes is not an authorised SOUP reviewer (approval is open to collaborators with maintain access or more)");

    flow.attemptReads().commits(flow.head).attemptWrites(8);
    github.permission("maya", "maintain");
    await flow.receive("d-3", checkRunRequestedAction({ headSha: flow.head, externalId, sender: { login: "maya" } }));
    expect(flow.approvalRun()).toMatchObject({ conclusion: "success", output: { title: "Approved by @maya" } });
    expect(flow.approvalRun().output!.summary).toContain("Approved by @maya (maintain on the repository) with the Approve button");
    expectEveryRequestValidAndMade();
  });

  test("a custom role counts as the base permission GitHub reports for it", async () => {
    flow.policy = "approval:\n  permission: write\n";
    await flow.push("d-1", { recordsRun: 7, approvalRun: 8 });
    const externalId = flow.approvalRun().external_id!;
    flow.attemptReads().commits(flow.head).attemptWrites(8);
    github.permission("aud", "auditor", "read");
    await flow.receive("d-2", checkRunRequestedAction({ headSha: flow.head, externalId, sender: { login: "aud" } }));
    expect(flow.approvalRun().output!.summary).toContain("@aud is not an authorised SOUP reviewer (approval is open to collaborators with write access or more)");

    flow.attemptReads().commits(flow.head).attemptWrites(8);
    github.permission("lee", "qa-lead", "write");
    await flow.receive("d-3", checkRunRequestedAction({ headSha: flow.head, externalId, sender: { login: "lee" } }));
    expect(flow.approvalRun().output!.summary).toContain("Approved by @lee (write on the repository)");
    expectEveryRequestValidAndMade();
  });

  test("a repository owned by a user has no teams: nobody is a team member, and GitHub is not asked", async () => {
    await flow.push("d-1", { recordsRun: 7, approvalRun: 8 });
    flow.attemptReads().commits(flow.head).attemptWrites(8);
    github.reaction(COMMAND);
    await flow.receive("d-2", commentCreated({ number: NUMBER, commentId: COMMAND, body: "/soup approve", author: { login: "quinn" }, ownerType: "User" }));
    expect(flow.approvalRun().output!.summary).toContain("@quinn is not an authorised SOUP reviewer (approval is open to members of team qa)");
    expect(github.bodies("POST", `/issues/comments/${COMMAND}/reactions`)).toEqual([{ content: "-1" }]);
    expectEveryRequestValidAndMade();
  });

  test("when GitHub cannot say (the App lacks Members read), the attempt is refused and says why", async () => {
    const summary = await click("quinn", () => {
      flow.commits(flow.head);
      github.scope.get("/orgs/acme/teams/qa/memberships/quinn").reply(403, { message: "Resource not accessible by integration" });
    });
    expect(summary).toContain(
      "@quinn could not be authorised, GitHub did not answer as expected: GitHub answered 403 to GET /orgs/acme/teams/qa/memberships/quinn (Resource not accessible by integration)",
    );
    expect(flow.approvalRun()).toMatchObject({ conclusion: "action_required" });
    expectEveryRequestValidAndMade();
  });

  test("the same refused click delivered twice is recorded once", async () => {
    await click(AUTHOR, () => flow.commits(flow.head));
    flow.attemptReads().commits(flow.head).attemptWrites(8);
    await flow.receive("d-click", checkRunRequestedAction({ headSha: flow.head, externalId: flow.approvalRun().external_id!, sender: { login: AUTHOR } }));
    expect(flow.approvalRun().output!.summary!.match(/- @dev \(button/g)).toHaveLength(1);
    expectEveryRequestValidAndMade();
  });
});
