import type { Kysely } from "kysely";
import type { DialectName, SchemaMigration } from "../db/schema-migration.js";

/**
 * The work accepted but not yet done. `pull_request_jobs` holds one row per pull request (a newer push
 * replaces the head it holds); times are milliseconds since the epoch, and check run ids are 64-bit.
 * `webhook_deliveries` remembers the deliveries already accepted (with the job key: one re-run may name
 * several pull requests), so that a redelivery does nothing.
 */
export const JOB_MIGRATIONS: readonly SchemaMigration[] = [
  {
    name: "0002_jobs",
    async up(db: Kysely<any>, _dialect: DialectName) {
      await db.schema
        .createTable("pull_request_jobs")
        .addColumn("job_key", "text", (c) => c.primaryKey())
        .addColumn("installation_id", "bigint", (c) => c.notNull())
        .addColumn("repository", "text", (c) => c.notNull())
        .addColumn("pull_request", "integer", (c) => c.notNull())
        .addColumn("head_sha", "text", (c) => c.notNull())
        .addColumn("base_sha", "text", (c) => c.notNull())
        .addColumn("event", "text", (c) => c.notNull())
        .addColumn("delivery_id", "text", (c) => c.notNull())
        .addColumn("work", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("lease_owner", "text")
        .addColumn("lease_until", "bigint", (c) => c.notNull())
        .addColumn("not_before", "bigint", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("first_try_at", "bigint")
        .addColumn("run_id", "bigint")
        .addColumn("superseded", "text", (c) => c.notNull())
        .addColumn("last_error", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("pull_request_jobs_due").on("pull_request_jobs").columns(["lease_until", "not_before"]).execute();
      await db.schema
        .createTable("webhook_deliveries")
        .addColumn("delivery_id", "text", (c) => c.primaryKey())
        .addColumn("received_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("webhook_deliveries_received").on("webhook_deliveries").column("received_at").execute();
    },
  },
];
