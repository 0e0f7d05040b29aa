import { describe, expect, test } from "@jest/globals";
import { readPageConfig } from "../../../src/history/page/read-page-config.js";

const oauth = { GITHUB_CLIENT_ID: "Iv23liExample", GITHUB_CLIENT_SECRET: "0123456789abcdef0123456789abcdef01234567" };

function config(env: NodeJS.ProcessEnv) {
  const read = readPageConfig(env);
  if (!read.ok) throw new Error(read.problems.join(" "));
  return read.config;
}

describe("readPageConfig", () => {
  test("without an OAuth client the page is off, saying what to set", () => {
    expect(readPageConfig({})).toEqual({ ok: false, problems: [expect.stringContaining("GITHUB_CLIENT_ID is not set"), expect.stringContaining("GITHUB_CLIENT_SECRET is not set")] });
    expect(readPageConfig({ GITHUB_CLIENT_ID: "x", WEBHOOK_SECRET: "a-long-webhook-secret-that-is-not-enough" })).toMatchObject({ ok: false });
  });

  test("github.com by default; GHE_HOST and GHE_PROTOCOL as Probot reads them", () => {
    expect(config(oauth)).toMatchObject({ webUrl: "https://github.com", apiUrl: "https://api.github.com" });
    expect(config({ ...oauth, GHE_HOST: "ghe.acme.example" })).toMatchObject({ webUrl: "https://ghe.acme.example", apiUrl: "https://ghe.acme.example/api/v3" });
    expect(config({ ...oauth, GHE_HOST: "ghe.acme.example:8443", GHE_PROTOCOL: "http" })).toMatchObject({ webUrl: "http://ghe.acme.example:8443", apiUrl: "http://ghe.acme.example:8443/api/v3" });
    expect(readPageConfig({ ...oauth, GHE_HOST: "x", GHE_PROTOCOL: "ftp" })).toEqual({ ok: false, problems: ['GHE_PROTOCOL is "ftp"; it must be https or http.'] });
  });

  test("SESSION_SECRET signs the cookies when set; else a key derived from the client secret, never from WEBHOOK_SECRET", () => {
    const derived = config(oauth);
    expect(derived.cookieKeySource).toBe("GITHUB_CLIENT_SECRET");
    expect(derived.cookieKey.equals(Buffer.from(oauth.GITHUB_CLIENT_SECRET))).toBe(false);
    expect(config({ ...oauth, WEBHOOK_SECRET: "development" }).cookieKey).toEqual(derived.cookieKey);
    const own = config({ ...oauth, SESSION_SECRET: "s".repeat(40) });
    expect(own.cookieKeySource).toBe("SESSION_SECRET");
    expect(own.cookieKey).not.toEqual(derived.cookieKey);
    expect(config({ ...oauth, GITHUB_CLIENT_SECRET: "another-secret", SESSION_SECRET: "s".repeat(40) }).cookieKey).toEqual(own.cookieKey);
  });

  test("a short SESSION_SECRET is refused", () => {
    expect(readPageConfig({ ...oauth, SESSION_SECRET: "changeme" })).toEqual({ ok: false, problems: [expect.stringContaining("SESSION_SECRET is 8 characters long; use at least 32")] });
  });

  test("SOUP_GATE_URL is the App's address without a path", () => {
    expect(config({ ...oauth, SOUP_GATE_URL: "https://soup-gate.acme.example/" }).publicUrl?.href).toBe("https://soup-gate.acme.example/");
    expect(readPageConfig({ ...oauth, SOUP_GATE_URL: "https://soup-gate.acme.example/app" })).toMatchObject({ ok: false });
    expect(readPageConfig({ ...oauth, SOUP_GATE_URL: "soup-gate.acme.example" })).toMatchObject({ ok: false });
  });

  test("APP_ID, when set, is a number", () => {
    expect(config({ ...oauth, APP_ID: "123456" }).appId).toBe(123456);
    expect(readPageConfig({ ...oauth, APP_ID: "soup" })).toMatchObject({ ok: false });
  });
});
