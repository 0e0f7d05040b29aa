import { sql, type Kysely } from "kysely";
import type { Database } from "../db/open-database.js";
import { jobKey, type Job, type PullRequestWork, type SupersededRun } from "./job.js";

const JOBS = "pull_request_jobs";
const DELIVERIES = "webhook_deliveries";

/** What became of a delivery handed to `accept`. */
export type Acceptance =
  /** Stored: a new job, or a newer head replacing the one a job held. */
  | "accepted"
  /** The same head and base are already waiting or being worked: no second job; a waiting one is due now. */
  | "already queued"
  /** This delivery was accepted before for this pull request (GitHub redelivered it): nothing to do. */
  | "redelivery";

/**
 * The work accepted and not yet done, in soup-gate's database (SQLite or PostgreSQL, one code path through
 * Kysely). One row per pull request; a worker claims a row with a lease that expires, so that a process
 * that stops leaves its work to the next one, and two replicas never work one pull request at once.
 *
 * A claim is a single `UPDATE … WHERE lease expired RETURNING`, not `SELECT … FOR UPDATE SKIP LOCKED`:
 * SKIP LOCKED exists only on PostgreSQL, while a compare-and-set on the lease is atomic on both — SQLite
 * runs one writer at a time, and PostgreSQL re-checks the condition on the row it waited for, so of two
 * replicas racing for a row one gets it and the other gets nothing and tries again at its next poll.
 */
export class JobStore {
  constructor(private readonly database: Database) {}

  private get db(): Kysely<any> {
    return this.database.kysely;
  }

  /** Stores a delivery's work before the App answers it; a newer head replaces the one the job held. */
  async accept(work: PullRequestWork, now: number): Promise<Acceptance> {
    const key = jobKey(work);
    return this.db.transaction().execute(async (trx) => {
      const delivery = await trx
        .insertInto(DELIVERIES)
        .values({ delivery_id: `${work.deliveryId} ${key}`, received_at: now })
        .onConflict((oc) => oc.column("delivery_id").doNothing())
        .executeTakeFirst();
      if (Number(delivery.numInsertedOrUpdatedRows ?? 0) === 0) return "redelivery";
      const fresh = { ...columns(work), version: 1, lease_owner: null, lease_until: 0, not_before: 0, attempts: 0, first_try_at: null, run_id: null, superseded: "[]", last_error: null, created_at: now };
      const inserted = await trx
        .insertInto(JOBS)
        .values({ job_key: key, ...fresh })
        .onConflict((oc) => oc.column("job_key").doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return "accepted";
      const row = await trx
        .selectFrom(JOBS)
        .selectAll()
        .where("job_key", "=", key)
        .$if(this.database.dialect === "postgres", (q) => q.forUpdate())
        .executeTakeFirstOrThrow();
      if (row.head_sha === work.headSha && row.base_sha === work.baseSha) {
        // Someone asked again (a Re-run, a reopening): an attempt waiting out a backoff is tried now.
        await trx.updateTable(JOBS).set({ not_before: 0 }).where("job_key", "=", key).execute();
        return "already queued";
      }
      // The run an earlier attempt created at the older head completes naming this one.
      const superseded: SupersededRun[] = parseSuperseded(row.superseded);
      if (row.run_id !== null) superseded.push({ head: row.head_sha, runId: Number(row.run_id) });
      await trx
        .updateTable(JOBS)
        .set({ ...columns(work), version: Number(row.version) + 1, not_before: 0, attempts: 0, first_try_at: null, run_id: null, superseded: JSON.stringify(superseded), last_error: null })
        .where("job_key", "=", key)
        .execute();
      return "accepted";
    });
  }

  /**
   * Claims a job whose lease has expired (or was never taken) and whose backoff has passed — the one named
   * by `key`, or the longest waiting — for `leaseMs`; undefined when there is none to claim.
   */
  async claim(owner: string, now: number, leaseMs: number, key?: string): Promise<Job | undefined> {
    const due = this.db
      .selectFrom(JOBS)
      .select("job_key")
      .where("lease_until", "<=", now)
      .where("not_before", "<=", now)
      .$if(key !== undefined, (q) => q.where("job_key", "=", key!))
      .orderBy("not_before")
      .orderBy("created_at")
      .limit(1);
    const row = await this.db
      .updateTable(JOBS)
      .set({ lease_owner: owner, lease_until: now + leaseMs, attempts: sql`attempts + 1`, first_try_at: sql`coalesce(first_try_at, ${now})` })
      .where("job_key", "in", due)
      .where("lease_until", "<=", now)
      .where("not_before", "<=", now)
      .returningAll()
      .executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  /** Extends a lease this owner holds; false when it was lost (it expired and another process took it). */
  async renew(job: Job, owner: string, now: number, leaseMs: number): Promise<boolean> {
    const result = await this.db.updateTable(JOBS).set({ lease_until: now + leaseMs }).where("job_key", "=", job.key).where("lease_owner", "=", owner).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Remembers the run created for the job's head, so that a later attempt completes it. */
  async recordRun(job: Job, runId: number): Promise<void> {
    await this.db.updateTable(JOBS).set({ run_id: runId }).where("job_key", "=", job.key).where("version", "=", job.version).execute();
  }

  /** The superseded runs are completed: they are forgotten (a newer replacement may have added others). */
  async forgetSuperseded(job: Job, done: SupersededRun[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom(JOBS).select("superseded").where("job_key", "=", job.key).executeTakeFirst();
      if (!row) return;
      const left = parseSuperseded(row.superseded).filter((run) => !done.some((d) => d.runId === run.runId));
      await trx.updateTable(JOBS).set({ superseded: JSON.stringify(left) }).where("job_key", "=", job.key).execute();
    });
  }

  /** The work is done: the job goes, unless a newer head replaced it meanwhile (then only the lease goes). */
  async finish(job: Job, owner: string): Promise<void> {
    const removed = await this.db.deleteFrom(JOBS).where("job_key", "=", job.key).where("version", "=", job.version).where("superseded", "=", "[]").executeTakeFirst();
    if (Number(removed.numDeletedRows) > 0) return;
    await this.release(job, owner, 0, undefined);
  }

  /** The attempt failed: the job waits until `notBefore` (a newer head waits for nobody) and says why. */
  async retryLater(job: Job, owner: string, notBefore: number, error: string): Promise<void> {
    await this.release(job, owner, notBefore, error);
  }

  private async release(job: Job, owner: string, notBefore: number, error: string | undefined): Promise<void> {
    await this.db
      .updateTable(JOBS)
      .set({
        lease_owner: null,
        lease_until: 0,
        not_before: sql`case when version = ${job.version} then cast(${notBefore} as bigint) else 0 end`,
        last_error: sql`case when version = ${job.version} then ${error ?? null} else last_error end`,
      })
      .where("job_key", "=", job.key)
      .where("lease_owner", "=", owner)
      .execute();
  }

  /** Every job not yet done, oldest first: for tests, and an operator's look. */
  async list(): Promise<Job[]> {
    return (await this.db.selectFrom(JOBS).selectAll().orderBy("created_at").execute()).map(toJob);
  }

  /** Delivery ids older than `before` are forgotten: GitHub redelivers only within days. */
  async forgetDeliveries(before: number): Promise<void> {
    await this.db.deleteFrom(DELIVERIES).where("received_at", "<", before).execute();
  }
}

function columns(work: PullRequestWork) {
  return {
    installation_id: work.installationId,
    repository: work.repository,
    pull_request: work.pullRequest,
    head_sha: work.headSha,
    base_sha: work.baseSha,
    event: work.event,
    delivery_id: work.deliveryId,
    work: work.work,
  };
}

function parseSuperseded(text: unknown): SupersededRun[] {
  return JSON.parse(String(text)) as SupersededRun[];
}

/** PostgreSQL returns `bigint` columns as strings. */
function toJob(row: Record<string, any>): Job {
  return {
    key: String(row.job_key),
    installationId: Number(row.installation_id),
    repository: String(row.repository),
    pullRequest: Number(row.pull_request),
    headSha: String(row.head_sha),
    baseSha: String(row.base_sha),
    event: String(row.event),
    deliveryId: String(row.delivery_id),
    work: String(row.work),
    version: Number(row.version),
    attempts: Number(row.attempts),
    firstTryAt: Number(row.first_try_at),
    runId: row.run_id === null ? undefined : Number(row.run_id),
    superseded: parseSuperseded(row.superseded),
    lastError: row.last_error === null ? undefined : String(row.last_error),
  };
}
