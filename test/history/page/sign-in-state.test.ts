import { describe, expect, test } from "@jest/globals";
import { checkSignInState, createSignInState, encodeSignInState, SIGN_IN_TTL_SECONDS } from "../../../src/history/page/sign-in-state.js";
import { signValue } from "../../../src/history/page/sign-value.js";

const key = Buffer.alloc(32, 3);
const now = Date.parse("2025-03-04T10:00:00Z");

describe("the OAuth state", () => {
  test("is random and unguessable for each sign-in", () => {
    const states = new Set(Array.from({ length: 50 }, () => createSignInState(null, now).state));
    expect(states.size).toBe(50);
    for (const s of states) expect(Buffer.from(s, "base64url")).toHaveLength(32);
  });

  test("the browser that started the sign-in is let in and sent back where it was", () => {
    const mine = createSignInState("/soup-gate/history?package=timm", now);
    expect(checkSignInState(key, encodeSignInState(key, mine), mine.state, now + 1000)).toEqual({ ok: true, returnTo: "/soup-gate/history?package=timm" });
  });

  test("a state issued to another browser is refused", () => {
    const mine = createSignInState(null, now);
    const theirs = createSignInState(null, now);
    const check = checkSignInState(key, encodeSignInState(key, mine), theirs.state, now);
    expect(check).toEqual({ ok: false, reason: "The sign-in GitHub answered was started in another browser or tab." });
  });

  test("a browser without the sign-in cookie is refused", () => {
    const theirs = createSignInState(null, now);
    expect(checkSignInState(key, undefined, theirs.state, now)).toMatchObject({ ok: false, reason: expect.stringContaining("did not start this sign-in") });
  });

  test("a sign-in older than ten minutes is refused", () => {
    const mine = createSignInState(null, now);
    expect(checkSignInState(key, encodeSignInState(key, mine), mine.state, now + SIGN_IN_TTL_SECONDS * 1000)).toMatchObject({ ok: false, reason: expect.stringContaining("ten minutes") });
  });

  test("a cookie forged without the key is refused, even with a matching state", () => {
    const forged = signValue(Buffer.alloc(32, 9), "sign-in", Buffer.from(JSON.stringify({ s: "x", r: "/soup-gate/history", e: now + 60_000 })).toString("base64url"));
    expect(checkSignInState(key, forged, "x", now)).toMatchObject({ ok: false });
  });

  test("no state from GitHub is refused", () => {
    const mine = createSignInState(null, now);
    expect(checkSignInState(key, encodeSignInState(key, mine), null, now)).toMatchObject({ ok: false, reason: "GitHub sent no state back." });
  });

  test.each([
    ["https://evil.example/soup-gate/history"],
    ["//evil.example/soup-gate/history"],
    ["/soup-gate/history/callback?code=x"],
    ["/soup-gate/historyx"],
    ["/probot"],
  ])("return address %s falls back to the page", (returnTo) => {
    expect(createSignInState(returnTo, now).returnTo).toBe("/soup-gate/history");
  });

  test("the export keeps its query as return address", () => {
    expect(createSignInState("/soup-gate/history/export?format=csv&package=timm", now).returnTo).toBe("/soup-gate/history/export?format=csv&package=timm");
  });
});
