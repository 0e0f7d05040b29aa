import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";

/** One empty database for one test: a temporary SQLite file, or a fresh schema on the test PostgreSQL. */
export interface TestDatabase {
  name: "SQLite" | "PostgreSQL";
  /** What soup-gate reads to find it: SOUP_GATE_DB or DATABASE_URL. */
  env: Record<string, string>;
  /** PostgreSQL: the schema the tables go to. */
  schema?: string;
  /** SQL run directly on the database, past the store: to look at what is stored, or to tamper with it. */
  run(statement: string): Promise<Array<Record<string, unknown>>>;
  /**
   * Runs statements as whoever tampers with the database would: with the append-only triggers and the
   * packages' foreign key out of the way first.
   */
  tamper(statements: string): Promise<void>;
  dispose(): Promise<void>;
}

export const DATABASES: Array<[TestDatabase["name"], () => Promise<TestDatabase>]> = [
  ["SQLite", sqliteDatabase],
  ["PostgreSQL", postgresDatabase],
];

export async function sqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "soup-gate-history-"));
  // A folder that does not exist yet: the store creates it.
  const path = join(dir, "data", "history.sqlite");
  const run = async (statement: string) => {
    const db = new BetterSqlite3(path, { timeout: 5000 });
    try {
      const prepared = db.prepare(statement);
      if (prepared.reader) return prepared.all() as Array<Record<string, unknown>>;
      prepared.run();
      return [];
    } catch (error) {
      // better-sqlite3's native part keeps the SqliteError class of the first test file that loaded it in
      // this worker, so in later files its errors are no Error of theirs and jest would not see them thrown.
      throw new Error((error as { message?: string }).message);
    } finally {
      db.close();
    }
  };
  return {
    name: "SQLite",
    env: { SOUP_GATE_DB: path },
    run,
    async tamper(statements) {
      const db = new BetterSqlite3(path, { timeout: 5000 });
      try {
        // Foreign keys are off on a connection unless it turns them on.
        for (const table of ["history_entries", "history_packages"]) {
          for (const event of ["update", "delete"]) db.exec(`drop trigger if exists ${table}_no_${event}`);
        }
        db.exec(statements);
      } finally {
        db.close();
      }
    },
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The server jest's global setup started (or TEST_DATABASE_URL); its absence fails the test, never skips it. */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error(process.env.TEST_DATABASE_ERROR ?? "TEST_DATABASE_URL is not set: jest's global setup (test/postgres-global-setup.js) did not run");
  return url;
}

export async function postgresDatabase(): Promise<TestDatabase> {
  const base = testDatabaseUrl();
  const schema = `test_${randomBytes(6).toString("hex")}`;
  await query(base, `create schema ${schema}`);
  const url = `${base}${base.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const run = (statement: string) => query(url, statement);
  return {
    name: "PostgreSQL",
    env: { DATABASE_URL: url },
    schema,
    run,
    async tamper(statements) {
      await run(
        `alter table history_entries disable trigger user; alter table history_packages disable trigger user;
         alter table history_packages drop constraint if exists history_packages_seq_fkey; ${statements}`,
      );
    },
    async dispose() {
      await query(base, `drop schema ${schema} cascade`);
    },
  };
}

async function query(url: string, statement: string): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(statement);
    return (Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows) as Array<Record<string, unknown>>;
  } finally {
    await client.end();
  }
}
