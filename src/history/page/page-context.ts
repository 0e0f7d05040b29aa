import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import type { HistoryStore } from "../store.js";
import { readCookies, readSessionCookie } from "./page-cookies.js";
import type { PageConfig } from "./read-page-config.js";
import { type Session, decodeSession } from "./session.js";
import type { GitHubSignIn } from "./sign-in-with-github.js";

export interface PageLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What every route of the page works with: the settings, the store, GitHub, the clock and the log. */
export interface PageContext {
  config: PageConfig;
  store: HistoryStore;
  signIn: GitHubSignIn;
  fetch: typeof globalThis.fetch | undefined;
  now: () => Date;
  log: PageLog;
}

/** One request as the routes see it. */
export interface PageRequest {
  req: IncomingMessage;
  url: URL;
  cookies: Record<string, string | undefined>;
  /** Cookies get `Secure`: see `isHttps`. */
  secure: boolean;
}

export function readPageRequest(req: IncomingMessage, config: PageConfig): PageRequest {
  return { req, url: new URL(req.url ?? "/", "http://soup-gate.invalid"), cookies: readCookies(req.headers.cookie), secure: isHttps(req, config) };
}

/**
 * Whether the browser reached the page over HTTPS. `SOUP_GATE_URL` decides when it is set (the address
 * users open, which a proxy in front of the App cannot misreport). Without it, a TLS socket or a proxy's
 * `X-Forwarded-Proto: https` says so. Trusting that header is safe in one direction only, the one that
 * matters: a forged header can add `Secure` to the forger's own cookies but never remove it from anyone's.
 */
export function isHttps(req: IncomingMessage, config: PageConfig): boolean {
  if (config.publicUrl) return config.publicUrl.protocol === "https:";
  if ((req.socket as Partial<TLSSocket>).encrypted === true) return true;
  const forwarded = req.headers["x-forwarded-proto"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim().toLowerCase();
  return first === "https";
}

export function readSession(context: PageContext, request: PageRequest): Session | undefined {
  return decodeSession(context.config.cookieKey, readSessionCookie(request.cookies), context.now().getTime());
}

/** The OAuth `redirect_uri`: the callback at `SOUP_GATE_URL`; without it GitHub uses the App's callback URL. */
export function callbackUrl(config: PageConfig, callbackPath: string): string | undefined {
  return config.publicUrl ? new URL(callbackPath, config.publicUrl).href : undefined;
}
