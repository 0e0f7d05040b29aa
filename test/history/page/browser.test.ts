import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { generateKeyPairSync } from "node:crypto";
import { type BrowserContext, type Locator, type Page, chromium } from "playwright-core";
import { Probot, Server } from "probot";
import { createHistoryHandler } from "../../../src/history/page/create-history-handler.js";
import type { HistoryStore } from "../../../src/history/store.js";
import { cli } from "../../../src/cli/main.js";
import { openHistoryStore } from "../../../src/history/open-history-store.js";
import { HOSTILE_TITLE, appendAll, auditScenario } from "./audit-scenario.js";
import { GitHubStandIn } from "./github-stand-in-server.js";

// The page as a QA manager uses it: real headless Chromium against the App's real Probot server, signing
// in through a stand-in for GitHub Enterprise Server's OAuth and API on another loopback port.

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const RESULTS = new URL("../../../test-results/", import.meta.url).pathname;
const CLIENT_ID = "Iv23liBrowserTest";
const CLIENT_SECRET = "6c1e0f2d9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d";
const APP_ID = 4242;

const QUINN = { login: "quinn", repositories: ["acme/infusion-pump", "acme/qms", "acme/secret-device"] };
const DANA = { login: "dana", repositories: ["acme/infusion-pump", "acme/qms"] };

let github: GitHubStandIn;
let server: Server;
let base: string;
let store: HistoryStore;
let database: string;
const temporary: string[] = [];
const dialogs: string[] = [];
const logged: string[] = [];

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A Chromium with a fresh profile of its own: one per person, as two people on two laptops. */
async function openBrowser(): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), "soup-gate-chromium-"));
  temporary.push(profile);
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, acceptDownloads: true, viewport: { width: 1366, height: 900 } });
  context.on("page", (page) => page.on("dialog", (d) => void (dialogs.push(d.message()), d.dismiss())));
  return context;
}

/** Opens `path`, is sent to GitHub's authorize page, clicks Authorize, and lands back on the page. */
async function signIn(context: BrowserContext, user: typeof QUINN, path: string): Promise<Page> {
  github.currentUser = user;
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("dialog", (d) => void (dialogs.push(d.message()), d.dismiss()));
  await page.goto(`${base}${path}`);
  await expect(page.title()).resolves.toBe("Authorize soup-gate");
  await page.getByRole("button", { name: "Authorize" }).click();
  await page.waitForURL(`${base}${path}`);
  await expect(texts(page.locator(".who")).then((t) => t.join(" | "))).resolves.toContain(`Signed in as @${user.login}`);
  return page;
}

/** The texts of the matched elements as a reader sees them, white space collapsed. */
async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
}

async function downloadCsv(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  return readFileSync((await download.path())!, "utf8");
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}; the history page's browser test needs it. Install it with: apt-get update && apt-get install -y chromium`);
  }
  mkdirSync(RESULTS, { recursive: true });
  github = new GitHubStandIn(CLIENT_ID, CLIENT_SECRET, APP_ID);
  await github.start();
  // The real store: SQLite in a file of its own, as SOUP_GATE_DB names it.
  const data = mkdtempSync(join(tmpdir(), "soup-gate-page-store-"));
  temporary.push(data);
  database = join(data, "history.sqlite");
  store = await openHistoryStore({ SOUP_GATE_DB: database });
  await appendAll(store, auditScenario(`http://${github.host}`));

  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const quiet = await new Probot({ appId: APP_ID, privateKey, logLevel: "fatal" }).ready();
  const port = await freePort();
  server = new Server({ Probot: Probot.defaults({ appId: APP_ID, privateKey, secret: "webhook-secret", logLevel: "fatal" }), host: "127.0.0.1", port, log: quiet.log });
  const env = { APP_ID: String(APP_ID), GITHUB_CLIENT_ID: CLIENT_ID, GITHUB_CLIENT_SECRET: CLIENT_SECRET, GHE_HOST: github.host, GHE_PROTOCOL: "http" };
  await server.load((_app, { addHandler }) => addHandler(createHistoryHandler({ store, env, log: { info: () => {}, warn: (m) => logged.push(m), error: (m) => logged.push(m) } })));
  await server.start();
  base = `http://127.0.0.1:${port}`;
  github.callbackUrl = `${base}/soup-gate/history/callback`;
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await github?.stop();
  await store?.close();
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe("the history page in Chromium", () => {
  test("a QA manager signs in, filters by package, opens a timeline and downloads its CSV", async () => {
    const context = await openBrowser();
    try {
      const page = await signIn(context, QUINN, "/soup-gate/history");
      await expect(page.locator("table.entries tbody tr").count()).resolves.toBe(15);
      // The hostile title is text on the page (its evaluation, approval and revocation rows), and no script of it ran.
      await expect(page.getByText(HOSTILE_TITLE).count()).resolves.toBe(3);
      await page.screenshot({ path: join(RESULTS, "history-entries.png"), fullPage: true });

      await page.getByLabel("Package").fill("timm");
      await page.getByRole("button", { name: "Apply filters" }).click();
      await page.waitForURL(/package=timm/);
      await expect(texts(page.locator("section.timeline h3"))).resolves.toEqual([
        expect.stringMatching(/^timm PyPI in acme\/infusion-pump/),
        expect.stringMatching(/^timm PyPI in acme\/secret-device/),
      ]);

      await page.getByRole("link", { name: "Open this timeline" }).first().click();
      await page.waitForURL(/repo=acme%2Finfusion-pump&package=timm/);
      const timeline = page.locator("section.timeline");
      await expect(timeline.count()).resolves.toBe(1);
      await expect(texts(timeline.locator(".path")).then((t) => t.join(" | "))).resolves.toBe("Versions 1.0.20 → 1.0.22 #31 → 1.0.24 #42");
      const pr42 = timeline.locator("ol.steps > li").nth(1);
      await expect(texts(pr42.locator(".step-head")).then((t) => t.join(" | "))).resolves.toMatch(/^1\.0\.22\s*→\s*1\.0\.24\s+#42 Bump timm from 1\.0\.22 to 1\.0\.24\s+approved by @quinn$/);
      const checks = await texts(pr42.locator("h4:text('Checks') + ul > li"));
      expect(checks).toEqual([expect.stringMatching(/^failed 2025-03-04 10:02 UTC at bbbbbbb\s+version-not-recorded docs\/soup\/timm\.md lists 1\.0\.22/), expect.stringMatching(/^passed 2025-03-04 13:20 UTC at ccccccc$/)]);
      const decisions = await texts(pr42.locator("h4:text('Approval') + ul > li"));
      expect(decisions).toEqual([
        "refused @alex-dev 2025-03-04 10:30 UTC: Approval through a /soup approve comment refused — @alex-dev opened this pull request and may not approve it",
        expect.stringMatching(/^approved by @quinn 2025-03-04 14:07 UTC through an approving review at ccccccc\s*member of team qa · “Changelog reviewed/),
      ]);
      await expect(pr42.getByRole("link", { name: "#42 Bump timm from 1.0.22 to 1.0.24" }).getAttribute("href")).resolves.toBe(`http://${github.host}/acme/infusion-pump/pull/42`);
      await expect(pr42.getByRole("link", { name: "ccccccc" }).first().getAttribute("href")).resolves.toBe(`http://${github.host}/acme/infusion-pump/runs/4203`);

      await page.screenshot({ path: join(RESULTS, "history-timeline.png"), fullPage: true });
      // The audit binder: the same view as Chromium prints it (A4 landscape, from the print stylesheet).
      await page.pdf({ path: join(RESULTS, "history-timeline.pdf"), preferCSSPageSize: true, printBackground: true });

      const csv = await downloadCsv(page);
      expect(csv.startsWith("\uFEFF")).toBe(true);
      const rows = csv.slice(1).trimEnd().split("\r\n");
      expect(rows[0]).toMatch(/^Seq,Time \(UTC\),Kind,Repository,Pull request,Title,/);
      expect(rows.slice(1).map((r) => r.split(",").slice(2, 5).join(" "))).toEqual([
        "evaluation acme/infusion-pump 31",
        "approval acme/infusion-pump 31",
        "evaluation acme/infusion-pump 42",
        "refusal acme/infusion-pump 42",
        "evaluation acme/infusion-pump 42",
        "approval acme/infusion-pump 42",
      ]);
      expect(csv).toContain("pypi timm 1.0.22 → 1.0.24");
      // The very file `soup-gate history export` prints for the same filters.
      const cliExport = await cli(["history", "export", "--repo", "acme/infusion-pump", "--package", "timm", "--format", "csv"], { env: { SOUP_GATE_DB: database }, cwd: tmpdir() });
      expect(cliExport).toMatchObject({ code: 0, stderr: "" });
      expect(csv).toBe(cliExport.stdout);
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  test("a user who cannot read a repository never sees its rows, on the page or in the download", async () => {
    const context = await openBrowser();
    try {
      const page = await signIn(context, DANA, "/soup-gate/history?package=timm");
      await expect(texts(page.locator("section.timeline h3"))).resolves.toEqual([expect.stringMatching(/^timm PyPI in acme\/infusion-pump/)]);
      await expect(texts(page.locator("#repo option"))).resolves.toEqual(["All (2)", "acme/infusion-pump", "acme/qms"]);
      expect(await page.content()).not.toMatch(/secret-device|Secret timm bump/);
      const csv = await downloadCsv(page);
      expect(csv).toContain("acme/infusion-pump");
      expect(csv).not.toContain("secret-device");

      await page.goto(`${base}/soup-gate/history?repo=acme/secret-device`);
      await expect(texts(page.locator(".problem")).then((t) => t.join(" | "))).resolves.toBe("acme/secret-device is not among the repositories you can read through soup-gate.");
      await expect(page.locator("table.entries").count()).resolves.toBe(0);
      const exported = await context.request.get(`${base}/soup-gate/history/export?format=json&repo=acme/secret-device`);
      expect(exported.status()).toBe(403);
      const everything = (await (await context.request.get(`${base}/soup-gate/history/export?format=json`)).json()) as { filter: { repositories: string[] }; entries: Array<{ entry: { repository: string } }> };
      expect(everything.filter.repositories).toEqual(DANA.repositories);
      expect(new Set(everything.entries.map((e) => e.entry.repository))).toEqual(new Set(["acme/infusion-pump"]));

      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(texts(page.locator("h1")).then((t) => t.join(" | "))).resolves.toBe("Signed out");
      expect((await context.request.get(`${base}/soup-gate/history/export?format=csv`)).status()).toBe(401);
    } finally {
      await context.close();
    }
  }, 90_000);

  test("GitHub's side saw only valid requests, each with the user's token, and every token was revoked", () => {
    expect(github.problems).toEqual([]);
    expect(github.revoked).toHaveLength(2);
    expect(logged).toEqual([]);
  });
});
