import { describe, expect, test } from "@jest/globals";
import { parseSetCookie } from "cookie";
import { SESSION_COOKIE, clearSessionCookies, readCookies, readSessionCookie, setSessionCookies } from "../../../src/history/page/page-cookies.js";
import { decodeSession, encodeSession } from "../../../src/history/page/session.js";
import { encodeSignInState, createSignInState } from "../../../src/history/page/sign-in-state.js";

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);
const now = Date.parse("2025-03-04T10:00:00Z");
const session = { login: "quinn", repositories: ["acme/device", "acme/qms"], expiresAt: now + 3_600_000 };

/** Repository names as an organisation has them: a few owners, names made of common words. */
function repositoryNames(count: number): string[] {
  const words = "infusion pump firmware device app api ui web mobile backend service tools ci docs qms records sdk cloud data pipeline model training inference edge gateway sensor monitor alarm config deploy infra helm test bench viewer dicom hl7 fhir adapter bridge auth portal admin report".split(" ");
  const owners = ["acme-medical", "acme-labs", "acme-imaging"];
  return Array.from({ length: count }, (_, i) => `${owners[i % 3]}/${words[(i * 7) % words.length]}-${words[(i * 13 + 5) % words.length]}-${i}`).sort();
}

/** The cookies a browser sends back after receiving these Set-Cookie headers. */
function browserSends(setCookies: string[]): Record<string, string | undefined> {
  const jar: Record<string, string> = {};
  for (const header of setCookies) {
    const c = parseSetCookie(header);
    if (c.maxAge === 0) delete jar[c.name];
    else jar[c.name] = c.value ?? "";
  }
  return readCookies(Object.entries(jar).map(([n, v]) => `${n}=${v}`).join("; "));
}

describe("the session cookie", () => {
  test("reads back the login and repositories it was given, until it expires", () => {
    const value = encodeSession(key, session);
    expect(decodeSession(key, value, now)).toEqual(session);
    expect(decodeSession(key, value, session.expiresAt - 1)).toEqual(session);
    expect(decodeSession(key, value, session.expiresAt)).toBeUndefined();
  });

  test("is refused when any character is changed", () => {
    const value = encodeSession(key, session);
    for (let i = 0; i < value.length; i += 5) {
      const flipped = value.slice(0, i) + (value[i] === "A" ? "B" : "A") + value.slice(i + 1);
      expect(decodeSession(key, flipped, now)).toBeUndefined();
    }
  });

  test("is refused when signed with another key, truncated, or empty", () => {
    const value = encodeSession(key, session);
    expect(decodeSession(otherKey, value, now)).toBeUndefined();
    expect(decodeSession(key, value.slice(0, -1), now)).toBeUndefined();
    expect(decodeSession(key, value.split(".")[0], now)).toBeUndefined();
    expect(decodeSession(key, "", now)).toBeUndefined();
    expect(decodeSession(key, undefined, now)).toBeUndefined();
  });

  test("a longer repository list cannot be spliced onto a valid signature", () => {
    const mine = encodeSession(key, session);
    const wider = encodeSession(otherKey, { ...session, repositories: [...session.repositories, "acme/secret"] });
    expect(decodeSession(key, `${wider.split(".")[0]}.${mine.split(".")[1]}`, now)).toBeUndefined();
  });

  test("a sign-in cookie signed with the same key is not a session", () => {
    const signIn = encodeSignInState(key, createSignInState("/soup-gate/history", now));
    expect(decodeSession(key, signIn, now)).toBeUndefined();
  });

  test("is HttpOnly, SameSite=Lax, limited to the page's path, expires with Max-Age, Secure only over HTTPS", () => {
    const value = encodeSession(key, session);
    const [plain] = setSessionCookies(value, 3600, { secure: false })!;
    const [secure] = setSessionCookies(value, 3600, { secure: true })!;
    expect(plain).toBe(`${SESSION_COOKIE}=${value}; Max-Age=3600; Path=/soup-gate/history; HttpOnly; SameSite=Lax`);
    expect(secure).toBe(`${SESSION_COOKIE}=${value}; Max-Age=3600; Path=/soup-gate/history; HttpOnly; Secure; SameSite=Lax`);
  });

  test("a list too large for one cookie (900 repositories) is split over two and read back whole", () => {
    const many = repositoryNames(900);
    const value = encodeSession(key, { ...session, repositories: many });
    expect(value.length).toBeGreaterThan(3800);
    const headers = setSessionCookies(value, 3600, { secure: true })!;
    expect(headers.every((h) => h.length < 4096)).toBe(true);
    expect(decodeSession(key, readSessionCookie(browserSends(headers)), now)?.repositories).toEqual(many);
  });

  test("a shorter session after a longer one drops the stale second part", () => {
    const many = repositoryNames(900);
    const long = setSessionCookies(encodeSession(key, { ...session, repositories: many }), 3600, { secure: false })!;
    const short = setSessionCookies(encodeSession(key, session), 3600, { secure: false })!;
    expect(decodeSession(key, readSessionCookie(browserSends([...long, ...short])), now)).toEqual(session);
  });

  test("a list too large for the cookies a browser keeps (2,000 repositories) is refused rather than cut", () => {
    const huge = repositoryNames(2000);
    expect(setSessionCookies(encodeSession(key, { ...session, repositories: huge }), 3600, { secure: false })).toBeUndefined();
  });

  test("signing out expires every part", () => {
    const headers = clearSessionCookies({ secure: false });
    expect(headers).toHaveLength(2);
    for (const h of headers) expect(parseSetCookie(h)).toMatchObject({ value: "", maxAge: 0, path: "/soup-gate/history", httpOnly: true });
  });
});
