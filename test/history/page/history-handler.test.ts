import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { parseSetCookie } from "cookie";
import nock from "nock";
import { createHistoryHandler } from "../../../src/history/page/create-history-handler.js";
import { requestProblems, resetRequestProblems } from "../../app/openapi.js";
import { approval, change, evaluation, refusal } from "../history-entries.js";
import { MemoryStore } from "../memory-store.js";
import { APP_ID, type Addresses, CLIENT_ID, CLIENT_SECRET, type GitHubUser, mockSignIn } from "./github-sign-in-mocks.js";
import { Browser, serve } from "./page-client.js";

const ENV = { GITHUB_CLIENT_ID: CLIENT_ID, GITHUB_CLIENT_SECRET: CLIENT_SECRET, APP_ID: String(APP_ID), WEBHOOK_SECRET: "development" };

const QUINN: GitHubUser = {
  login: "quinn",
  code: "code-for-quinn",
  token: "ghu_quinn",
  installations: [
    { id: 11, repositories: ["acme/device", "acme/secret-device", "acme/tools"] },
    // Another App's installation, and a suspended one of this App: neither grants anything.
    { id: 12, appId: 999, repositories: ["acme/other-app"] },
    { id: 13, suspended: true, repositories: ["acme/suspended"] },
  ],
};
const DANA: GitHubUser = { login: "dana", code: "code-for-dana", token: "ghu_dana", installations: [{ id: 11, repositories: ["acme/device", { fullName: "acme/secret-device", pull: false }] }] };

let store: MemoryStore;
let clock: Date;
let app: { base: string; close: () => Promise<void> };
let warnings: string[];

async function start(env: NodeJS.ProcessEnv = ENV): Promise<void> {
  warnings = [];
  const log = { info: () => {}, warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) };
  app = await serve(createHistoryHandler({ store, env, now: () => clock, log }));
}

beforeEach(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  resetRequestProblems();
  clock = new Date("2025-03-06T08:00:00Z");
  store = new MemoryStore();
  await store.append(evaluation({ changes: [change()], conclusion: "failure" }));
  await store.append(refusal());
  await store.append(approval());
  await store.append(evaluation({ repository: "acme/secret-device", pullRequest: 7, pullRequestTitle: "Secret timm bump", changes: [change({ from: "0.9.16", to: "1.0.24" })] }));
  await store.append(approval({ repository: "acme/secret-device", pullRequest: 7, actor: "rene" }));
  await start();
});

afterEach(async () => {
  await app.close();
  nock.cleanAll();
  nock.enableNetConnect();
});

/** Signs the browser in through the mocked GitHub, as the page's own redirects lead it. */
async function signIn(browser: Browser, user: GitHubUser, start = "/soup-gate/history", addresses?: Addresses, options?: { redirectUri?: string }): Promise<string> {
  const page = await browser.get(start);
  expect(page.status).toBe(302);
  const login = await browser.get(page.headers.get("location")!);
  expect(login.status).toBe(302);
  const authorize = new URL(login.headers.get("location")!);
  mockSignIn(user, addresses, options);
  const callback = await browser.get(`/soup-gate/history/callback?code=${user.code}&state=${encodeURIComponent(authorize.searchParams.get("state")!)}`);
  expect([callback.status, warnings]).toEqual([302, []]);
  expect(requestProblems).toStrictEqual([]);
  expect(nock.pendingMocks()).toStrictEqual([]);
  return callback.headers.get("location")!;
}

describe("anonymous", () => {
  test("a page request is redirected to sign-in, keeping its filters, and gets no data", async () => {
    const answer = await new Browser(app.base).get("/soup-gate/history?package=timm&repo=acme/device");
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/soup-gate/history/login?return=%2Fsoup-gate%2Fhistory%3Fpackage%3Dtimm%26repo%3Dacme%2Fdevice");
    expect(answer.body).toBe("");
    expect(store.asked).toEqual([]);
  });

  test("an export request gets 401 and no data", async () => {
    const answer = await new Browser(app.base).get("/soup-gate/history/export?format=csv");
    expect(answer.status).toBe(401);
    expect(answer.body).toBe("Not signed in. Sign in at /soup-gate/history/login first; the export holds only repositories you can read.\n");
    expect(store.asked).toEqual([]);
  });

  test("a forged or tampered session cookie counts as none", async () => {
    const browser = new Browser(app.base);
    await signIn(browser, QUINN);
    const value = browser.jar.get("soup_gate_session")!;
    browser.jar.set("soup_gate_session", `${value.slice(0, 10)}${value[10] === "A" ? "B" : "A"}${value.slice(11)}`);
    expect((await browser.get("/soup-gate/history/export")).status).toBe(401);
    expect((await browser.get("/soup-gate/history")).status).toBe(302);
  });
});

describe("sign-in", () => {
  test("sends the browser to GitHub's authorize page of the App's OAuth client with a state held in a short-lived cookie", async () => {
    const answer = await new Browser(app.base).get("/soup-gate/history/login?return=%2Fsoup-gate%2Fhistory%3Fpackage%3Dtimm");
    expect(answer.status).toBe(302);
    const url = new URL(answer.headers.get("location")!);
    expect(`${url.origin}${url.pathname}`).toBe("https://github.com/login/oauth/authorize");
    expect(url.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(url.searchParams.get("allow_signup")).toBe("false");
    expect(url.searchParams.has("redirect_uri")).toBe(false);
    expect(url.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(answer.setCookies).toHaveLength(1);
    expect(parseSetCookie(answer.setCookies[0]!)).toMatchObject({ name: "soup_gate_signin", maxAge: 600, path: "/soup-gate/history", httpOnly: true, sameSite: "lax" });
    expect(answer.setCookies[0]).not.toContain(url.searchParams.get("state")!);
  });

  test("signs in, revokes the token, and returns to the page asked for; the session cookie is signed, HttpOnly, SameSite=Lax and expires in an hour", async () => {
    const browser = new Browser(app.base);
    const back = await signIn(browser, QUINN, "/soup-gate/history?package=timm");
    expect(back).toBe("/soup-gate/history?package=timm");
    expect([...browser.jar.keys()]).toEqual(["soup_gate_session"]);
    expect(browser.jar.get("soup_gate_session")).not.toContain("ghu_quinn");
    const page = await browser.get(back);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Signed in as <strong>@quinn</strong> · 3 repositories");
  });

  test("the session's cookie attributes", async () => {
    const browser = new Browser(app.base);
    const login = await browser.get("/soup-gate/history/login");
    const state = new URL(login.headers.get("location")!).searchParams.get("state")!;
    mockSignIn(QUINN);
    const callback = await browser.get(`/soup-gate/history/callback?code=${QUINN.code}&state=${state}`);
    const cookies = callback.setCookies.map((c) => parseSetCookie(c));
    expect(cookies.map((c) => [c.name, c.maxAge])).toEqual([["soup_gate_signin", 0], ["soup_gate_session", 3600], ["soup_gate_session_1", 0]]);
    expect(cookies[1]).toMatchObject({ path: "/soup-gate/history", httpOnly: true, sameSite: "lax" });
    expect(cookies[1]!.secure).toBeFalsy();
  });

  test("a state issued to another browser is refused, and GitHub is never asked", async () => {
    const victim = new Browser(app.base);
    const attacker = new Browser(app.base);
    await victim.get("/soup-gate/history/login");
    const attackerLogin = await attacker.get("/soup-gate/history/login");
    const attackerState = new URL(attackerLogin.headers.get("location")!).searchParams.get("state")!;
    const answer = await victim.get(`/soup-gate/history/callback?code=attackers-code&state=${attackerState}`);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("The sign-in GitHub answered was started in another browser or tab.");
    expect(victim.jar.has("soup_gate_session")).toBe(false);
    expect(victim.jar.has("soup_gate_signin")).toBe(false);
    expect(warnings).toEqual(["history sign-in refused: The sign-in GitHub answered was started in another browser or tab."]);
  });

  test("a callback without any sign-in started in this browser is refused", async () => {
    const answer = await new Browser(app.base).get("/soup-gate/history/callback?code=x&state=y");
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("This browser did not start this sign-in");
  });

  test("a callback spends the sign-in cookie; a replayed code is refused by GitHub and the refusal shown", async () => {
    const browser = new Browser(app.base);
    const login = await browser.get("/soup-gate/history/login");
    const state = new URL(login.headers.get("location")!).searchParams.get("state")!;
    const signInCookie = browser.jar.get("soup_gate_signin")!;
    mockSignIn(QUINN);
    expect((await browser.get(`/soup-gate/history/callback?code=${QUINN.code}&state=${state}`)).status).toBe(302);
    expect(browser.jar.has("soup_gate_signin")).toBe(false);
    browser.jar.set("soup_gate_signin", signInCookie);
    // Replaying the spent cookie still matches the state: what stops the replay is GitHub's one-time code.
    nock("https://github.com").post("/login/oauth/access_token").reply(200, { error: "bad_verification_code", error_description: "The code passed is incorrect or expired.", error_uri: "https://docs.github.com" });
    const replay = await browser.get(`/soup-gate/history/callback?code=${QUINN.code}&state=${state}`);
    expect(replay.status).toBe(502);
    expect(replay.body).toContain("GitHub did not accept the sign-in");
    expect(replay.body).toContain("The code passed is incorrect or expired.");
  });

  test("a sign-in the user cancelled on GitHub says so", async () => {
    const browser = new Browser(app.base);
    await browser.get("/soup-gate/history/login");
    const answer = await browser.get("/soup-gate/history/callback?error=access_denied&error_description=The+user+has+denied+your+application+access.&state=x");
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("GitHub answered: The user has denied your application access.");
    expect(browser.jar.size).toBe(0);
  });

  test("GitHub failing to list the installations leaves the browser signed out, with the reason", async () => {
    const browser = new Browser(app.base);
    const login = await browser.get("/soup-gate/history/login");
    const state = new URL(login.headers.get("location")!).searchParams.get("state")!;
    nock("https://github.com").post("/login/oauth/access_token").reply(200, { access_token: "ghu_x", token_type: "bearer", scope: "" });
    nock("https://api.github.com").get("/user").reply(200, { login: "quinn" }).get("/user/installations").query(true).reply(503, { message: "Service unavailable" });
    nock("https://api.github.com").delete(`/applications/${CLIENT_ID}/token`).reply(204);
    const answer = await browser.get(`/soup-gate/history/callback?code=c&state=${state}`);
    expect(answer.status).toBe(502);
    expect(answer.body).toContain("GitHub did not say which repositories you can read: GitHub answered 503 to GET /user/installations");
    expect(browser.jar.size).toBe(0);
    expect(nock.pendingMocks()).toStrictEqual([]);
  });

  test("the session ends after an hour: the page sends the browser through sign-in again, the export answers 401", async () => {
    const browser = new Browser(app.base);
    await signIn(browser, QUINN);
    expect((await browser.get("/soup-gate/history")).status).toBe(200);
    clock = new Date(clock.getTime() + 3_600_000);
    expect((await browser.get("/soup-gate/history")).status).toBe(302);
    expect((await browser.get("/soup-gate/history/export")).status).toBe(401);
  });

  test("signing out clears the session; signing out needs a POST", async () => {
    const browser = new Browser(app.base);
    await signIn(browser, QUINN);
    expect((await browser.get("/soup-gate/history/logout")).status).toBe(405);
    const out = await browser.post("/soup-gate/history/logout");
    expect(out.status).toBe(200);
    expect(out.body).toContain("You are signed out of the SOUP history.");
    expect(browser.jar.size).toBe(0);
    expect((await browser.get("/soup-gate/history/export")).status).toBe(401);
  });
});

describe("who sees what", () => {
  test("the page shows rows of the repositories the user can read, and no others", async () => {
    const browser = new Browser(app.base);
    await signIn(browser, DANA);
    const page = await browser.get("/soup-gate/history");
    expect(page.status).toBe(200);
    expect(page.body).toContain("acme/device");
    expect(page.body).not.toContain("secret-device");
    expect(page.body).not.toContain("Secret timm bump");
    expect(store.asked).toEqual([{ repositories: ["acme/device"] }]);
  });

  test("a user who can read it sees the other repository too", async () => {
    const browser = new Browser(app.base);
    await signIn(browser, QUINN);
    const page = await browser.get("/soup-gate/history?package=timm");
    expect(page.body).toContain("Secret timm bump");
    expect(page.body).not.toContain("acme/other-app");
    expect(page.body).not.toContain("acme/suspended");
    expect(store.asked[0]).toEqual({ package: "timm", repositories: ["acme/device", "acme/secret-device", "acme/tools"] });
  });

  test("asking for a repository the user cannot read is refused, on the page and in the export", async () => {
    const browser = new Browser(app.base);
    await signIn(browser, DANA);
    const page = await browser.get("/soup-gate/history?repo=acme/secret-device");
    expect(page.status).toBe(403);
    expect(page.body).toContain("acme/secret-device is not among the repositories you can read through soup-gate.");
    expect(page.body).not.toContain("Secret timm bump");
    const exported = await browser.get("/soup-gate/history/export?format=csv&repo=acme/secret-device");
    expect(exported.status).toBe(403);
    expect(exported.body).toBe("acme/secret-device is not among the repositories you can read through soup-gate.\n");
    expect(store.asked).toEqual([]);
  });

  test("the CSV and JSON downloads hold the filtered view of readable repositories only", async () => {
    const browser = new Browser(app.base);
    await signIn(browser, DANA);
    const csv = await browser.get("/soup-gate/history/export?format=csv&package=timm");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="soup-gate-history-20250306-0800.csv"');
    const lines = csv.body.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    // The package's evaluation, and the decisions on what it checked.
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 5).join(" "))).toEqual([
      "1 2025-03-04T10:02:00.000Z evaluation acme/device 42",
      "2 2025-03-04T11:00:00.000Z refusal acme/device 42",
      "3 2025-03-04T14:07:00.000Z approval acme/device 42",
    ]);
    expect(csv.body).not.toContain("secret-device");

    const json = await browser.get("/soup-gate/history/export?format=json");
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const { filter, entries } = JSON.parse(json.body) as { filter: Record<string, unknown>; entries: Array<{ seq: number; entry: { repository: string; kind: string } }> };
    expect(filter).toEqual({ repository: null, repositories: ["acme/device"], package: null, approver: null, kinds: null, since: null, until: null });
    expect(entries.map((e) => [e.seq, e.entry.kind, e.entry.repository])).toEqual([
      [1, "evaluation", "acme/device"],
      [2, "refusal", "acme/device"],
      [3, "approval", "acme/device"],
    ]);
  });

  test("an unknown export format or a bad filter is a 400 naming it", async () => {
    const browser = new Browser(app.base);
    await signIn(browser, DANA);
    expect(await browser.get("/soup-gate/history/export?format=xlsx")).toMatchObject({ status: 400, body: "format=xlsx is not csv or json.\n" });
    expect(await browser.get("/soup-gate/history/export?since=yesterday")).toMatchObject({ status: 400, body: 'From date "yesterday" is not a date of the form YYYY-MM-DD.\n' });
  });
});

describe("settings", () => {
  test("without an OAuth client the page refuses to serve, saying what to set; the store is never read", async () => {
    await app.close();
    await start({ WEBHOOK_SECRET: "development" });
    const page = await new Browser(app.base).get("/soup-gate/history");
    expect(page.status).toBe(503);
    expect(page.body).toContain("The SOUP history is not set up");
    expect(page.body).toContain("GITHUB_CLIENT_ID is not set");
    const login = await new Browser(app.base).get("/soup-gate/history/login");
    expect(login.status).toBe(503);
    const exported = await new Browser(app.base).get("/soup-gate/history/export");
    expect(exported.status).toBe(503);
    expect(store.asked).toEqual([]);
    expect(warnings[0]).toContain("history page disabled: GITHUB_CLIENT_ID is not set");
  });

  test("behind an HTTPS proxy (X-Forwarded-Proto) the cookies are Secure", async () => {
    const answer = await new Browser(app.base).get("/soup-gate/history/login", { "x-forwarded-proto": "https" });
    expect(parseSetCookie(answer.setCookies[0]!).secure).toBe(true);
  });

  test("SOUP_GATE_URL decides Secure and the redirect_uri sent to GitHub", async () => {
    await app.close();
    await start({ ...ENV, SOUP_GATE_URL: "https://soup-gate.acme.example" });
    const browser = new Browser(app.base);
    const back = await signIn(browser, QUINN, "/soup-gate/history", undefined, { redirectUri: "https://soup-gate.acme.example/soup-gate/history/callback" });
    expect(back).toBe("/soup-gate/history");
    const plain = await new Browser(app.base).get("/soup-gate/history/login", { "x-forwarded-proto": "http" });
    expect(new URL(plain.headers.get("location")!).searchParams.get("redirect_uri")).toBe("https://soup-gate.acme.example/soup-gate/history/callback");
    expect(parseSetCookie(plain.setCookies[0]!).secure).toBe(true);
  });

  test("on GitHub Enterprise Server, sign-in, API and links use GHE_HOST", async () => {
    await app.close();
    await start({ ...ENV, GHE_HOST: "ghe.acme.example" });
    const browser = new Browser(app.base);
    const login = await browser.get("/soup-gate/history/login");
    expect(login.headers.get("location")).toMatch(/^https:\/\/ghe\.acme\.example\/login\/oauth\/authorize\?/);
    await signIn(new Browser(app.base), QUINN, "/soup-gate/history", { web: "https://ghe.acme.example", api: "https://ghe.acme.example/api/v3" });
    const signedIn = new Browser(app.base);
    await signIn(signedIn, DANA, "/soup-gate/history", { web: "https://ghe.acme.example", api: "https://ghe.acme.example/api/v3" });
    const page = await signedIn.get("/soup-gate/history");
    expect(page.body).toContain(`href="https://ghe.acme.example/acme/device/pull/42"`);
    expect(page.body).not.toContain("https://github.com/acme/device/pull/");
  });

  test("every answer forbids caching, scripts and framing", async () => {
    const browser = new Browser(app.base);
    await signIn(browser, DANA);
    for (const path of ["/soup-gate/history", "/soup-gate/history/export", "/soup-gate/history/login"]) {
      const answer = await browser.get(path);
      expect(answer.headers.get("cache-control")).toBe("no-store");
      expect(answer.headers.get("content-security-policy")).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self' https:\/\/github\.com; frame-ancestors 'none'; base-uri 'none'$/);
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  test("requests outside /soup-gate/history are left to the next handler; unknown ones inside get 404", async () => {
    const browser = new Browser(app.base);
    expect(await browser.get("/api/github/webhooks")).toMatchObject({ status: 404, body: "not the history page" });
    expect(await browser.get("/soup-gate/historyx")).toMatchObject({ status: 404, body: "not the history page" });
    const inside = await browser.get("/soup-gate/history/admin");
    expect(inside.status).toBe(404);
    expect(inside.body).toContain("The SOUP history is at /soup-gate/history.");
  });
});
