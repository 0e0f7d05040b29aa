import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { chooseDatabase } from "../../src/db/database-target.js";
import { MIGRATIONS } from "../../src/db/migrations.js";
import { openDatabase, type Database } from "../../src/db/open-database.js";
import type { PullRequestWork } from "../../src/jobs/job.js";
import { JobStore } from "../../src/jobs/job-store.js";
import { DATABASES, type TestDatabase } from "../history/test-databases.js";

const LEASE = 30_000;
const T = 1_780_000_000_000;

function work(overrides: Partial<PullRequestWork> = {}): PullRequestWork {
  return { installationId: 2, repository: "acme/device", pullRequest: 7, headSha: "a".repeat(40), baseSha: "b".repeat(40), event: "pull_request", deliveryId: "d-1", work: "{}", ...overrides };
}

describe.each(DATABASES)("the job store on %s", (_name, createDatabase) => {
  let db: TestDatabase;
  const opened: Database[] = [];
  const open = async () => {
    const database = await openDatabase(chooseDatabase(db.env, process.cwd()), { mode: "write", migrations: MIGRATIONS });
    opened.push(database);
    return new JobStore(database);
  };

  beforeEach(async () => {
    db = await createDatabase();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((d) => d.close()));
    await db.dispose();
  });

  it("accepts a delivery once: the same delivery again is a redelivery, another one for the same head is already queued", async () => {
    const store = await open();
    expect(await store.accept(work(), T)).toBe("accepted");
    expect(await store.accept(work(), T + 1)).toBe("redelivery");
    expect(await store.accept(work({ deliveryId: "d-2", event: "check_suite" }), T + 2)).toBe("already queued");
    expect((await store.list()).map((j) => [j.headSha, j.deliveryId, j.version])).toEqual([["a".repeat(40), "d-1", 1]]);
  });

  it("a head asked for again while its attempt waits out a backoff is due at once", async () => {
    const store = await open();
    await store.accept(work(), T);
    await store.retryLater((await store.claim("p1", T, LEASE))!, "p1", T + 60_000, "502");
    expect(await store.claim("p1", T + 1, LEASE)).toBeUndefined();
    expect(await store.accept(work({ deliveryId: "d-2", event: "check_run" }), T + 2)).toBe("already queued");
    expect(await store.claim("p1", T + 3, LEASE)).toMatchObject({ attempts: 2, lastError: "502" });
  });

  it("keeps one job per pull request: a newer head replaces the one waiting, and the run created for it is kept to complete", async () => {
    const store = await open();
    await store.accept(work(), T);
    const first = (await store.claim("p1", T, LEASE))!;
    await store.recordRun(first, 9_000_000_001);
    await store.retryLater(first, "p1", T + 60_000, "GitHub answered 502");

    expect(await store.accept(work({ headSha: "c".repeat(40), deliveryId: "d-2" }), T + 1)).toBe("accepted");

    const [job] = await store.list();
    expect(job).toMatchObject({ headSha: "c".repeat(40), version: 2, attempts: 0, runId: undefined, lastError: undefined, superseded: [{ head: "a".repeat(40), runId: 9_000_000_001 }] });
    // A newer head waits out no backoff of the older one's.
    expect(await store.claim("p1", T + 2, LEASE)).toMatchObject({ headSha: "c".repeat(40), attempts: 1 });
  });

  it("leases a job to one owner until the lease expires; the next owner sees the attempts before it", async () => {
    const store = await open();
    await store.accept(work(), T);
    expect(await store.claim("p1", T, LEASE)).toMatchObject({ attempts: 1, firstTryAt: T });
    expect(await store.claim("p2", T + LEASE - 1, LEASE)).toBeUndefined();
    expect(await store.claim("p2", T + LEASE, LEASE)).toMatchObject({ attempts: 2, firstTryAt: T });
    // The first owner lost it: it can neither renew nor release it.
    expect(await store.renew((await store.list())[0]!, "p1", T + LEASE + 1, LEASE)).toBe(false);
  });

  it("two stores claiming at once never hand one job to both", async () => {
    const [a, b] = [await open(), await open()];
    for (let n = 1; n <= 20; n += 1) await a.accept(work({ pullRequest: n, deliveryId: `d-${n}` }), T + n);
    const claims = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).claim(`p${i}`, T + 100, LEASE)));
    const claimed = claims.filter((job) => job !== undefined).map((job) => job.pullRequest);
    expect(new Set(claimed).size).toBe(claimed.length);
  });

  it("finishes only the version it worked: a head that replaced it meanwhile stays, free to claim", async () => {
    const store = await open();
    await store.accept(work(), T);
    const first = (await store.claim("p1", T, LEASE))!;
    await store.accept(work({ headSha: "c".repeat(40), deliveryId: "d-2" }), T + 1);
    await store.finish(first, "p1");
    expect(await store.claim("p1", T + 2, LEASE)).toMatchObject({ headSha: "c".repeat(40), version: 2 });
    const second = (await store.list())[0]!;
    await store.finish(second, "p1");
    expect(await store.list()).toEqual([]);
  });

  it("a failed attempt waits out its backoff and says why", async () => {
    const store = await open();
    await store.accept(work(), T);
    const job = (await store.claim("p1", T, LEASE))!;
    await store.retryLater(job, "p1", T + 5_000, "GitHub answered 502 to PATCH /check-runs/1");
    expect(await store.claim("p1", T + 4_999, LEASE)).toBeUndefined();
    expect(await store.claim("p1", T + 5_000, LEASE)).toMatchObject({ attempts: 2, lastError: "GitHub answered 502 to PATCH /check-runs/1" });
  });

  it("forgets superseded runs once completed, and delivery ids after their time", async () => {
    const store = await open();
    await store.accept(work(), T);
    const first = (await store.claim("p1", T, LEASE))!;
    await store.recordRun(first, 11);
    await store.retryLater(first, "p1", T, "502");
    await store.accept(work({ headSha: "c".repeat(40), deliveryId: "d-2" }), T + 1);
    const second = (await store.claim("p1", T + 2, LEASE))!;
    await store.forgetSuperseded(second, second.superseded);
    await store.finish(second, "p1");
    expect(await store.list()).toEqual([]);

    await store.forgetDeliveries(T + 1);
    expect(await store.accept(work(), T + 3)).toBe("accepted");
    expect(await store.accept(work({ headSha: "c".repeat(40), deliveryId: "d-2" }), T + 4)).toBe("redelivery");
  });
});
