import { chooseDatabase } from "../db/database-target.js";
import { MIGRATIONS } from "../db/migrations.js";
import { HISTORY_MIGRATIONS } from "./history-migrations.js";
import { openDatabase, type Database, type OpenDatabaseOptions } from "../db/open-database.js";
import { SqlHistoryStore } from "./sql-history-store.js";
import type { HistoryStore } from "./store.js";

export interface OpenHistoryStoreOptions extends Partial<Pick<OpenDatabaseOptions, "mode" | "onConnectionError" | "busyTimeoutMs" | "maxConnections">> {
  /** Where a relative `SOUP_GATE_DB` (and the default `.data/soup-gate.sqlite`) is resolved; default the working directory. */
  cwd?: string;
}

/**
 * The history store the environment names: PostgreSQL when `DATABASE_URL` is set, else the SQLite file
 * `SOUP_GATE_DB`, else `.data/soup-gate.sqlite` (its folder is created). The schema is brought up to date
 * before it returns (`mode: "read"` instead checks it and changes nothing: for `history verify` and
 * `export`). Fails with a `DatabaseError` that says where and why — a server that cannot be reached, a file
 * that cannot be written — and never holds the database password.
 */
export async function openHistoryStore(env: Readonly<Record<string, string | undefined>>, options: OpenHistoryStoreOptions = {}): Promise<HistoryStore> {
  const { cwd = process.cwd(), mode = "write", ...rest } = options;
  // A reader needs only the history's own tables: a store the App last wrote before a later migration
  // (the jobs table) is read all the same, and a reader never migrates.
  const database = await openDatabase(chooseDatabase(env, cwd), { ...rest, mode, migrations: mode === "read" ? HISTORY_MIGRATIONS : MIGRATIONS });
  return new SqlHistoryStore(database);
}

/** The history on a database opened elsewhere (shared with other tables); closing the store leaves it open. */
export function createHistoryStore(database: Database): HistoryStore {
  return new SqlHistoryStore(database, false);
}
