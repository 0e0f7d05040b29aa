import { deflateRawSync, inflateRawSync } from "node:zlib";
import { signValue, verifyValue } from "./sign-value.js";

/**
 * Who is signed in and which repositories they may see. The list is what GitHub said at sign-in; it is
 * trusted until the session expires, then the browser goes through GitHub again (without a prompt once
 * the user has authorised the App) and the list is fetched afresh. The user's GitHub token is not kept.
 */
export interface Session {
  login: string;
  /** `owner/name` of every repository both the user and this App can reach, sorted. */
  repositories: string[];
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** One hour: how long a lost access (a user leaving the organisation) can still show on the page. */
export const SESSION_TTL_SECONDS = 60 * 60;

const PURPOSE = "session";

/** The signed cookie value. The repository list is deflated: a few hundred names then fit one cookie. */
export function encodeSession(key: Buffer, session: Session): string {
  const json = JSON.stringify({ v: 1, l: session.login, r: session.repositories, e: session.expiresAt });
  return signValue(key, PURPOSE, deflateRawSync(json).toString("base64url"));
}

/** The session when the value is signed with the key, well-formed and not expired; else undefined. */
export function decodeSession(key: Buffer, value: string | undefined, now: number): Session | undefined {
  const payload = verifyValue(key, PURPOSE, value);
  if (payload === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(inflateRawSync(Buffer.from(payload, "base64url"), { maxOutputLength: 4 * 1024 * 1024 }).toString("utf8"));
  } catch {
    return undefined;
  }
  const d = data as { v?: unknown; l?: unknown; r?: unknown; e?: unknown };
  if (d.v !== 1 || typeof d.l !== "string" || typeof d.e !== "number" || !Array.isArray(d.r) || !d.r.every((r) => typeof r === "string")) return undefined;
  if (d.e <= now) return undefined;
  return { login: d.l, repositories: d.r as string[], expiresAt: d.e };
}
