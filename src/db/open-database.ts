import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import Cursor from "pg-cursor";
import { DatabaseError } from "./database-error.js";
import { describeError } from "./describe-error.js";
import { hideSecrets, type DatabaseTarget } from "./database-target.js";
import { ImmediateSqliteDialect } from "./immediate-sqlite-dialect.js";
import { applyMigrations, assertMigrated } from "./migrate.js";
import type { DialectName, SchemaMigration } from "./schema-migration.js";

/**
 * One open database with its schema up to date. Kysely is the one query layer for both: it has a dialect
 * for better-sqlite3 and for pg, compiles one query to each one's SQL (placeholders, quoting), and brings a
 * migrator that records what it applied; hand-written SQL would need two spellings of every query.
 */
export interface Database {
  kysely: Kysely<any>;
  dialect: DialectName;
  /** Where it is, for messages: a file path, or the server URL with its password masked. */
  label: string;
  /** A `DatabaseError` saying what failed where, with no secret in it. */
  fail(doing: string, error: unknown): DatabaseError;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `write` (the App) creates the file and applies migrations; `read` (an auditor's command) changes nothing. */
  mode: "write" | "read";
  migrations: readonly SchemaMigration[];
  /** Told when an idle PostgreSQL connection breaks (pg drops it and opens another on the next query). */
  onConnectionError?: (error: DatabaseError) => void;
  /** How long an SQLite writer waits for another process's write lock (default 10 s). */
  busyTimeoutMs?: number;
  /** PostgreSQL connections kept open (default 5). */
  maxConnections?: number;
}

export async function openDatabase(target: DatabaseTarget, options: OpenDatabaseOptions): Promise<Database> {
  const dialect: DialectName = target.kind;
  const fail = (doing: string, error: unknown, hint = "") =>
    new DatabaseError(`${doing} ${target.label}: ${hideSecrets(target, describeError(error))}${hint}`, { cause: error });
  const kysely =
    target.kind === "sqlite"
      ? new Kysely<any>({ dialect: new ImmediateSqliteDialect({ database: await openSqlite(target.path, options, fail) }) })
      : connectPostgres(target, options);
  const step = async (doing: string, run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      await kysely.destroy().catch(() => {});
      throw fail(doing, error);
    }
  };
  if (target.kind === "postgres") await step("cannot reach the database", () => sql`select 1`.execute(kysely));
  if (options.mode === "write") await step("cannot set up the database", () => applyMigrations(kysely, dialect, options.migrations));
  else await step("cannot read the database", () => assertMigrated(kysely, dialect, options.migrations));
  return { kysely, dialect, label: target.label, fail, close: () => kysely.destroy() };
}

type Fail = (doing: string, error: unknown, hint?: string) => DatabaseError;

async function openSqlite(path: string, options: OpenDatabaseOptions, fail: Fail): Promise<BetterSqlite3.Database> {
  if (options.mode === "write") {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw fail(`cannot create the folder ${dirname(path)} for the database`, error);
    }
  } else if (!existsSync(path)) {
    throw new DatabaseError(`no soup-gate database at ${path}: set SOUP_GATE_DB to the SQLite file, or DATABASE_URL to the PostgreSQL server`);
  }
  let sqlite: BetterSqlite3.Database | undefined;
  try {
    const busyTimeoutMs = options.busyTimeoutMs ?? 10_000;
    sqlite = new BetterSqlite3(path, { readonly: options.mode === "read", fileMustExist: options.mode === "read", timeout: busyTimeoutMs });
    // Reading the schema version fails at once on a file that is not an SQLite database.
    sqlite.pragma("schema_version");
    if (options.mode === "write") {
      if (sqlite.readonly) throw new Error("the file is read-only");
      // WAL: readers (the history page, an export) never wait for a writer, nor a writer for them.
      await switchToWal(sqlite, busyTimeoutMs);
      // An entry is on disk when its append returns, also after a power cut.
      sqlite.pragma("synchronous = FULL");
    }
    sqlite.pragma("foreign_keys = ON");
    return sqlite;
  } catch (error) {
    sqlite?.close();
    const code = String((error as { code?: unknown }).code ?? "");
    const hint = /^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/.test(code) ? " (this user must be able to write the file and its folder)" : "";
    throw fail("cannot open the database", error, hint);
  }
}

/**
 * When two processes open a new file at once, SQLite answers SQLITE_BUSY at once to the one that does not
 * get to switch it to WAL, without waiting its busy timeout as it does for reads and writes: wait here.
 */
async function switchToWal(sqlite: BetterSqlite3.Database, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      sqlite.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "SQLITE_BUSY" || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

function connectPostgres(target: Extract<DatabaseTarget, { kind: "postgres" }>, options: OpenDatabaseOptions): Kysely<any> {
  // Idle connections do not hold the process open: `probot receive` and the command line end once their work
  // is done, instead of waiting for the pool's idle timeout; a server is held open by its socket anyway.
  const pool = new pg.Pool({ connectionString: target.url, max: options.maxConnections ?? 5, connectionTimeoutMillis: 10_000, allowExitOnIdle: true });
  // Without a listener, an idle connection that the server closes would crash the process.
  const report = options.onConnectionError ?? ((error: DatabaseError) => console.error(`soup-gate: ${error.message}`));
  pool.on("error", (error) => report(new DatabaseError(`a connection to ${target.label} failed: ${hideSecrets(target, describeError(error))}`)));
  return new Kysely<any>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
}
