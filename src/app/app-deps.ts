import type { AdvisorySource } from "../anomalies/advisory.js";
import { createOsvApiSource, DEFAULT_OSV_API_URL } from "../anomalies/osv-api-source.js";
import { chooseDatabase } from "../db/database-target.js";
import { MIGRATIONS } from "../db/migrations.js";
import { openDatabase, type Database } from "../db/open-database.js";
import { createHistoryStore } from "../history/open-history-store.js";
import { assertWebhookSecret } from "./assert-webhook-secret.js";
import { createGitCaches, type GitCaches } from "./git-caches.js";
import { readJobSettings, type JobSettings } from "./job-settings.js";
import { PullRequestQueue } from "./pull-request-queue.js";
import { createHistoryWriter, type HistoryWriter } from "./record-history.js";

/**
 * What every event handler of one App process shares, created once at the entry and handed in, so that
 * tests can pass a fixed clock and a sleep that does not wait. Only caches keyed by content and the per-PR
 * queue live in memory; accepted evaluations are stored in the database, and each event reads the rest
 * from GitHub, so replicas and restarts agree.
 */
export interface AppDeps {
  /** The clock, read once per event. */
  now: () => Date;
  /** How the App waits, e.g. before retrying after a secondary rate limit. */
  sleep: (ms: number) => Promise<void>;
  /** Blobs, trees and comparisons: what never changes for its key, kept for the process's lifetime. */
  git: GitCaches;
  queue: PullRequestQueue;
  /** Secondary rate limits: how often to retry, and the longest wait worth holding an event for. */
  retry: { retries?: number; maxWaitSeconds?: number };
  /**
   * Published advisories: the OSV API at `OSV_API_URL`, created once so that its cache (by advisory id and
   * modified time) serves every evaluation of the process. Its requests count against no GitHub budget.
   */
  advisories: AdvisorySource;
  /**
   * soup-gate's own database (the history, and the work accepted but not yet done): PostgreSQL when
   * `DATABASE_URL` is set, else the SQLite file `SOUP_GATE_DB` or `.data/soup-gate.sqlite`. Opened on first
   * use, once per process, with its schema brought up to date; a failed opening is tried again next time.
   */
  database: () => Promise<Database>;
  /** The audit trail on `database`: every decision appended, a failed write retried in the background. */
  history: HistoryWriter;
  /** How accepted evaluations are stored and worked: leases, polling, retries, the bound on a stuck run. */
  jobs: JobSettings;
}

/** The collaborators of a running App; refuses to start in production without a real webhook secret. */
export function createAppDeps(overrides: Partial<AppDeps> = {}, env: Record<string, string | undefined> = process.env): AppDeps {
  assertWebhookSecret(env);
  const sleep = overrides.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const database = overrides.database ?? openOnce(() => openDatabase(chooseDatabase(env, process.cwd()), { mode: "write", migrations: MIGRATIONS }));
  return {
    now: overrides.now ?? (() => new Date()),
    sleep,
    git: overrides.git ?? createGitCaches(),
    queue: overrides.queue ?? new PullRequestQueue(),
    retry: overrides.retry ?? {},
    advisories: overrides.advisories ?? createOsvApiSource({ baseUrl: env.OSV_API_URL?.trim() || DEFAULT_OSV_API_URL }),
    database,
    history: overrides.history ?? createHistoryWriter(async () => createHistoryStore(await database()), sleep),
    jobs: overrides.jobs ?? readJobSettings(env),
  };
}

/** The first call opens; later calls share that opening, unless it failed. */
function openOnce(open: () => Promise<Database>): () => Promise<Database> {
  let opening: Promise<Database> | undefined;
  return () => {
    opening ??= open().catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };
}
