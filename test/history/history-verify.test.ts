import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "../../src/cli/main.js";
import { canonicalJson } from "../../src/history/canonical-json.js";
import { chainHash } from "../../src/history/chain-hash.js";
import type { ChainHead } from "../../src/history/entry.js";
import { openHistoryStore } from "../../src/history/open-history-store.js";
import { formatWitness } from "../../src/history/witness.js";
import { approval, evaluation, invalidation, refusal, revocation } from "./entries.js";
import { DATABASES, type TestDatabase } from "./test-databases.js";

describe.each(DATABASES)("soup-gate history verify on %s", (_name, createDatabase) => {
  let db: TestDatabase | undefined;
  let heads: ChainHead[] = [];
  const verify = () => cli(["history", "verify"], { env: db!.env, cwd: tmpdir() });

  beforeEach(async () => {
    db = undefined;
    db = await createDatabase();
    const store = await openHistoryStore(db.env);
    try {
      heads = [];
      // 1 evaluation, 2 refusal, 3 approval, 4 invalidation, 5 revocation
      for (const entry of [evaluation(), refusal(), approval(), invalidation(), revocation()]) heads.push(await store.append(entry));
    } finally {
      await store.close();
    }
  });
  afterEach(async () => {
    await db?.dispose();
  });

  it("exits 0 with one line naming the head when nothing was touched", async () => {
    const where = db!.name === "SQLite" ? db!.env.SOUP_GATE_DB : "postgresql://postgres@/postgres";
    expect(await verify()).toEqual({ code: 0, stdout: expect.stringMatching(/^History in .* intact: 5 entries, numbered 1 to 5 without a gap; head 5 [0-9a-f]{64}\.\n$/), stderr: "" });
    const { stdout } = await verify();
    expect(stdout).toContain(where);
    expect(stdout).toContain(`head 5 ${heads[4]!.hash}.`);
  });

  it("exits 1 naming an entry that was edited", async () => {
    await db!.tamper("update history_entries set entry = replace(entry, '\"QA-Lead\"', '\"qa-manager\"') where seq = 3");
    expect(await verify()).toMatchObject({ code: 1, stdout: expect.stringContaining("broken at entry 3: entry 3 does not match its hash") });
  });

  it("exits 1 naming an entry that was deleted", async () => {
    await db!.tamper("delete from history_entries where seq = 2");
    expect(await verify()).toMatchObject({ code: 1, stdout: expect.stringContaining("broken at entry 2: entry 2 is missing: the numbering jumps from 1 to 3") });
  });

  it("exits 1 naming an entry that was inserted, hash and all, with the later ones renumbered", async () => {
    const forged = approval({ actor: "forger", at: "2026-11-24T10:30:00.000Z" });
    await db!.tamper(`
      update history_entries set seq = seq + 100 where seq >= 3;
      update history_entries set seq = seq - 99 where seq >= 100;
      insert into history_entries (seq, hash, kind, at, repository_key, pull_request, approver, digest, entry)
        values (3, '${chainHash(heads[1]!.hash, 3, forged)}', 'approval', '${forged.at}', 'legit-health/device', 42, 'forger', '${forged.digest}', '${canonicalJson(forged)}');
    `);
    expect(await verify()).toMatchObject({ code: 1, stdout: expect.stringContaining("broken at entry 3: entry 3 was inserted: entry 4 still carries the hash it had as entry 3") });
  });

  it("exits 1 naming where two entries were swapped", async () => {
    await db!.tamper(`
      update history_entries set seq = 1000 where seq = 2;
      update history_entries set seq = 2 where seq = 3;
      update history_entries set seq = 3 where seq = 1000;
    `);
    expect(await verify()).toMatchObject({ code: 1, stdout: expect.stringContaining("broken at entry 2: entry 2 does not match its hash: it was changed or moved") });
  });

  it("exits 1 naming an entry whose data is no longer JSON", async () => {
    await db!.tamper(`update history_entries set entry = '{"kind":"approval",' where seq = 4`);
    expect(await verify()).toMatchObject({ code: 1, stdout: expect.stringMatching(/broken at entry 4: entry 4 cannot be read: its data is not valid JSON .*Entries 1 to 3 are intact\.\n$/) });
  });
});

describe.each(DATABASES)("soup-gate history verify --witnesses on %s", (_name, createDatabase) => {
  let db: TestDatabase | undefined;
  let heads: ChainHead[] = [];
  let dir = "";
  const verify = (file: string) => cli(["history", "verify", "--witnesses", file], { env: db!.env, cwd: dir });
  const append = async (entries: Parameters<Awaited<ReturnType<typeof openHistoryStore>>["append"]>[0][]) => {
    const store = await openHistoryStore(db!.env);
    try {
      const appended: ChainHead[] = [];
      for (const entry of entries) appended.push(await store.append(entry));
      return appended;
    } finally {
      await store.close();
    }
  };
  /** Two evaluations witnessed by their SOUP records runs, as GitHub lists a commit's check runs. */
  const runs = () => JSON.stringify({ total_count: 2, check_runs: [heads[0], heads[4]].map((head, i) => ({ id: 7 + i, name: "SOUP records", output: { title: "…", summary: "…", text: `Annotations…\n\nThe history holds this evaluation; ${formatWitness(head!)} (…).` } })) });

  beforeEach(async () => {
    db = await createDatabase();
    dir = mkdtempSync(join(tmpdir(), "soup-gate-witnesses-"));
    heads = await append([evaluation(), refusal(), approval(), invalidation(), evaluation({ headSha: "beefbeefbeefbeefbeefbeefbeefbeefbeefbeef" })]);
  });
  afterEach(async () => {
    await db?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("exits 0 when every witness matches: check runs as GitHub lists them, or NDJSON of chain heads", async () => {
    writeFileSync(join(dir, "runs.json"), runs());
    expect(await verify("runs.json")).toMatchObject({ code: 0, stdout: expect.stringMatching(/intact: 5 entries.*\nWitnesses: all 2 witnesses match the store\.\n$/) });
    writeFileSync(join(dir, "heads.ndjson"), heads.map((h) => JSON.stringify(h)).join("\n"));
    expect(await verify("heads.ndjson")).toMatchObject({ code: 0, stdout: expect.stringContaining("Witnesses: all 5 witnesses match the store.") });
  });

  it("exits 1 when the store was rewritten whole, its chain recomputed and intact", async () => {
    writeFileSync(join(dir, "runs.json"), runs());
    await db!.tamper("delete from history_packages; delete from history_entries");
    // The same entries, but QA-Lead's approval now by someone else: a chain that verifies on its own.
    await append([evaluation(), refusal(), approval({ actor: "someone-else" }), invalidation(), evaluation({ headSha: "beefbeefbeefbeefbeefbeefbeefbeefbeefbeef" })]);
    const result = await verify("runs.json");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("intact: 5 entries");
    expect(result.stdout).toContain("Witnesses: 1 of 2 witnesses do not match the store:");
    expect(result.stdout).toContain(`entry 5 is not what GitHub witnessed`);
    expect(result.stdout).toContain(`the check run ${heads[4]!.hash}; the history was rewritten at or before entry 5`);
  });

  it("exits 1 when the last entries were removed, which the chain alone cannot tell", async () => {
    writeFileSync(join(dir, "runs.json"), runs());
    await db!.tamper("delete from history_packages where seq = 5; delete from history_entries where seq = 5");
    const result = await verify("runs.json");
    expect(result).toMatchObject({ code: 1, stdout: expect.stringContaining("intact: 4 entries") });
    expect(result.stdout).toContain("entry 5, which a check run witnessed");
    expect(result.stdout).toContain("is not in the store, whose last entry is 4: entries were removed");
  });

  it("exits 2 on a witness file it cannot read, before opening the database", async () => {
    writeFileSync(join(dir, "bad.ndjson"), `${JSON.stringify(heads[0])}\n{"seq": 2, "hash": "abc"}\n`);
    expect(await verify("bad.ndjson")).toMatchObject({ code: 2, stderr: expect.stringContaining('line 2 of the witness file needs "seq" (an entry number) and "hash" (64 hex digits)') });
    writeFileSync(join(dir, "none.json"), JSON.stringify({ check_runs: [{ output: { text: "no witness" } }] }));
    expect(await verify("none.json")).toMatchObject({ code: 2, stderr: expect.stringContaining("it holds no witness") });
    expect(await verify("absent.json")).toMatchObject({ code: 2, stderr: expect.stringContaining("ENOENT") });
  });
});

describe("soup-gate history verify without a history", () => {
  it("exits 2 and creates nothing when the SQLite file does not exist", async () => {
    const path = join(tmpdir(), `soup-gate-absent-${process.pid}`, "soup-gate.sqlite");
    const result = await cli(["history", "verify"], { env: { SOUP_GATE_DB: path }, cwd: tmpdir() });
    expect(result).toEqual({ code: 2, stdout: "", stderr: `soup-gate: no soup-gate database at ${path}: set SOUP_GATE_DB to the SQLite file, or DATABASE_URL to the PostgreSQL server\n` });
    expect(existsSync(path)).toBe(false);
  });

  it("reads .data/soup-gate.sqlite in the working directory by default", async () => {
    const result = await cli(["history", "verify"], { env: {}, cwd: "/nonexistent-folder" });
    expect(result.stderr).toContain("no soup-gate database at /nonexistent-folder/.data/soup-gate.sqlite");
  });

  it("exits 2 on an option it does not know", async () => {
    expect(await cli(["history", "verify", "--fix"], { env: {}, cwd: tmpdir() })).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--fix'") });
  });
});
