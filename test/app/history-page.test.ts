import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:net";
import { afterEach, describe, expect, test } from "@jest/globals";
import { pino } from "pino";
import { Probot, Server } from "probot";
import { createAppDeps } from "../../src/app/app-deps.js";
import { registerHistoryPage } from "../../src/app/history-page.js";
import { appDatabase, type AppDatabase } from "./app-database.js";
import { APP_ID } from "./check-runs.js";
import { KNOWS_NO_ADVISORY } from "./github.js";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
const ENV = { GITHUB_CLIENT_ID: "Iv1.testclient", GITHUB_CLIENT_SECRET: "client-secret-for-the-history-page-test", SESSION_SECRET: "s".repeat(40), SOUP_GATE_URL: "http://localhost" };

let server: Server | undefined;
let database: AppDatabase | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
  await database?.dispose();
  database = undefined;
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The App's page on Probot's own server (as `probot run` starts it), its log kept as text. */
async function startServer(): Promise<{ base: string; log: string[] }> {
  const log: string[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void log.push(line) });
  const port = await freePort();
  database = appDatabase();
  const deps = createAppDeps({ database: database.database, advisories: KNOWS_NO_ADVISORY });
  server = new Server({ Probot: Probot.defaults({ appId: APP_ID, privateKey }), log: logger, port, host: "127.0.0.1" });
  await server.load((app, options) => registerHistoryPage(app, options, deps, ENV));
  await server.start();
  return { base: `http://127.0.0.1:${port}`, log };
}

describe("the history page on the App's server", () => {
  test("is served at /soup-gate/history, and neither the session cookie nor a cookie it sets reaches the log", async () => {
    const { base, log } = await startServer();
    const secret = "soup_gate_session=very-secret-session-value";
    const page = await fetch(`${base}/soup-gate/history`, { headers: { cookie: secret, authorization: "token very-secret-token" }, redirect: "manual" });
    // The cookie is no valid session: an HTML request is sent to sign in.
    expect(page.status).toBe(302);
    const signIn = await fetch(`${base}/soup-gate/history/login`, { redirect: "manual" });
    expect(signIn.status).toBe(302);
    const setCookie = signIn.headers.getSetCookie();
    expect(setCookie.length).toBeGreaterThan(0);
    // A callback with a code but no matching sign-in state is refused; its code is not logged either.
    const callback = await fetch(`${base}/soup-gate/history/callback?code=secret-oauth-code&state=forged`, { redirect: "manual" });
    expect(callback.status).toBeGreaterThanOrEqual(400);

    const text = log.join("");
    expect(text).toContain("GET /soup-gate/history 302");
    expect(text).toContain("GET /soup-gate/history/login 302");
    expect(text).not.toContain("very-secret-session-value");
    expect(text).not.toContain("very-secret-token");
    expect(text).not.toContain("secret-oauth-code");
    expect(text).toContain("/soup-gate/history/callback?code=[redacted]&state=forged");
    for (const cookie of setCookie) expect(text).not.toContain(cookie.split(";")[0]!.split("=")[1]!);
  });

  test("under `probot receive`, whose addHandler throws, the page is off and the log says so", async () => {
    const log: string[] = [];
    const probot = new Probot({ appId: APP_ID, privateKey, log: pino({ level: "info" }, { write: (line: string) => void log.push(line) }) });
    database = appDatabase();
    const deps = createAppDeps({ database: database.database, advisories: KNOWS_NO_ADVISORY });
    // No OAuth client either: the page would complain of it, were it set up.
    await probot.load((app, options) => registerHistoryPage(app, options, deps, {}), { cwd: process.cwd(), addHandler: () => { throw new Error("No server instance"); } });
    expect(log.join("")).toContain("the history page (/soup-gate/history) is off: No server instance; events are still handled and the history written");
    // Nothing of the page is set up: its settings are not even read.
    expect(log.join("")).not.toContain("history page disabled");
  });
});
