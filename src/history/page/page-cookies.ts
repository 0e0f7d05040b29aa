import { parseCookie, stringifySetCookie } from "cookie";
import { HISTORY_PATH } from "./history-paths.js";

export const SESSION_COOKIE = "soup_gate_session";
export const SIGN_IN_COOKIE = "soup_gate_signin";

/**
 * A browser keeps at most about 4 KB per cookie, and proxies such as nginx refuse request header lines
 * over 8 KB by default: a session larger than one cookie is split over at most two.
 */
const CHUNK_LENGTH = 3800;
const MAX_CHUNKS = 2;

export interface CookieFlags {
  /** Set when the page is served over HTTPS. */
  secure: boolean;
}

export function readCookies(header: string | undefined): Record<string, string | undefined> {
  return header ? parseCookie(header) : {};
}

/** The session cookie's value, its chunks joined; undefined when a chunk is missing. */
export function readSessionCookie(cookies: Record<string, string | undefined>): string | undefined {
  const first = cookies[SESSION_COOKIE];
  if (!first) return undefined;
  let value = first;
  for (let i = 1; i < MAX_CHUNKS && cookies[chunkName(i)] !== undefined; i++) value += cookies[chunkName(i)];
  return value;
}

/** Set-Cookie headers for the session, or undefined when it is too large for the cookies a browser keeps. */
export function setSessionCookies(value: string, maxAgeSeconds: number, flags: CookieFlags): string[] | undefined {
  const chunks: string[] = [];
  for (let i = 0; i < value.length; i += CHUNK_LENGTH) chunks.push(value.slice(i, i + CHUNK_LENGTH));
  if (chunks.length > MAX_CHUNKS) return undefined;
  const headers = chunks.map((chunk, i) => cookie(chunkName(i), chunk, maxAgeSeconds, flags));
  // A shorter session than the last one: its stale second chunk would be read as part of this one.
  for (let i = chunks.length; i < MAX_CHUNKS; i++) headers.push(cookie(chunkName(i), "", 0, flags));
  return headers;
}

export function clearSessionCookies(flags: CookieFlags): string[] {
  return Array.from({ length: MAX_CHUNKS }, (_, i) => cookie(chunkName(i), "", 0, flags));
}

export function setSignInCookie(value: string, maxAgeSeconds: number, flags: CookieFlags): string {
  return cookie(SIGN_IN_COOKIE, value, maxAgeSeconds, flags);
}

export function clearSignInCookie(flags: CookieFlags): string {
  return cookie(SIGN_IN_COOKIE, "", 0, flags);
}

function chunkName(i: number): string {
  return i === 0 ? SESSION_COOKIE : `${SESSION_COOKIE}_${i}`;
}

/**
 * HttpOnly: no script reads it. SameSite=Lax: sent when GitHub redirects the browser back (a top-level
 * GET), never with a cross-site POST or sub-request. Path: only the page's own routes receive it.
 */
function cookie(name: string, value: string, maxAge: number, flags: CookieFlags): string {
  return stringifySetCookie({ name, value, maxAge, path: HISTORY_PATH, httpOnly: true, sameSite: "lax", secure: flags.secure });
}
