import { createHash } from "node:crypto";
import { MIGRATIONS } from "../../src/db/migrations.js";
import type { HistoryEntry } from "../../src/history/entry.js";
import { openHistoryStore } from "../../src/history/open-history-store.js";
import type { HistoryFilter, HistoryStore } from "../../src/history/store.js";
import { verifyChain } from "../../src/history/verify-chain.js";
import { approval, change, evaluation, invalidation, refusal, revocation } from "./entries.js";
import { auditorHash } from "./sorted-json.js";
import { DATABASES, type TestDatabase } from "./test-databases.js";

const ZEROS = "0".repeat(64);

describe.each(DATABASES)("the history store on %s", (_name, createDatabase) => {
  let db: TestDatabase | undefined;
  let store: HistoryStore | undefined;
  const open = () => openHistoryStore(db!.env);

  beforeEach(async () => {
    db = undefined;
    store = undefined;
    db = await createDatabase();
    store = await open();
  });
  afterEach(async () => {
    await store?.close();
    await db?.dispose();
  });

  const seqs = async (filter: HistoryFilter) => (await store!.list(filter)).map((e) => e.seq);

  it("starts empty", async () => {
    expect(await store!.head()).toBeUndefined();
    expect(await store!.list()).toEqual([]);
    const rows = [];
    for await (const row of store!.scan()) rows.push(row);
    expect(rows).toEqual([]);
  });

  it("numbers entries 1, 2, 3 and chains each to the one before: sha256(previous hash ‖ canonical JSON of {seq, entry})", async () => {
    const first = revocation();
    const heads = [await store!.append(first), await store!.append(evaluation()), await store!.append(approval())];

    // Written out by hand: sorted keys, no whitespace; the first previous hash is 64 zeros.
    const canonical =
      '{"entry":{"actor":"qa-lead","at":"2026-11-24T12:00:00.000Z","delivery":"72d3162e-cc78-11e3-81ab-4c9367dc0958",' +
      '"digest":"d1g35t0000000000000000000000000000000000000000000000000000000001","headSha":"c0ffee1c0ffee1c0ffee1c0ffee1c0ffee1c0ffe",' +
      '"kind":"revocation","pullRequest":42,"reason":"wrong pull request","repository":"legit-health/device","via":"comment"},"seq":1}';
    expect(heads[0]).toEqual({ seq: 1, hash: createHash("sha256").update(ZEROS + canonical).digest("hex") });
    expect(heads[1]).toEqual({ seq: 2, hash: auditorHash(heads[0]!.hash, 2, evaluation()) });
    expect(heads[2]).toEqual({ seq: 3, hash: auditorHash(heads[1]!.hash, 3, approval()) });
    expect(await store!.head()).toEqual(heads[2]);

    // Stored as the very text that was hashed.
    expect(await db!.run("select entry from history_entries where seq = 1")).toEqual([{ entry: canonical.slice('{"entry":'.length, -',"seq":1}'.length) }]);
    const scanned = [];
    for await (const row of store!.scan()) scanned.push(row);
    expect(scanned).toEqual([
      { ...heads[0], entry: first },
      { ...heads[1], entry: evaluation() },
      { ...heads[2], entry: approval() },
    ]);
  });

  it("keeps the chain when the store is opened again, applying its migrations only once", async () => {
    const second = (await store!.append(evaluation())) && (await store!.append(approval()));
    await store!.close();
    store = await open();
    const reopened = await openHistoryStore(db!.env);
    await reopened.close();

    expect(await store.append(invalidation())).toEqual({ seq: 3, hash: auditorHash(second.hash, 3, invalidation()) });
    expect(await verifyChain(store.scan())).toMatchObject({ intact: true, count: 3 });
    const applied = await db!.run("select name from soup_gate_migrations order by name");
    expect(applied.map((row) => row.name)).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it("serialises appends made at once: one unbroken chain", async () => {
    const entries = Array.from({ length: 25 }, (_, i) => approval({ delivery: `delivery-${i}` }));
    const heads = await Promise.all(entries.map((entry) => store!.append(entry)));
    expect(heads.map((h) => h.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await verifyChain(store!.scan())).toMatchObject({ intact: true, count: 25 });
  });

  it("refuses an entry it cannot file, and writes nothing", async () => {
    await expect(store!.append(approval({ at: "yesterday" }))).rejects.toThrow(/time must be an ISO timestamp with a zone, not "yesterday"/);
    await expect(store!.append(approval({ repository: "device" }))).rejects.toThrow(/repository must be owner\/name/);
    await expect(store!.append(approval({ pullRequest: 0 }))).rejects.toThrow(/pull request must be a positive number/);
    await expect(store!.append({ ...approval(), kind: "comment" } as unknown as HistoryEntry)).rejects.toThrow(/unknown history entry kind "comment"/);
    expect(await store!.head()).toBeUndefined();
    expect(await db!.run("select count(*) as n from history_entries")).toEqual([{ n: db!.name === "SQLite" ? 0 : "0" }]);
  });

  it("lets nothing update or delete an entry", async () => {
    await store!.append(evaluation());
    // Matched by message, not toThrow: better-sqlite3's native module builds its errors in the realm of the
    // test file that loaded it first, so in a later file of the same Jest worker they are not instances of Error.
    await expect(db!.run("update history_entries set kind = 'approval'")).rejects.toMatchObject({ message: expect.stringMatching(/history_entries is append-only/) });
    await expect(db!.run("delete from history_entries")).rejects.toMatchObject({ message: expect.stringMatching(/history_entries is append-only/) });
    await expect(db!.run("delete from history_packages")).rejects.toMatchObject({ message: expect.stringMatching(/history_packages is append-only/) });
    if (db!.name === "PostgreSQL") await expect(db!.run("truncate history_entries cascade")).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
    expect(await verifyChain(store!.scan())).toMatchObject({ intact: true, count: 1 });
  });

  describe("list", () => {
    const other = "legit-health/web";
    beforeEach(async () => {
      const d2 = invalidation().toDigest;
      const entries: HistoryEntry[] = [
        /* 1 */ evaluation(),
        /* 2 */ refusal(),
        /* 3 */ approval(),
        /* 4 */ evaluation({ repository: other, pullRequest: 7, at: "2026-11-24T13:00:00.000Z", digest: "d3", changes: [change({ ecosystem: "npm", name: "React", from: "18.3.1", to: "19.0.0", lockfile: "package-lock.json" })] }),
        /* 5: the same digest as 1, in another repository */ approval({ repository: other, pullRequest: 7, actor: "qa-lead", at: "2026-11-24T13:30:00.000Z" }),
        /* 6 */ invalidation(),
        /* 7 */ evaluation({ at: "2026-11-25T08:00:00.000Z", headSha: invalidation().headSha, digest: d2, changes: [change({ from: "1.0.24", to: "1.0.25" })] }),
        /* 8 */ revocation({ at: "2026-11-26T00:00:00.000Z", digest: d2 }),
      ];
      for (const entry of entries) await store!.append(entry);
    });

    it("returns the entries as they were appended, oldest first", async () => {
      const all = await store!.list();
      expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(all[2]!.entry).toEqual(approval());
      expect(all[3]!.entry.repository).toBe(other);
    });

    it.each<[string, HistoryFilter, number[]]>([
      ["a repository, in any case", { repository: "Legit-Health/Device" }, [1, 2, 3, 6, 7, 8]],
      ["the repositories a user may see", { repositories: [other] }, [4, 5]],
      ["no repository at all when a user may see none", { repositories: [] }, []],
      ["a PyPI package under any spelling (PEP 503), with the decisions on what checked it", { package: "TORCH.vision" }, [1, 2, 3, 6]],
      ["a package moved twice: both evaluations and every decision on them", { package: "timm" }, [1, 2, 3, 6, 7, 8]],
      ["an npm package by its exact name", { package: "React" }, [4]],
      ["an npm name compared with case", { package: "react" }, []],
      ["an approver, in any case, with invalidations of their approvals", { approver: "qa-lead" }, [3, 5, 6, 8]],
      ["a login written with @", { approver: "@dev-author" }, [2]],
      ["kinds", { kinds: ["approval", "refusal"] }, [2, 3, 5]],
      ["since a day (from its first moment, UTC)", { since: "2026-11-25" }, [6, 7, 8]],
      ["until a day (to its last moment, UTC)", { until: "2026-11-25" }, [1, 2, 3, 4, 5, 6, 7]],
      ["between two timestamps, both inclusive, in any zone", { since: "2026-11-24T12:15:00+01:00", until: "2026-11-25T08:00:00Z" }, [3, 4, 5, 6, 7]],
      ["every field at once", { repository: "legit-health/device", package: "timm", approver: "QA-LEAD", since: "2026-11-24" }, [3, 6, 8]],
    ])("narrows to %s", async (_what, filter, expected) => {
      expect(await seqs(filter)).toEqual(expected);
    });

    it("refuses a date it cannot read", async () => {
      await expect(store!.list({ since: "last week" })).rejects.toThrow('since must be a date as YYYY-MM-DD or a timestamp such as 2026-11-26T09:30:00Z, not "last week"');
      await expect(store!.list({ until: "2026-02-30" })).rejects.toThrow(RangeError);
    });
  });
});
