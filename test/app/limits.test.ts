import { describe, expect, test } from "@jest/globals";
import type { Probot } from "probot";
import { blobSha, type FakeRepo } from "./fake-repo.js";
import { record, requirements } from "./fixtures.js";
import { expectEveryRequestValidAndMade, type GitHubStandIn, useStandIn } from "./github.js";
import { delivery, pullRequestEvent } from "./payloads.js";

let probot: Probot;
let repo: FakeRepo;
let github: GitHubStandIn;

useStandIn((t) => ({ probot, repo, github } = t));

/** `count` packages pinned at 1.0.0, none with a record. */
function manyPackages(count: number, name: (i: number) => string): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [name(i), "1.0.0"]));
}

describe("GitHub's limits", () => {
  test("120 annotations go 50 per request, and only the last request completes the check, after the comment", async () => {
    const base = repo.commit({ "requirements.txt": "" });
    const head = repo.commit({ "requirements.txt": requirements(manyPackages(120, (i) => `pkg-${String(i).padStart(3, "0")}`)) }, base);
    github.token().createCheckRun(7, head);
    github.reads({ number: 2, base, head, changed: ["requirements.txt"], baseBlobs: ["requirements.txt"], headBlobs: ["requirements.txt"] });
    github.updateCheckRun(7, 2).approvalRuns(head).createApprovalRun(8, head);
    github.comments(2, []).pull(2, head, base).createComment(2, 55).comments(2, [{ id: 55, body: "<!-- soup-gate -->\n…" }]).updateCheckRun(7);

    await probot.receive(delivery("d-1", pullRequestEvent({ action: "opened", number: 2, head, base })));

    const writes = github.sent.map((s) => (s.path.endsWith("/check-runs/7") ? `${s.body.status} ${s.body.output.annotations?.length ?? 0}` : `${s.method} ${s.path.replace(repo.path, "")} ${s.body.name ?? ""}`.trim()));
    expect(writes).toEqual(["POST /check-runs SOUP records", "in_progress 50", "in_progress 50", "POST /check-runs SOUP approval", "POST /issues/2/comments", "completed 20"]);
    const updates = github.bodies("PATCH", "/check-runs/7");
    expect(updates[2]).toMatchObject({ conclusion: "failure", output: { title: "120 problems to fix: 120 missing records" } });
    const lines = updates.flatMap((u) => u.output.annotations.map((a: { start_line: number }) => a.start_line));
    expect(lines).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expectEveryRequestValidAndMade();
  });

  test("a report over 65,535 characters is degraded to fit the summary and the comment", async () => {
    const base = repo.commit({ "requirements.txt": "" });
    const pins = manyPackages(150, (i) => `package-${i}-${"x".repeat(150)}`);
    const head = repo.commit({ "requirements.txt": requirements(pins) }, base);
    github.token().createCheckRun(7, head);
    github.reads({ number: 2, base, head, changed: ["requirements.txt"], baseBlobs: ["requirements.txt"], headBlobs: ["requirements.txt"] });
    github.updateCheckRun(7, 2).approvalRuns(head).createApprovalRun(8, head);
    github.comments(2, []).pull(2, head, base).createComment(2, 55).comments(2, [{ id: 55, body: "<!-- soup-gate -->\n…" }]).updateCheckRun(7);

    await probot.receive(delivery("d-2", pullRequestEvent({ action: "opened", number: 2, head, base })));

    const completed = github.bodies("PATCH", "/check-runs/7")[2];
    expect(completed.output.summary.length).toBeLessThanOrEqual(65_535);
    expect(completed.output.summary).toMatch(/_…and \d+ more checked changes, not listed to fit GitHub's size limit; the check run's annotations list every one._/);
    const comment = github.bodies("POST", "/issues/2/comments")[0].body as string;
    expect(comment.length).toBeLessThanOrEqual(65_536);
    expect(comment.startsWith("<!-- soup-gate -->\n### ✗ SOUP records: 150 problems to fix before merging.")).toBe(true);
    expectEveryRequestValidAndMade();
  });

  test("past the 300 files GitHub's comparison lists, the changed paths come from comparing the two trees", async () => {
    const sources = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`src/file-${i}.c`, `int f${i};\n`]));
    const base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }), "docs/soup/timm.md": record("timm", ["1.0.22"]) });
    const head = repo.commit({ ...sources, "requirements.txt": requirements({ timm: "1.0.24" }) }, base);
    github.token().createCheckRun(7, head).config(null);
    // GitHub's comparison lists 300 files, here before it reached the lockfile.
    github.compare(base, head, { files: Object.keys(sources), cut: true });
    github.tree(base).tree(head).blobs(base, ["requirements.txt"]).blobs(head, ["requirements.txt", "docs/soup/timm.md"]);
    github.approvalRuns(head).createApprovalRun(8, head);
    github.comments(2, []).pull(2, head, base).createComment(2, 55).comments(2, [{ id: 55, body: "<!-- soup-gate -->\n…" }]).updateCheckRun(7);

    await probot.receive(delivery("d-3", pullRequestEvent({ action: "opened", number: 2, head, base })));

    expect(github.bodies("PATCH", "/check-runs/7")[0].output.title).toBe("2 problems to fix: 1 version not recorded, 1 version newer than reviewed");
    expectEveryRequestValidAndMade();
  });

  test("a lockfile bigger than GraphQL's 512,000 bytes of text is read through REST at both commits, never cut short", async () => {
    const pins = manyPackages(25_000, (i) => `package-number-${String(i).padStart(5, "0")}`);
    const base = repo.commit({ "requirements.txt": requirements(pins), "docs/soup/timm.md": record("timm", ["1.0.22", "1.0.24"]) });
    const head = repo.commit({ "requirements.txt": requirements({ ...pins, timm: "1.0.24" }) }, base);
    expect(Buffer.byteLength(repo.files(base).get("requirements.txt")!)).toBeGreaterThan(512_000);
    github.token().createCheckRun(7, head).config("scope:\n  transitive: true\n").compare(base, head).tree(base);
    // The head's size is not in the comparison: the merge base's size of the same path sends it to REST too.
    github.restBlobs(base, ["requirements.txt"]).restBlobs(head, ["requirements.txt"]).blobs(head, ["docs/soup/timm.md"]);
    github.approvalRuns(head).createApprovalRun(8, head);
    github.comments(2, []).pull(2, head, base).createComment(2, 55).comments(2, [{ id: 55, body: "<!-- soup-gate -->\n…" }]).updateCheckRun(7);

    await probot.receive(delivery("d-4", pullRequestEvent({ action: "opened", number: 2, head, base })));

    expect(github.bodies("PATCH", "/check-runs/7").at(-1).output.title).toBe("1 dependency change covered by reviewed records");
    expectEveryRequestValidAndMade();
  });

  test("a changed file GitHub lists without its blob id: the head's tree is read instead of worked out", async () => {
    const base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }), "docs/soup/timm.md": record("timm", ["1.0.22", "1.0.24"]) });
    const head = repo.commit({ "requirements.txt": requirements({ timm: "1.0.24" }), "vendor/lib": "Subproject commit\n" }, base);
    github.token().createCheckRun(7, head).config(null);
    const entry = (filename: string, sha: string | null) => ({ sha, filename, status: "modified", additions: 1, deletions: 1, changes: 2, blob_url: "", raw_url: "", contents_url: "" });
    github.scope.get(`${repo.path}/compare/${base}...${head}`).query({ per_page: "1" }).reply(200, { merge_base_commit: { sha: base }, files: [entry("requirements.txt", blobSha(requirements({ timm: "1.0.24" }))), entry("vendor/lib", null)] });
    github.tree(base).tree(head).blobs(base, ["requirements.txt"]).blobs(head, ["requirements.txt", "docs/soup/timm.md"]);
    github.approvalRuns(head).createApprovalRun(8, head);
    github.comments(2, []).pull(2, head, base).createComment(2, 55).comments(2, [{ id: 55, body: "<!-- soup-gate -->\n…" }]).updateCheckRun(7);

    await probot.receive(delivery("d-5", pullRequestEvent({ action: "opened", number: 2, head, base })));

    expect(github.bodies("PATCH", "/check-runs/7")[0].output.title).toBe("1 dependency change covered by reviewed records");
    expectEveryRequestValidAndMade();
  });
});
