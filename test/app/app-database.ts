import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MIGRATIONS } from "../../src/db/migrations.js";
import { openDatabase, type Database } from "../../src/db/open-database.js";

/** A fresh SQLite file for one App test, handed in as `deps.database`; `dispose` closes and deletes it. */
export interface AppDatabase {
  path: string;
  database: () => Promise<Database>;
  dispose(): Promise<void>;
}

export function appDatabase(): AppDatabase {
  const dir = mkdtempSync(join(tmpdir(), "soup-gate-app-"));
  const path = join(dir, "soup-gate.sqlite");
  let opened: Promise<Database> | undefined;
  return {
    path,
    database: () => (opened ??= openDatabase({ kind: "sqlite", path, label: path }, { mode: "write", migrations: MIGRATIONS })),
    async dispose() {
      if (opened) await (await opened).close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
