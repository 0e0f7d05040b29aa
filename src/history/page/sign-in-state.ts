import { randomBytes, timingSafeEqual } from "node:crypto";
import { safeReturnPath } from "./history-paths.js";
import { signValue, verifyValue } from "./sign-value.js";

/**
 * The OAuth `state` of one sign-in, kept in a short-lived signed cookie of the browser that started it.
 * GitHub sends the state back on the callback; it must equal the cookie's. A callback carrying a state
 * issued to another browser (login CSRF: an attacker's own code pasted into a victim's browser) finds no
 * matching cookie there and is refused.
 */
export interface SignInState {
  state: string;
  /** The page (with its filters) to show once signed in. */
  returnTo: string;
  expiresAt: number;
}

/** Ten minutes to get through GitHub's sign-in and authorisation pages. */
export const SIGN_IN_TTL_SECONDS = 10 * 60;
const PURPOSE = "sign-in";

export function createSignInState(returnTo: string | null | undefined, now: number): SignInState {
  return { state: randomBytes(32).toString("base64url"), returnTo: safeReturnPath(returnTo), expiresAt: now + SIGN_IN_TTL_SECONDS * 1000 };
}

export function encodeSignInState(key: Buffer, signIn: SignInState): string {
  return signValue(key, PURPOSE, Buffer.from(JSON.stringify({ s: signIn.state, r: signIn.returnTo, e: signIn.expiresAt })).toString("base64url"));
}

export type StateCheck = { ok: true; returnTo: string } | { ok: false; reason: string };

/** Compares the callback's `state` with the browser's sign-in cookie. */
export function checkSignInState(key: Buffer, cookie: string | undefined, state: string | null, now: number): StateCheck {
  if (!state) return { ok: false, reason: "GitHub sent no state back." };
  const payload = verifyValue(key, PURPOSE, cookie);
  if (payload === undefined) return { ok: false, reason: "This browser did not start this sign-in, or its sign-in cookie was lost." };
  let data: { s?: unknown; r?: unknown; e?: unknown };
  try {
    data = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as typeof data;
  } catch {
    return { ok: false, reason: "The sign-in cookie is unreadable." };
  }
  if (typeof data.s !== "string" || typeof data.e !== "number") return { ok: false, reason: "The sign-in cookie is unreadable." };
  if (data.e <= now) return { ok: false, reason: "The sign-in took longer than ten minutes." };
  const expected = Buffer.from(data.s);
  const given = Buffer.from(state);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: "The sign-in GitHub answered was started in another browser or tab." };
  }
  return { ok: true, returnTo: safeReturnPath(typeof data.r === "string" ? data.r : undefined) };
}
