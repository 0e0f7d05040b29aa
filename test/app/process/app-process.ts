import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { APP_ID } from "../check-runs.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const PROBOT = join(ROOT, "node_modules", "probot", "bin", "probot.js");
const BUILT_APP = join(ROOT, "lib", "index.js");
export const WEBHOOK_SECRET = "a secret for the process tests";
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });

/** Compiles the App as `npm run build` does, into lib/, which the processes run. */
export function buildApp(): void {
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const built = spawnSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json")], { cwd: ROOT, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stdout}${built.stderr}`);
}

export interface Delivery {
  id: string;
  name: string;
  payload: Record<string, unknown>;
}

/**
 * The built App run as `npm start` runs it (`probot run ./lib/index.js`), in a process of its own, against
 * a GitHub stand-in on this machine; deliveries are posted to its webhook path, signed as GitHub signs them.
 */
export class AppProcess {
  output = "";
  readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.stdout!.on("data", (chunk: Buffer) => (this.output += chunk.toString("utf8")));
    child.stderr!.on("data", (chunk: Buffer) => (this.output += chunk.toString("utf8")));
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  }

  /** Starts one App process; `database` is the SQLite file or the PostgreSQL URL the processes share. */
  static async start(github: string, database: { SOUP_GATE_DB: string } | { DATABASE_URL: string }, env: Record<string, string> = {}): Promise<AppProcess> {
    const port = await freePort();
    const cwd = mkdtempSync(join(tmpdir(), "soup-gate-process-"));
    const child = spawn(process.execPath, [PROBOT, "run", BUILT_APP], {
      cwd,
      env: {
        PATH: process.env.PATH ?? "",
        APP_ID: String(APP_ID),
        PRIVATE_KEY: privateKey,
        WEBHOOK_SECRET,
        HOST: "127.0.0.1",
        PORT: String(port),
        GHE_HOST: github,
        GHE_PROTOCOL: "http",
        OSV_API_URL: `http://${github}/osv`,
        LOG_LEVEL: "info",
        LOG_FORMAT: "json",
        SOUP_GATE_LEASE_SECONDS: "2",
        SOUP_GATE_RETRY_SECONDS: "1",
        ...database,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const app = new AppProcess(child, port);
    void app.exited.then(() => rmSync(cwd, { recursive: true, force: true }));
    await app.ready();
    return app;
  }

  /** Posts one delivery; resolves with the status the App answered. */
  async deliver(delivery: Delivery): Promise<number> {
    const body = JSON.stringify(delivery.payload);
    const response = await fetch(`http://127.0.0.1:${this.port}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": delivery.name,
        "x-github-delivery": delivery.id,
        "x-hub-signature-256": `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}`,
      },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  }

  /** Ends the process at once, as a crash or an out-of-memory kill would: nothing of it runs after this. */
  async kill(): Promise<void> {
    this.child.kill("SIGKILL");
    await this.exited;
  }

  /** Stops it as a deploy does (SIGTERM), waiting for it to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill("SIGTERM");
    await this.exited;
  }

  private async ready(): Promise<void> {
    for (let tries = 0; tries < 300; tries += 1) {
      if (this.child.exitCode !== null) throw new Error(`the App exited at start (${this.child.exitCode}):\n${this.output}`);
      const pong = await fetch(`http://127.0.0.1:${this.port}/ping`).then(
        (r) => r.ok,
        () => false,
      );
      if (pong) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the App did not answer /ping:\n${this.output}`);
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `done` until it holds (every 100 ms), or fails with what `describe` says after `limitMs`. */
export async function until(done: () => boolean, limitMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
