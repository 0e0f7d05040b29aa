import { sql, type Kysely } from "kysely";
import type { DialectName, SchemaMigration } from "../db/schema-migration.js";

/**
 * The history's schema. Shipped migrations are never edited: a change is a new migration. Triggers refuse
 * every UPDATE and DELETE on the history (and TRUNCATE on PostgreSQL), so that no code sharing the
 * database can change it by mistake; `history verify` catches whoever removes them on purpose.
 */
export const HISTORY_MIGRATIONS: readonly SchemaMigration[] = [
  {
    name: "0001_history",
    async up(db: Kysely<any>, dialect: DialectName) {
      await db.schema
        .createTable("history_entries")
        .addColumn("seq", "integer", (c) => c.primaryKey().check(sql`seq > 0`))
        .addColumn("hash", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("repository_key", "text", (c) => c.notNull())
        .addColumn("pull_request", "integer", (c) => c.notNull())
        .addColumn("approver", "text")
        .addColumn("digest", "text")
        .addColumn("to_digest", "text")
        .addColumn("entry", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("history_entries_repository").on("history_entries").columns(["repository_key", "seq"]).execute();
      await db.schema.createIndex("history_entries_at").on("history_entries").column("at").execute();
      await db.schema.createIndex("history_entries_approver").on("history_entries").column("approver").execute();
      await db.schema
        .createTable("history_packages")
        .addColumn("seq", "integer", (c) => c.notNull().references("history_entries.seq"))
        .addColumn("repository_key", "text", (c) => c.notNull())
        .addColumn("digest", "text", (c) => c.notNull())
        .addColumn("ecosystem", "text", (c) => c.notNull())
        .addColumn("name_key", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("history_packages_pk", ["seq", "ecosystem", "name_key"])
        .execute();
      await db.schema.createIndex("history_packages_name").on("history_packages").columns(["name_key", "ecosystem"]).execute();
      await db.schema.createIndex("history_packages_digest").on("history_packages").columns(["repository_key", "digest"]).execute();
      for (const table of ["history_entries", "history_packages"]) await refuseChanges(db, dialect, table);
    },
  },
];

async function refuseChanges(db: Kysely<any>, dialect: DialectName, table: string): Promise<void> {
  const name = sql.id(`${table}_append_only`);
  if (dialect === "sqlite") {
    for (const event of ["update", "delete"]) {
      await sql`create trigger ${sql.id(`${table}_no_${event}`)} before ${sql.raw(event)} on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(`${table} is append-only`)}); end`.execute(db);
    }
    return;
  }
  await sql`create or replace function history_append_only() returns trigger language plpgsql as $$
    begin raise exception '% is append-only', tg_table_name; end $$`.execute(db);
  await sql`create trigger ${name} before update or delete on ${sql.table(table)} for each row execute function history_append_only()`.execute(db);
  await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.table(table)} for each statement execute function history_append_only()`.execute(db);
}
