import { Migrator, sql, type Kysely, type Migration } from "kysely";
import { DatabaseError } from "./database-error.js";
import { describeError } from "./describe-error.js";
import type { DialectName, SchemaMigration } from "./schema-migration.js";

const TABLES = { migrationTableName: "soup_gate_migrations", migrationLockTableName: "soup_gate_migrations_lock" };

/**
 * Applies every migration not yet recorded, in order, in one transaction; a second run is a no-op.
 * Concurrent starts serialise: Kysely takes an advisory lock on PostgreSQL, and on SQLite the transaction
 * holds the write lock (see `ImmediateSqliteDialect`). A database that records a migration this version
 * does not know (a newer soup-gate migrated it) is refused rather than used half-understood.
 */
export async function applyMigrations(db: Kysely<any>, dialect: DialectName, migrations: readonly SchemaMigration[]): Promise<void> {
  const { error, results } = await (await migrator(db, dialect, migrations)).migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === "Error")?.migrationName;
  const reason = describeError(error);
  throw new DatabaseError(failed ? `schema migration ${failed} failed: ${reason}` : `the schema could not be brought up to date: ${reason}`, { cause: error });
}

/** For readers that must not change the database (an auditor's read-only role): every migration must be there already. */
export async function assertMigrated(db: Kysely<any>, dialect: DialectName, migrations: readonly SchemaMigration[]): Promise<void> {
  const missing = (await (await migrator(db, dialect, migrations)).getMigrations()).filter((info) => info.executedAt === undefined);
  if (missing.length === 0) return;
  throw new DatabaseError(
    `it holds no soup-gate data or an older schema (not applied: ${missing.map((m) => m.name).join(", ")}); the App sets the schema up when it starts`,
  );
}

async function migrator(db: Kysely<any>, dialect: DialectName, migrations: readonly SchemaMigration[]): Promise<Migrator> {
  const table: Record<string, Migration> = {};
  for (const migration of migrations) table[migration.name] = { up: (trx) => migration.up(trx, dialect) };
  return new Migrator({ db, provider: { getMigrations: async () => table }, ...TABLES, ...(dialect === "postgres" ? { migrationTableSchema: await currentSchema(db) } : {}) });
}

/**
 * The PostgreSQL schema our tables go to (the first of `search_path` that exists). Kysely looks for its
 * migration table in every schema unless told which, so another schema's soup-gate tables in the same
 * database (staging beside production) would be taken for ours.
 */
async function currentSchema(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new DatabaseError("no schema of the search_path exists to hold the tables: create one, or set search_path");
  return schema;
}
