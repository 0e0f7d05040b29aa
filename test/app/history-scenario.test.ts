import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "@jest/globals";
import { cli } from "../../src/cli/main.js";
import { chooseDatabase } from "../../src/db/database-target.js";
import { MIGRATIONS } from "../../src/db/migrations.js";
import { openDatabase, type Database } from "../../src/db/open-database.js";
import { DATABASES, type TestDatabase } from "../history/test-databases.js";
import { AUTHOR, ApprovalFlow, NUMBER, QA_POLICY } from "./approval-flow.js";
import { blobSha, type FakeRepo } from "./fake-repo.js";
import { requirements } from "./fixtures.js";
import { expectEveryRequestValidAndMade, type GitHubStandIn, useStandIn } from "./github.js";
import { checkRunRequestedAction, checkSuiteRerequested } from "./payloads.js";

let repo: FakeRepo;
let github: GitHubStandIn;
useStandIn((t) => ({ repo, github } = t));

let db: TestDatabase | undefined;
let opened: Promise<Database> | undefined;
let dir = "";
afterEach(async () => {
  if (opened) await (await opened).close();
  opened = undefined;
  await db?.dispose();
  db = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * An approval flow whose Apps all write to one fresh database (SOUP_GATE_DB or DATABASE_URL). They are loaded
 * as `probot receive` loads an App, without a server (Probot's addHandler throws): no page, events handled.
 */
async function flowOnDatabase(createDatabase: () => Promise<TestDatabase>): Promise<{ database: TestDatabase; env: Record<string, string>; flow: ApprovalFlow }> {
  const database = (db = await createDatabase());
  dir = mkdtempSync(join(tmpdir(), "soup-gate-scenario-"));
  const env = database.env;
  const flow = new ApprovalFlow(github, repo);
  flow.deps = { database: () => (opened ??= openDatabase(chooseDatabase(env, dir), { mode: "write", migrations: MIGRATIONS })) };
  return { database, env, flow };
}

describe.each(DATABASES)("the approval scenario writes the history, on %s", (_name, createDatabase) => {
  test("export lists the evaluation, the refused attempts with their actors, the QA approval and the invalidation after a dependency push; verify passes, and fails after one edited and after one deleted row", async () => {
    const { database, env, flow } = await flowOnDatabase(createDatabase);
    const h1 = flow.head;

    // 1. Opened: evaluated.
    await flow.push("d-1", { recordsRun: 7, approvalRun: 8 });
    const digest = flow.approvalRun().external_id!.slice(2);
    const click = (id: string, login: string) => flow.receive(id, checkRunRequestedAction({ headSha: h1, externalId: `2:${digest}`, sender: { login } }));
    // 2. The author, then an admin outside QA: refused. 3. QA approves.
    flow.attemptReads().commits(h1).attemptWrites(8);
    await click("d-2", AUTHOR);
    flow.attemptReads().commits(h1).attemptWrites(8);
    github.teamMembership("qa", "ada", null);
    await click("d-3", "ada");
    flow.attemptReads().commits(h1).attemptWrites(8);
    github.teamMembership("qa", "quinn", "active");
    await click("d-4", "quinn");
    // 4. A dependency push: the approval is invalidated, the new head evaluated.
    const h2 = repo.commit({ "requirements.txt": requirements({ numpy: "2.1.1", timm: "1.0.24" }) }, h1);
    await flow.push("d-5", { head: h2, before: h1, recordsRun: 9, approvalRun: 10, pusher: AUTHOR });
    expect(flow.approvalRun(h2)).toMatchObject({ output: { title: "Approval invalidated by new changes" } });
    expectEveryRequestValidAndMade();

    const exported = await cli(["history", "export", "--format", "json"], { env, cwd: dir });
    expect(exported.code).toBe(0);
    const { entries } = JSON.parse(exported.stdout) as { entries: Array<{ seq: number; entry: Record<string, any> }> };
    expect(entries.map((e) => [e.seq, e.entry.kind, e.entry.actor, e.entry.headSha, e.entry.delivery])).toEqual([
      [1, "evaluation", "soup-gate", h1, "d-1"],
      [2, "refusal", AUTHOR, h1, "d-2"],
      [3, "refusal", "ada", h1, "d-3"],
      [4, "approval", "quinn", h1, "d-4"],
      [5, "invalidation", "soup-gate", h2, "d-5"],
      [6, "evaluation", "soup-gate", h2, "d-5"],
    ]);
    const [evaluation, refusedAuthor, refusedAdmin, approval, invalidation] = entries.map((e) => e.entry);
    expect(evaluation).toMatchObject({
      repository: "acme/device",
      pullRequest: NUMBER,
      digest,
      conclusion: "success",
      changes: [{ ecosystem: "pypi", name: "timm", kind: "upgraded", from: "1.0.22", to: "1.0.24", lockfile: "requirements.txt", record: "docs/soup/timm.md", recordBlob: expect.stringMatching(/^[0-9a-f]{40}$/) }],
      // The blob of .github/soup.yml the policy was read from, as git names it.
      policyBlob: blobSha(QA_POLICY),
      checkRunUrl: "https://github.com/acme/device/runs/7",
    });
    expect(refusedAuthor).toMatchObject({ command: "approve", via: "button", digest, reason: "@dev opened this pull request and may not approve its own SOUP changes" });
    expect(refusedAdmin).toMatchObject({ command: "approve", via: "button", reason: "@ada is not an authorised SOUP reviewer (approval is open to members of team qa)" });
    expect(approval).toMatchObject({ digest, via: "button", basis: "member of team qa", checkRunUrl: "https://github.com/acme/device/runs/8" });
    expect(invalidation).toMatchObject({ fromDigest: digest, toDigest: flow.approvalRun(h2).external_id!.slice(2), approver: "quinn", approvedCommit: h1 });

    // Each SOUP records run holds the chain head after its evaluation: entries 1 and 6.
    const recordsRuns = github.checkRuns.runs.filter((r) => r.name === "SOUP records");
    expect(recordsRuns.map((r) => r.output?.text?.match(/entry (\d+) sha256/)?.[1])).toEqual(["1", "6"]);
    writeFileSync(join(dir, "runs.json"), JSON.stringify({ check_runs: recordsRuns }));
    expect(await cli(["history", "verify", "--witnesses", "runs.json"], { env, cwd: dir })).toMatchObject({ code: 0, stdout: expect.stringContaining("intact: 6 entries") });

    await database.tamper("update history_entries set entry = replace(entry, '\"quinn\"', '\"mallory\"') where seq = 4");
    expect(await cli(["history", "verify"], { env, cwd: dir })).toMatchObject({ code: 1, stdout: expect.stringContaining("broken at entry 4: entry 4 does not match its hash") });
    await database.tamper("update history_entries set entry = replace(entry, '\"mallory\"', '\"quinn\"') where seq = 4");
    expect(await cli(["history", "verify"], { env, cwd: dir })).toMatchObject({ code: 0 });
    await database.tamper("delete from history_entries where seq = 3");
    expect(await cli(["history", "verify"], { env, cwd: dir })).toMatchObject({ code: 1, stdout: expect.stringContaining("broken at entry 3: entry 3 is missing") });
  });
});

describe.each(DATABASES)("a re-run that moves the approved digest, on %s", (_name, createDatabase) => {
  test("the history records the invalidation of the approval on that same head, then the evaluation", async () => {
    const { env, flow } = await flowOnDatabase(createDatabase);
    await flow.push("d-1", { recordsRun: 7, approvalRun: 8 });
    // A push that upgrades numpy too; QA approves both changes there.
    const h2 = repo.commit({ "requirements.txt": requirements({ numpy: "2.1.1", timm: "1.0.24" }) }, flow.head);
    await flow.push("d-2", { head: h2, before: flow.head, recordsRun: 9, approvalRun: 10, pusher: AUTHOR });
    const approved = flow.approvalRun(h2).external_id!.slice(2);
    flow.attemptReads(h2).commits(flow.head, h2).attemptWrites(10, h2);
    github.teamMembership("qa", "quinn", "active");
    await flow.receive("d-3", checkRunRequestedAction({ headSha: h2, externalId: `2:${approved}`, sender: { login: "quinn" } }));
    expect(flow.approvalRun(h2)).toMatchObject({ conclusion: "success" });

    // The default branch's policy now ignores numpy: a re-run of the same head checks timm alone.
    flow.policy = `${QA_POLICY}ignore:\n  - { ecosystem: pypi, name: numpy, reason: vendored build }\n`;
    github.token().pull(NUMBER, h2, flow.base).createCheckRun(11, h2);
    flow.evaluationReads(h2).comment(h2);
    github.approvalRuns(h2).createApprovalRun(12, h2).updateCheckRun(11);
    await flow.receive("d-4", checkSuiteRerequested({ headSha: h2, pullRequests: [NUMBER] }));
    const now = flow.approvalRun(h2).external_id!.slice(2);
    expect(now).not.toBe(approved);
    expect(flow.approvalRun(h2)).toMatchObject({ id: 12, output: { title: "Approval invalidated by new changes" } });
    expectEveryRequestValidAndMade();

    const { entries } = JSON.parse((await cli(["history", "export", "--format", "json"], { env, cwd: dir })).stdout) as { entries: Array<{ entry: Record<string, any> }> };
    expect(entries.slice(-2).map((e) => [e.entry.kind, e.entry.headSha, e.entry.delivery])).toEqual([
      ["invalidation", h2, "d-4"],
      ["evaluation", h2, "d-4"],
    ]);
    expect(entries[entries.length - 2]!.entry).toMatchObject({ fromDigest: approved, toDigest: now, approver: "quinn", approvedCommit: h2 });
  });
});
