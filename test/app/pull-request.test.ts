import { describe, expect, test } from "@jest/globals";
import nock from "nock";
import type { Probot } from "probot";
import type { FakeRepo } from "./fake-repo.js";
import { daysFromToday, record, requirements } from "./fixtures.js";
import { formatWitness } from "../../src/history/witness.js";
import { appHistory, expectEveryRequestValidAndMade, type GitHubStandIn, useStandIn } from "./github.js";
import { delivery, pullRequestEvent } from "./payloads.js";

let probot: Probot;
let repo: FakeRepo;
let github: GitHubStandIn;

useStandIn((t) => ({ probot, repo, github } = t));

const TIMM = "docs/soup/timm.md";
const NUMPY = "docs/soup/numpy.md";
const MARKER = "<!-- soup-gate -->\n";

describe("pull_request.opened", () => {
  test("a bump covered by its record passes, with a notice on the lockfile line and a comment", async () => {
    const base = repo.commit({ "requirements.txt": requirements({ numpy: "2.1.0", timm: "1.0.22" }), [TIMM]: record("timm", ["1.0.22", "1.0.24"]), [NUMPY]: record("numpy", ["2.1.0"]) });
    const head = repo.commit({ "requirements.txt": requirements({ numpy: "2.1.0", timm: "1.0.24" }) }, base);
    github.token().createCheckRun(7, head);
    github.reads({ number: 2, base, head, changed: ["requirements.txt"], baseBlobs: ["requirements.txt"], headBlobs: ["requirements.txt", NUMPY, TIMM] });
    // Just opened: only the head can hold an earlier approval run.
    github.approvalRuns(head).createApprovalRun(8, head);
    github.comments(2, []).pull(2, head, base).createComment(2, 55).comments(2, [{ id: 55, body: `${MARKER}…` }]).updateCheckRun(7);

    await probot.receive(delivery("d-1", pullRequestEvent({ action: "opened", number: 2, head, base })));

    expect(github.bodies("POST", "/check-runs")).toEqual([
      { name: "SOUP records", head_sha: head, status: "in_progress", external_id: "2", output: { title: "Checking SOUP records…", summary: expect.any(String) } },
      expect.objectContaining({ name: "SOUP approval", head_sha: head, status: "completed", conclusion: "action_required", external_id: expect.stringMatching(/^2:[0-9a-f]{64}$/) }),
    ]);
    const [completed] = github.bodies("PATCH", "/check-runs/7");
    expect(completed).toMatchObject({ status: "completed", conclusion: "success", external_id: expect.stringMatching(/^2:[0-9a-f]{64}$/) });
    expect(completed.output.title).toBe("1 dependency change covered by reviewed records");
    expect(completed.output.annotations).toEqual([
      { path: "requirements.txt", start_line: 2, end_line: 2, annotation_level: "notice", title: "Covered: timm 1.0.22 → 1.0.24", message: `timm (pypi) 1.0.22 → 1.0.24 is covered by ${TIMM}.` },
    ]);
    expect(completed.output.summary).toContain(`[${TIMM}](https://github.com/acme/device/blob/${head}/docs/soup/timm.md)`);
    const [comment] = github.bodies("POST", "/issues/2/comments");
    expect(comment.body.startsWith(`${MARKER}### ✓ SOUP records: 1 dependency change covered by reviewed records.`)).toBe(true);
    expectEveryRequestValidAndMade();
  });

  test("an uncovered bump, a missing record and an overdue review fail, annotated on their lines, and the comment carries a draft", async () => {
    const base = repo.commit({
      "requirements.txt": requirements({ numpy: "2.1.0", timm: "1.0.22" }),
      [TIMM]: record("timm", ["1.0.22", "1.0.24"]),
      [NUMPY]: record("numpy", ["2.1.0", "2.1.1"], { reviewed: daysFromToday(-400) }),
    });
    const head = repo.commit({ "requirements.txt": requirements({ numpy: "2.1.1", requests: "2.32.3", timm: "1.0.25" }) }, base);
    github.token().createCheckRun(7, head);
    github.reads({ number: 2, base, head, changed: ["requirements.txt"], baseBlobs: ["requirements.txt"], headBlobs: ["requirements.txt", NUMPY, TIMM] });
    github.approvalRuns(head).createApprovalRun(8, head);
    github.comments(2, []).pull(2, head, base).createComment(2, 55).comments(2, [{ id: 55, body: `${MARKER}…` }]).updateCheckRun(7);

    await probot.receive(delivery("d-2", pullRequestEvent({ action: "opened", number: 2, head, base })));

    const [completed] = github.bodies("PATCH", "/check-runs/7");
    expect(completed.status).toBe("completed");
    expect(completed.conclusion).toBe("failure");
    expect(completed.output.title).toBe("4 problems to fix: 1 overdue review, 1 missing record, 1 version not recorded, 1 version newer than reviewed");
    expect(completed.output.annotations.map((a: Record<string, unknown>) => [a.path, a.start_line, a.annotation_level, a.title])).toEqual([
      [NUMPY, 9, "failure", "Review overdue: numpy"],
      ["requirements.txt", 2, "failure", "No SOUP record: requests"],
      ["requirements.txt", 3, "failure", "Version not in the record: timm"],
      ["requirements.txt", 3, "failure", "Newer than the reviewed release: timm"],
    ]);
    expect(completed.output.annotations[1].message).toBe("No SOUP record covers requests (pypi) 2.32.3. Add one under docs/soup/ — the pull-request comment carries a draft to start from.");
    const [comment] = github.bodies("POST", "/issues/2/comments");
    expect(comment.body.startsWith(`${MARKER}### ✗ SOUP records: 4 problems to fix before merging.`)).toBe(true);
    expect(comment.body).toContain("Draft record for <code>requests</code> (pypi) — save as <code>docs/soup/requests.md</code>");
    expect(comment.body).toContain('  package: "requests"\n  ecosystem: pypi\n');
    expectEveryRequestValidAndMade();
  });

  test("nothing relevant changed: success, \"No dependency changes\", no comment created", async () => {
    const base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }), [TIMM]: record("timm", ["1.0.22"]), "README.md": "# Device\n" });
    const head = repo.commit({ "README.md": "# Device firmware\n" }, base);
    github.token().createCheckRun(7, head);
    // Nothing changed that a record could cover, so not even the head tree is read.
    github.reads({ number: 4, base, head, changed: ["README.md"], headBlobs: [] });
    // Nothing to approve: no earlier approval state is looked for.
    github.createApprovalRun(8, head).comments(4, []).updateCheckRun(7);

    await probot.receive(delivery("d-3", pullRequestEvent({ action: "opened", number: 4, head, base })));

    // The history's head after this evaluation's entry is the run's witness.
    const witness = formatWitness((await (await appHistory()).head())!);
    expect(github.bodies("PATCH", "/check-runs/7")).toEqual([
      {
        status: "completed",
        conclusion: "success",
        external_id: expect.stringMatching(/^4:/),
        output: { title: "No dependency changes", summary: "### ✓ SOUP records: no dependency changes.\n", text: expect.stringContaining(witness) },
      },
    ]);
    expect(github.bodies("POST", "/check-runs")[1]).toMatchObject({ name: "SOUP approval", conclusion: "success", output: { title: "Nothing to approve" }, actions: [] });
    expect(github.sent.filter((s) => s.path.includes("/comments"))).toEqual([]);
    expectEveryRequestValidAndMade();
  });

  test("a fork's pull request is read from the base repository by commit sha", async () => {
    const base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }), [TIMM]: record("timm", ["1.0.22", "1.0.24"]) });
    const head = repo.commit({ "requirements.txt": requirements({ timm: "1.0.24" }) }, base);
    github.token().createCheckRun(7, head);
    github.reads({ number: 9, base, head, changed: ["requirements.txt"], baseBlobs: ["requirements.txt"], headBlobs: ["requirements.txt", TIMM] });
    github.approvalRuns(head).createApprovalRun(8, head);
    github.comments(9, []).pull(9, head, base).createComment(9, 56).comments(9, [{ id: 56, body: `${MARKER}…` }]).updateCheckRun(7);

    await probot.receive(delivery("d-4", pullRequestEvent({ action: "opened", number: 9, head, base, fork: "contributor/device" })));

    expect(github.bodies("PATCH", "/check-runs/7")[0]).toMatchObject({ conclusion: "success" });
    expectEveryRequestValidAndMade();
  });
});

describe("the comment", () => {
  test("an existing soup-gate comment is edited in place; a person or another App's bot copying its marker is left alone", async () => {
    const base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }), [TIMM]: record("timm", ["1.0.22"]) });
    const head = repo.commit({ "requirements.txt": requirements({ timm: "1.0.24" }) }, base);
    github.token().createCheckRun(7, head);
    github.reads({ number: 2, base, head, changed: ["requirements.txt"], baseBlobs: ["requirements.txt"], headBlobs: ["requirements.txt", TIMM] });
    github.comments(2, [
      { id: 40, body: `${MARKER}### ✓ SOUP records: no dependency changes.\n` },
      { id: 41, body: `${MARKER}quoted by a reviewer`, user: { login: "reviewer", type: "User" } },
      { id: 39, body: `${MARKER}posted by a workflow`, user: { login: "github-actions[bot]", type: "Bot" }, performed_via_github_app: { id: 15368, slug: "github-actions" }, created_at: "2025-12-01T00:00:00Z" },
    ]);
    // A push: the head, then the pull request's earlier commits, may hold an approval.
    github.approvalRuns(head).pullCommits(2, [{ sha: head, author: "dev" }]).createApprovalRun(8, head);
    github.pull(2, head, base).updateComment(40).updateCheckRun(7);

    await probot.receive(delivery("d-5", pullRequestEvent({ action: "synchronize", number: 2, head, base })));

    const [edited] = github.bodies("PATCH", "/issues/comments/40");
    expect(edited.body.startsWith(`${MARKER}### ✗ SOUP records: 2 problems to fix before merging.`)).toBe(true);
    expect(github.sent.filter((s) => s.method !== "PATCH" && s.path.includes("/comments"))).toEqual([]);
    expectEveryRequestValidAndMade();
  });

  test("a redelivered webhook does nothing: no request at all", async () => {
    const base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }), [TIMM]: record("timm", ["1.0.22", "1.0.24"]) });
    const head = repo.commit({ "requirements.txt": requirements({ timm: "1.0.24" }) }, base);
    const event = delivery("d-6", pullRequestEvent({ action: "opened", number: 2, head, base }));
    github.token().createCheckRun(7, head);
    github.reads({ number: 2, base, head, changed: ["requirements.txt"], baseBlobs: ["requirements.txt"], headBlobs: ["requirements.txt", TIMM] });
    github.approvalRuns(head).createApprovalRun(17, head);
    github.comments(2, []).pull(2, head, base).createComment(2, 55);
    github.scope.get(`${repo.path}/issues/2/comments`).query({ per_page: "100" }).reply(200, () => [{ id: 55, body: github.bodies("POST", "/issues/2/comments")[0].body, user: { login: "soup-gate[bot]", type: "Bot" }, created_at: "2026-01-01T00:00:00Z" }]);
    github.updateCheckRun(7);
    await probot.receive(event);
    const sent = github.sent.length;

    // The same delivery again (GitHub's "Redeliver" repeats its id): it was accepted once, and is not again.
    await probot.receive(event);

    expect(github.sent.length).toBe(sent);
    expect(github.bodies("PATCH", "/check-runs/7")[0]).toMatchObject({ status: "completed", conclusion: "success" });
    expectEveryRequestValidAndMade();
  });

  test("an evaluation overtaken by a newer push completes its own check but leaves the comment alone", async () => {
    const base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }), [TIMM]: record("timm", ["1.0.22"]) });
    const older = repo.commit({ "requirements.txt": requirements({ timm: "1.0.24" }) }, base);
    const newer = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }) }, older);
    github.token().createCheckRun(7, older);
    github.reads({ number: 2, base, head: older, changed: ["requirements.txt"], baseBlobs: ["requirements.txt"], headBlobs: ["requirements.txt", TIMM] });
    // The newer commit is not this evaluation's history.
    github.approvalRuns(older).pullCommits(2, [{ sha: older }, { sha: newer }]).createApprovalRun(8, older);
    github.comments(2, [{ id: 40, body: `${MARKER}### ✓ SOUP records: no dependency changes.\n` }]).pull(2, newer, base).updateCheckRun(7);

    await probot.receive(delivery("d-7", pullRequestEvent({ action: "synchronize", number: 2, head: older, base })));

    expect(github.bodies("PATCH", "/check-runs/7")[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(github.sent.filter((s) => s.path.includes("/comments"))).toEqual([]);
    expectEveryRequestValidAndMade();
  });

  test("two quick pushes: a head replaced before its evaluation started is not evaluated, the newer one writes the checks and the comment", async () => {
    const base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }), [TIMM]: record("timm", ["1.0.22", "1.0.24"]) });
    const first = repo.commit({ "requirements.txt": requirements({ timm: "1.0.23" }) }, base);
    const second = repo.commit({ "requirements.txt": requirements({ timm: "1.0.24" }) }, first);
    // The first push's attempt cannot even create its run: it waits to be tried again, and is replaced meanwhile.
    github.token();
    github.scope.post(`${repo.path}/check-runs`).reply(502, { message: "Server Error" });
    github.createCheckRun(8, second);
    github.reads({ number: 2, base, head: second, changed: ["requirements.txt"], baseBlobs: ["requirements.txt"], headBlobs: ["requirements.txt", TIMM] });
    github.approvalRuns(second).pullCommits(2, [{ sha: first }, { sha: second }]).approvalRuns(first).createApprovalRun(18, second);
    github.comments(2, [{ id: 40, body: `${MARKER}older` }]).pull(2, second, base).updateComment(40).updateCheckRun(8);

    await probot.receive(delivery("d-11", pullRequestEvent({ action: "synchronize", number: 2, head: first, base })));
    await probot.receive(delivery("d-12", pullRequestEvent({ action: "synchronize", number: 2, head: second, base })));

    expect(github.bodies("POST", "/check-runs").map((b) => [b.name, b.head_sha])).toEqual([
      ["SOUP records", second],
      ["SOUP approval", second],
    ]);
    expect(github.bodies("PATCH", "/check-runs/8")[0]).toMatchObject({ conclusion: "success" });
    const edits = github.bodies("PATCH", "/issues/comments/40");
    expect(edits).toHaveLength(1);
    expect(edits[0].body).toContain("✓ SOUP records: 1 dependency change covered by reviewed records.");
    expectEveryRequestValidAndMade();
  });

  test("when two replicas both created a comment, the later one is deleted and the oldest carries this evaluation", async () => {
    const base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }), [TIMM]: record("timm", ["1.0.22"]) });
    const head = repo.commit({ "requirements.txt": requirements({ timm: "1.0.24" }) }, base);
    github.token().createCheckRun(7, head);
    github.reads({ number: 2, base, head, changed: ["requirements.txt"], baseBlobs: ["requirements.txt"], headBlobs: ["requirements.txt", TIMM] });
    github.approvalRuns(head).createApprovalRun(8, head);
    github.comments(2, []).pull(2, head, base).createComment(2, 56);
    github.comments(2, [
      { id: 50, body: `${MARKER}### ✓ SOUP records: no dependency changes.\n` },
      { id: 56, body: `${MARKER}mine` },
    ]);
    github.deleteComment(56).updateComment(50).updateCheckRun(7);

    await probot.receive(delivery("d-8", pullRequestEvent({ action: "opened", number: 2, head, base })));

    expect(github.sent.filter((s) => s.path.includes("/comments")).map((s) => `${s.method} ${s.path.replace(repo.path, "")}`)).toEqual([
      "POST /issues/2/comments",
      "DELETE /issues/comments/56",
      "PATCH /issues/comments/50",
    ]);
    expect(github.bodies("PATCH", "/issues/comments/50")[0].body).toBe(github.bodies("POST", "/issues/2/comments")[0].body);
    expectEveryRequestValidAndMade();
  });
});

describe("pull_request.edited", () => {
  test("a title or body edit is ignored: no request at all", async () => {
    await probot.receive(delivery("d-9", pullRequestEvent({ action: "edited", number: 2, head: "a".repeat(40), base: "b".repeat(40), changes: { title: { from: "Old title" } } })));
    expect(nock.pendingMocks()).toStrictEqual([]);
    expect(github.sent).toEqual([]);
  });

  test("a new base branch evaluates again", async () => {
    const base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }), [TIMM]: record("timm", ["1.0.22", "1.0.24"]) });
    const head = repo.commit({ "requirements.txt": requirements({ timm: "1.0.24" }) }, base);
    github.token().createCheckRun(7, head);
    github.reads({ number: 2, base, head, changed: ["requirements.txt"], baseBlobs: ["requirements.txt"], headBlobs: ["requirements.txt", TIMM] });
    github.approvalRuns(head).pullCommits(2, [{ sha: head }]).createApprovalRun(8, head);
    github.comments(2, [{ id: 40, body: `${MARKER}old` }]).pull(2, head, base).updateComment(40).updateCheckRun(7);

    await probot.receive(delivery("d-10", pullRequestEvent({ action: "edited", number: 2, head, base, changes: { base: { ref: { from: "develop" }, sha: { from: "c".repeat(40) } } } })));

    expect(github.bodies("PATCH", "/check-runs/7")[0]).toMatchObject({ conclusion: "success" });
    expectEveryRequestValidAndMade();
  });
});
