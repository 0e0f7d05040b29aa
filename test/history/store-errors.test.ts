import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { cli } from "../../src/cli/main.js";
import { DatabaseError } from "../../src/db/database-error.js";
import { openDatabase } from "../../src/db/open-database.js";
import { HISTORY_MIGRATIONS } from "../../src/history/history-migrations.js";
import { createHistoryStore, openHistoryStore } from "../../src/history/open-history-store.js";
import { verifyChain } from "../../src/history/verify-chain.js";
import { approval, evaluation } from "./entries.js";
import { postgresDatabase, type TestDatabase } from "./test-databases.js";

const CHILD = fileURLToPath(new URL("./open-child.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Opens and appends in a process of a user who may not write `dir`: this one after taking the write bits
 * away, or, under root (which may write anything, as on CI), the postgres user the PostgreSQL tests need.
 */
function openAsUnprivileged(dir: string, env: Record<string, string>): { head?: unknown; error?: string } {
  chmodSync(dir, 0o555);
  const asRoot = process.getuid?.() === 0;
  const command = [...(asRoot ? ["runuser", "-u", "postgres", "--", "env"] : ["env"]), ...Object.entries(env).map(([k, v]) => `${k}=${v}`), process.execPath, "--import", "tsx", CHILD];
  try {
    return JSON.parse(execFileSync(command[0]!, command.slice(1), { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } })) as { head?: unknown; error?: string };
  } finally {
    chmodSync(dir, 0o755);
  }
}

/** What the App and the commands see when the history cannot be opened or written: a clear error, no secret, nothing half-written. */
describe("a history store that cannot be used", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "soup-gate-errors-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe("on PostgreSQL", () => {
    // Port 1 on this machine: nothing listens there, so the connection is refused at once.
    const url = "postgresql://soup:s3cret-Pa55@127.0.0.1:1/soup";

    it("says which server cannot be reached, with its password masked", async () => {
      const opening = openHistoryStore({ DATABASE_URL: url, SOUP_GATE_DB: join(dir, "h.sqlite") });
      await expect(opening).rejects.toThrow(DatabaseError);
      await expect(opening).rejects.toThrow(/^cannot reach the database postgresql:\/\/soup:\*\*\*@127\.0\.0\.1:1\/soup: connect ECONNREFUSED 127\.0\.0\.1:1$/);
    });

    it("never prints the password on the command line", async () => {
      const result = await cli(["history", "export"], { env: { DATABASE_URL: "postgres://auditor:p%40ss-w0rd@127.0.0.1:1/soup?sslmode=disable" }, cwd: dir });
      expect(result).toMatchObject({ code: 2, stdout: "" });
      expect(result.stderr).toContain("cannot reach the database postgres://auditor:***@127.0.0.1:1/soup: connect ECONNREFUSED");
      expect(result.stderr).not.toMatch(/p%40ss-w0rd|p@ss-w0rd/);
    });

    it("refuses a DATABASE_URL that is not PostgreSQL's without repeating it", async () => {
      await expect(openHistoryStore({ DATABASE_URL: "mysql://root:hunter2@db/soup" })).rejects.toThrow(
        /^DATABASE_URL must be a URL such as postgresql:\/\/user:password@host:5432\/database$/,
      );
    });

    describe("on a server it can reach", () => {
      let db: TestDatabase | undefined;
      beforeEach(async () => {
        db = undefined;
        db = await postgresDatabase();
      });
      afterEach(async () => {
        await db?.dispose();
      });

      it("fails an append on a read-only server (a standby) and leaves the chain as it was", async () => {
        const store = await openHistoryStore(db!.env);
        const head = await store.append(evaluation());
        await store.close();
        const readOnly = await openHistoryStore({ DATABASE_URL: `${db!.env.DATABASE_URL}${encodeURIComponent(" -c default_transaction_read_only=on")}` });
        try {
          await expect(readOnly.append(approval())).rejects.toThrow(/^cannot append to the history in postgresql:\/\/postgres@\/postgres\?host=.*: cannot execute INSERT in a read-only transaction$/);
          expect(await readOnly.head()).toEqual(head);
        } finally {
          await readOnly.close();
        }
      });

      it("lets an auditor's role that may only read verify and export, and nothing more", async () => {
        const store = await openHistoryStore(db!.env);
        await store.append(evaluation());
        await store.close();
        const role = `auditor_${db!.env.DATABASE_URL!.match(/test_([0-9a-f]+)/)![1]}`;
        await db!.run(`create role ${role} login; grant usage on schema ${db!.schema} to ${role}; grant select on all tables in schema ${db!.schema} to ${role}`);
        try {
          const env = { DATABASE_URL: db!.env.DATABASE_URL!.replace("postgresql://postgres@", `postgresql://${role}@`) };
          expect(await cli(["history", "verify"], { env, cwd: dir })).toMatchObject({ code: 0, stdout: expect.stringContaining("intact: 1 entry") });
          expect(JSON.parse((await cli(["history", "export", "--format", "json"], { env, cwd: dir })).stdout).entries).toHaveLength(1);
          const reader = await openHistoryStore(env, { mode: "read" });
          try {
            await expect(reader.append(approval())).rejects.toThrow(/cannot append to the history in .*: permission denied for table history_entries/);
          } finally {
            await reader.close();
          }
        } finally {
          await db!.run(`drop owned by ${role}; drop role ${role}`);
        }
      });

      it("tells a reader when the database holds no history yet", async () => {
        await expect(openHistoryStore(db!.env, { mode: "read" })).rejects.toThrow(
          /^cannot read the database postgresql:\/\/.*: it holds no soup-gate data or an older schema \(not applied: 0001_history\); the App sets the schema up when it starts$/,
        );
        expect(await db!.run("select count(*) as n from information_schema.tables where table_schema = current_schema()")).toEqual([{ n: "0" }]);
      });

      it("refuses a database a newer soup-gate has migrated", async () => {
        await (await openHistoryStore(db!.env)).close();
        await db!.run("insert into soup_gate_migrations (name, timestamp) values ('0999_future', '2027-01-01T00:00:00Z')");
        await expect(openHistoryStore(db!.env)).rejects.toThrow(/^cannot set up the database .*: the schema could not be brought up to date: corrupted migrations: .*0999_future/);
      });
    });
  });

  describe("on SQLite", () => {
    it("lets the commands read a history the App wrote before the jobs table existed, and leaves its schema as it was", async () => {
      const path = join(dir, "soup-gate.sqlite");
      const database = await openDatabase({ kind: "sqlite", path, label: path }, { mode: "write", migrations: HISTORY_MIGRATIONS });
      await createHistoryStore(database).append(evaluation());
      await database.close();
      const env = { SOUP_GATE_DB: path };
      expect(await cli(["history", "verify"], { env, cwd: dir })).toMatchObject({ code: 0, stdout: expect.stringContaining("intact: 1 entry") });
      expect(JSON.parse((await cli(["history", "export", "--format", "json"], { env, cwd: dir })).stdout).entries).toHaveLength(1);
      const sqlite = new BetterSqlite3(path, { readonly: true });
      try {
        expect(sqlite.prepare("select name from soup_gate_migrations order by name").all()).toEqual([{ name: "0001_history" }]);
      } finally {
        sqlite.close();
      }
    });

    it("says when the folder for the file cannot be created", async () => {
      writeFileSync(join(dir, "data"), "a file where the folder should be");
      const path = join(dir, "data", "soup-gate.sqlite");
      await expect(openHistoryStore({ SOUP_GATE_DB: path })).rejects.toThrow(`cannot create the folder ${join(dir, "data")} for the database ${path}: EEXIST: file already exists`);
    });

    it("says when this user may not create the folder", () => {
      const path = join(dir, "data", "soup-gate.sqlite");
      expect(openAsUnprivileged(dir, { SOUP_GATE_DB: path })).toEqual({ error: `cannot create the folder ${join(dir, "data")} for the database ${path}: EACCES: permission denied, mkdir '${join(dir, "data")}'` });
    });

    it("says when this user may not write the file, and leaves it as it was", async () => {
      const path = join(dir, "soup-gate.sqlite");
      const store = await openHistoryStore({ SOUP_GATE_DB: path });
      const head = await store.append(evaluation());
      await store.close();
      chmodSync(path, 0o444);
      expect(openAsUnprivileged(dir, { SOUP_GATE_DB: path })).toEqual({ error: `cannot open the database ${path}: attempt to write a readonly database (this user must be able to write the file and its folder)` });
      const reader = await openHistoryStore({ SOUP_GATE_DB: path }, { mode: "read" });
      expect(await reader.head()).toEqual(head);
      await reader.close();
    });

    it("says when the path is a folder", async () => {
      mkdirSync(join(dir, "history.sqlite"));
      await expect(openHistoryStore({ SOUP_GATE_DB: join(dir, "history.sqlite") })).rejects.toThrow(
        `cannot open the database ${join(dir, "history.sqlite")}: unable to open database file (this user must be able to write the file and its folder)`,
      );
    });

    it("leaves a file that is not a database alone", async () => {
      const path = join(dir, "notes.txt");
      writeFileSync(path, "Meeting notes, not a database.\n".repeat(200));
      await expect(openHistoryStore({ SOUP_GATE_DB: path })).rejects.toThrow(`cannot open the database ${path}: file is not a database`);
      expect(readFileSync(path, "utf8")).toBe("Meeting notes, not a database.\n".repeat(200));
    });

    it("resolves a relative SOUP_GATE_DB against the working directory and creates its folder", async () => {
      const store = await openHistoryStore({ SOUP_GATE_DB: "state/audit.sqlite" }, { cwd: dir });
      await store.append(evaluation());
      await store.close();
      // Closed before the folder goes: SQLite keeps per-file state by inode, and a connection left open on a
      // deleted file confuses the next file that gets the same inode in this process.
      const written = new BetterSqlite3(join(dir, "state", "audit.sqlite"), { readonly: true });
      try {
        expect(written.prepare("select count(*) as n from history_entries").get()).toEqual({ n: 1 });
      } finally {
        written.close();
      }
    });

    it("waits, rather than fails, while another process holds a new file's lock as it opens", async () => {
      // SQLite answers at once, without waiting, to a switch to WAL mode while another connection writes.
      const path = join(dir, "h.sqlite");
      const other = new BetterSqlite3(path);
      other.exec("begin immediate");
      const release = setTimeout(() => {
        other.exec("rollback");
        other.close();
      }, 300);
      try {
        const store = await openHistoryStore({ SOUP_GATE_DB: path });
        expect(await store.append(evaluation())).toMatchObject({ seq: 1 });
        await store.close();
      } finally {
        clearTimeout(release);
        if (other.open) other.close();
      }
      const locked = new BetterSqlite3(path);
      locked.exec("begin exclusive");
      try {
        await expect(openHistoryStore({ SOUP_GATE_DB: path }, { busyTimeoutMs: 200 })).rejects.toThrow(`cannot set up the database ${path}: the schema could not be brought up to date: database is locked`);
      } finally {
        locked.close();
      }
    });

    it("fails an append while another process keeps the file locked for too long, and writes nothing", async () => {
      const path = join(dir, "h.sqlite");
      const store = await openHistoryStore({ SOUP_GATE_DB: path }, { busyTimeoutMs: 200 });
      try {
        const head = await store.append(evaluation());
        const other = new BetterSqlite3(path);
        other.exec("begin immediate");
        try {
          await expect(store.append(approval())).rejects.toThrow(`cannot append to the history in ${path}: database is locked`);
        } finally {
          other.exec("rollback");
          other.close();
        }
        expect(await store.head()).toEqual(head);
        expect(await store.append(approval())).toMatchObject({ seq: 2 });
        expect(await verifyChain(store.scan())).toMatchObject({ intact: true, count: 2 });
      } finally {
        await store.close();
      }
    });
  });
});
