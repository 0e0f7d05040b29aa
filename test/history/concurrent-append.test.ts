import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import { MIGRATIONS } from "../../src/db/migrations.js";
import { openHistoryStore } from "../../src/history/open-history-store.js";
import { verifyChain } from "../../src/history/verify-chain.js";
import { DATABASES, type TestDatabase } from "./test-databases.js";

const CHILD = fileURLToPath(new URL("./append-child.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const EACH = 60;

/** A real second process (tsx runs the TypeScript sources), not a second connection of this one. */
function startChild(name: string, env: Record<string, string>): { child: ChildProcessWithoutNullStreams; ready: Promise<void>; done: Promise<void> } {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, name, String(EACH)], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: "", ...env } });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("ready\n")) resolve();
    });
    child.on("exit", () => reject(new Error(`${name} exited before it was ready: ${stderr}`)));
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on("exit", (code) => (code === 0 && stdout.includes("done\n") ? resolve() : reject(new Error(`${name} exited with ${code}: ${stderr}`))));
  });
  return { child, ready, done };
}

describe.each(DATABASES)("two processes on one %s database", (_name, createDatabase) => {
  let db: TestDatabase | undefined;
  beforeEach(async () => {
    db = undefined;
    db = await createDatabase();
  });
  afterEach(async () => {
    await db?.dispose();
  });

  it("set the schema up once and, appending at the same time, make one unbroken chain", async () => {
    // Both start on an empty database: both race to apply the migrations, then to append.
    const children = [startChild("qa-anna", db!.env), startChild("qa-ben", db!.env)];
    await Promise.all(children.map((c) => c.ready));
    for (const { child } of children) child.stdin.end("go\n");
    await Promise.all(children.map((c) => c.done));

    const applied = await db!.run("select name from soup_gate_migrations order by name");
    expect(applied.map((row) => row.name)).toEqual(MIGRATIONS.map((m) => m.name));
    const store = await openHistoryStore(db!.env, { mode: "read" });
    try {
      expect(await verifyChain(store.scan())).toMatchObject({ intact: true, count: 2 * EACH });
      const deliveries = (await store.list()).map((e) => e.entry.delivery);
      for (const name of ["qa-anna", "qa-ben"]) {
        // Each process's entries all there, once, in the order it appended them.
        expect(deliveries.filter((d) => d?.startsWith(`${name}-`))).toEqual(Array.from({ length: EACH }, (_, i) => `${name}-${i}`));
      }
    } finally {
      await store.close();
    }
  }, 60_000);
});
