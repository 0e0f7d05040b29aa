import { describe, expect, test } from "@jest/globals";
import type { Probot } from "probot";
import { FakeRepo } from "./fake-repo.js";
import { record, requirements } from "./fixtures.js";
import { expectEveryRequestValidAndMade, type GitHubStandIn, useStandIn } from "./github.js";
import { delivery, pullRequestEvent } from "./payloads.js";

let probot: Probot;
let repo: FakeRepo;
let github: GitHubStandIn;

useStandIn((t) => ({ probot, repo, github } = t));

const TIMM = "docs/soup/timm.md";

/** A covered timm bump, with `.github/soup.yml` in the tree as `policy` says. */
function coveredBump(policy: string) {
  const base = repo.commit({ ".github/soup.yml": policy, "requirements.txt": requirements({ timm: "1.0.22" }), [TIMM]: record("timm", ["1.0.22", "1.0.24"]) });
  const head = repo.commit({ "requirements.txt": requirements({ timm: "1.0.24" }) }, base);
  return { base, head };
}

describe(".github/soup.yml from the default branch", () => {
  test("a YAML syntax error is an invalid policy: the check fails and points at the file", async () => {
    const policy = "records:\n  path: [docs/soup\nscope: {}\n";
    const { base, head } = coveredBump(policy);
    github.token().createCheckRun(7, head);
    github.reads({ number: 2, base, head, config: policy, changed: ["requirements.txt"], baseBlobs: ["requirements.txt"], headBlobs: ["requirements.txt", TIMM] });
    github.approvalRuns(head).createApprovalRun(8, head);
    github.comments(2, []).pull(2, head, base).createComment(2, 55).comments(2, [{ id: 55, body: "<!-- soup-gate -->\n…" }]).updateCheckRun(7);

    await probot.receive(delivery("d-1", pullRequestEvent({ action: "opened", number: 2, head, base })));

    const [completed] = github.bodies("PATCH", "/check-runs/7");
    expect(completed.conclusion).toBe("failure");
    expect(completed.output.title).toBe("1 problem to fix: 1 invalid policy file");
    const [annotation] = completed.output.annotations;
    expect(annotation).toMatchObject({ path: ".github/soup.yml", start_line: 1, annotation_level: "failure", title: "Invalid policy" });
    expect(annotation.message).toMatch(/^\.github\/soup\.yml is invalid — the defaults apply until it is fixed:\n- Configuration could not be parsed from acme\/device \.github\/soup\.yml \(invalid YAML\): .+/);
    expectEveryRequestValidAndMade();
  });

  test("every bad key is named in one finding", async () => {
    const policy = "scope:\n  transitive: maybe\nreveiw:\n  interval_days: 365\n";
    const { base, head } = coveredBump(policy);
    github.token().createCheckRun(7, head);
    github.reads({ number: 2, base, head, config: policy, changed: ["requirements.txt"], baseBlobs: ["requirements.txt"], headBlobs: ["requirements.txt", TIMM] });
    github.approvalRuns(head).createApprovalRun(8, head);
    github.comments(2, []).pull(2, head, base).createComment(2, 55).comments(2, [{ id: 55, body: "<!-- soup-gate -->\n…" }]).updateCheckRun(7);

    await probot.receive(delivery("d-2", pullRequestEvent({ action: "opened", number: 2, head, base })));

    const [completed] = github.bodies("PATCH", "/check-runs/7");
    const invalid = completed.output.annotations.find((a: { path: string }) => a.path === ".github/soup.yml");
    expect(invalid.message).toBe(
      ".github/soup.yml is invalid — the defaults apply until it is fixed:\n" +
        '- scope.transitive: expected true or false, got "maybe"\n' +
        "- reveiw: unknown key (known: records, lockfiles, scope, review, ignore, severity, anomalies, approval)",
    );
    expectEveryRequestValidAndMade();
  });

  test("records.repository: records are read from that repository's default branch, and linked there", async () => {
    const qms = new FakeRepo("acme", "qms");
    const records = qms.commit({ [TIMM]: record("timm", ["1.0.22", "1.0.24"]) });
    const base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }) });
    const head = repo.commit({ "requirements.txt": requirements({ timm: "1.0.24" }) }, base);
    github.token().createCheckRun(7, head).config("records:\n  repository: acme/qms\n");
    github.scope.get("/repos/acme/qms").reply(200, { id: 2002, name: "qms", full_name: "acme/qms", default_branch: "trunk", html_url: "https://github.com/acme/qms" });
    github.compare(base, head).tree(base).blobs(base, ["requirements.txt"]).blobs(head, ["requirements.txt"]);
    // A branch moves: its tree is read by name, every time.
    github.scope.get("/repos/acme/qms/git/trees/trunk").query({ recursive: "1" }).reply(200, qms.tree(records));
    github.blobs(records, [TIMM], qms);
    github.approvalRuns(head).createApprovalRun(8, head);
    github.comments(2, []).pull(2, head, base).createComment(2, 55).comments(2, [{ id: 55, body: "<!-- soup-gate -->\n…" }]).updateCheckRun(7);

    await probot.receive(delivery("d-3", pullRequestEvent({ action: "opened", number: 2, head, base })));

    const [completed] = github.bodies("PATCH", "/check-runs/7");
    expect(completed.conclusion).toBe("success");
    expect(completed.output.summary).toContain(`[${TIMM}](https://github.com/acme/qms/blob/trunk/docs/soup/timm.md)`);
    expectEveryRequestValidAndMade();
  });

  test("without a file in the repository, the organisation's .github repository supplies the policy", async () => {
    const base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }) });
    const head = repo.commit({ "requirements.txt": requirements({ timm: "1.0.24" }) }, base);
    github.token().createCheckRun(7, head);
    github.scope.get(`${repo.path}/contents/.github%2Fsoup.yml`).reply(404, { message: "Not Found" });
    github.scope.get("/repos/acme/.github/contents/.github%2Fsoup.yml").reply(200, "scope:\n  transitive: false\nignore:\n  - { name: timm, reason: vendored copy reviewed with the device }\n", { "content-type": "application/vnd.github.v3.raw; charset=utf-8" });
    github.compare(base, head).tree(base).blobs(base, ["requirements.txt"]).blobs(head, ["requirements.txt"]);
    github.createApprovalRun(8, head).comments(2, []).updateCheckRun(7);

    await probot.receive(delivery("d-4", pullRequestEvent({ action: "opened", number: 2, head, base })));

    expect(github.bodies("PATCH", "/check-runs/7")[0].output.title).toBe("1 dependency change, none in scope of the SOUP policy");
    expect(github.checkRuns.latest("SOUP approval", head)).toMatchObject({ conclusion: "success", output: { title: "Nothing to approve" } });
    expectEveryRequestValidAndMade();
  });
});
