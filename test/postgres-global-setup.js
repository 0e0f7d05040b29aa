// Starts a private, throwaway PostgreSQL server for the history store's tests, from the PostgreSQL the
// machine has installed (Debian: /usr/lib/postgresql/<version>/bin), in a temporary folder, listening on a
// Unix socket only, and hands its URL to the tests as TEST_DATABASE_URL. With TEST_DATABASE_URL already set
// (a server of your own, where the tests may create schemas and roles), nothing is started.
//
// When PostgreSQL is missing or will not start, the run goes on and every PostgreSQL test fails with the
// reason and the install command (TEST_DATABASE_ERROR): the other tests still report, and nothing passes
// by skipping the PostgreSQL half.
import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const INSTALL_HINT =
  "Install PostgreSQL's server (Debian/Ubuntu: apt-get update && apt-get install -y postgresql; macOS: brew install postgresql), or set TEST_DATABASE_URL to a PostgreSQL server where the tests may create schemas and roles.";

export default async function startPostgres() {
  if (process.env.TEST_DATABASE_URL) return;
  try {
    const server = startServer();
    globalThis.__soupGatePostgres = server;
    process.env.TEST_DATABASE_URL = server.url;
  } catch (error) {
    process.env.TEST_DATABASE_ERROR = `The history store's PostgreSQL tests need a PostgreSQL server, and none could be started: ${error.message}\n${INSTALL_HINT}`;
  }
}

function startServer() {
  const bin = findBin();
  // initdb and postgres refuse to run as root (as this machine and CI do): run them as the postgres user
  // that Debian's package creates.
  const asRoot = process.getuid?.() === 0;
  const runAs = asRoot ? ["runuser", "-u", "postgres", "--"] : [];
  const dir = mkdtempSync(join(tmpdir(), "soup-gate-pg-"));
  if (asRoot) {
    let ids;
    try {
      ids = ["-u", "-g"].map((flag) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim()));
    } catch {
      throw new Error("running as root, PostgreSQL needs the user postgres to run as, and there is none");
    }
    chownSync(dir, ids[0], ids[1]);
  }
  const run = (tool, args) => {
    const [command, ...rest] = [...runAs, join(bin, tool), ...args];
    try {
      execFileSync(command, rest, { stdio: "pipe", encoding: "utf8" });
    } catch (error) {
      throw new Error(`${tool} failed: ${String(error.stderr || error.message).trim()}`);
    }
  };
  const data = join(dir, "data");
  run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  // Durability settings off: this server lives for one test run.
  const settings = `-k ${quote(dir)} -c listen_addresses= -p 5432 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run("pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-w", "-t", "60", "-o", settings, "start"]);
  watchForExit(bin, data, dir, runAs);
  return { bin, data, dir, runAs, url: `postgresql://postgres@/postgres?host=${encodeURIComponent(dir)}&port=5432` };
}

/** Debian's versioned folders (newest first), then whatever `pg_config` or the PATH names. */
function findBin() {
  const debian = "/usr/lib/postgresql";
  const versions = existsSync(debian) ? readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bin = join(debian, version, "bin");
    if (existsSync(join(bin, "initdb")) && existsSync(join(bin, "pg_ctl"))) return bin;
  }
  try {
    const bin = execFileSync("pg_config", ["--bindir"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    if (existsSync(join(bin, "initdb"))) return bin;
  } catch {
    // no pg_config: PostgreSQL is not installed
  }
  throw new Error("PostgreSQL's initdb and pg_ctl were not found (looked in /usr/lib/postgresql/*/bin and pg_config --bindir)");
}

/**
 * Stops the server and removes its folder when this test run's process ends, however it ends: a run
 * killed before its teardown must not leave a server behind.
 */
function watchForExit(bin, data, dir, runAs) {
  const stop = [...runAs, join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "stop"].map(quote).join(" ");
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ${stop} >/dev/null 2>&1; rm -rf ${quote(dir)}`;
  spawn("sh", ["-c", script], { detached: true, stdio: "ignore" }).unref();
}

function quote(text) {
  return `'${String(text).replace(/'/g, `'\\''`)}'`;
}

export function stopServer(server) {
  const [command, ...rest] = [...server.runAs, join(server.bin, "pg_ctl"), "-D", server.data, "-m", "fast", "-w", "stop"];
  try {
    execFileSync(command, rest, { stdio: "ignore" });
  } finally {
    rmSync(server.dir, { recursive: true, force: true });
  }
}
