import { hkdfSync } from "node:crypto";

/** What the page needs from the environment, checked once when the handler is made. */
export interface PageConfig {
  clientId: string;
  clientSecret: string;
  /** HMAC-SHA256 key of the session and sign-in cookies. */
  cookieKey: Buffer;
  /** Where the key came from, for the log: `SESSION_SECRET` or `GITHUB_CLIENT_SECRET`. */
  cookieKeySource: "SESSION_SECRET" | "GITHUB_CLIENT_SECRET";
  /** `https://github.com`, or `GHE_PROTOCOL://GHE_HOST` on GitHub Enterprise Server. */
  webUrl: string;
  /** `https://api.github.com`, or `GHE_PROTOCOL://GHE_HOST/api/v3`. */
  apiUrl: string;
  /** The App's public address (`SOUP_GATE_URL`): decides `Secure` cookies and the OAuth `redirect_uri`. */
  publicUrl: URL | undefined;
  /** This App's id: installations of other Apps never grant access. */
  appId: number | undefined;
}

export type PageConfigResult = { ok: true; config: PageConfig } | { ok: false; problems: string[] };

const MIN_SECRET_LENGTH = 32;

/**
 * Reads the page's settings. The cookie key is `SESSION_SECRET` when set, else derived from the OAuth
 * client secret — never from `WEBHOOK_SECRET`, whose Probot default (`development`) is public. Either
 * secret goes through HKDF with a label, so the key used for cookies is never the raw secret itself.
 */
export function readPageConfig(env: NodeJS.ProcessEnv): PageConfigResult {
  const problems: string[] = [];
  const clientId = env.GITHUB_CLIENT_ID?.trim() ?? "";
  const clientSecret = env.GITHUB_CLIENT_SECRET?.trim() ?? "";
  if (!clientId) problems.push("GITHUB_CLIENT_ID is not set: the App's OAuth client id (Probot's setup mode writes it to .env; else copy it from the App's settings page).");
  if (!clientSecret) problems.push("GITHUB_CLIENT_SECRET is not set: generate a client secret on the App's settings page.");
  const sessionSecret = env.SESSION_SECRET?.trim();
  if (sessionSecret !== undefined && sessionSecret !== "" && sessionSecret.length < MIN_SECRET_LENGTH) {
    problems.push(`SESSION_SECRET is ${sessionSecret.length} characters long; use at least ${MIN_SECRET_LENGTH} random characters (for example \`openssl rand -hex 32\`).`);
  }

  const protocol = env.GHE_PROTOCOL?.trim() || "https";
  if (protocol !== "https" && protocol !== "http") problems.push(`GHE_PROTOCOL is "${protocol}"; it must be https or http.`);
  const gheHost = env.GHE_HOST?.trim();
  const webUrl = gheHost ? `${protocol}://${gheHost}` : "https://github.com";
  const apiUrl = gheHost ? `${webUrl}/api/v3` : "https://api.github.com";

  let publicUrl: URL | undefined;
  const rawPublicUrl = env.SOUP_GATE_URL?.trim();
  if (rawPublicUrl) {
    try {
      publicUrl = new URL(rawPublicUrl);
      if (!/^https?:$/.test(publicUrl.protocol) || publicUrl.pathname.replace(/\/+$/, "") !== "") {
        problems.push(`SOUP_GATE_URL is "${rawPublicUrl}"; give the App's public address without a path, for example https://soup-gate.example.com.`);
      }
    } catch {
      problems.push(`SOUP_GATE_URL is "${rawPublicUrl}", which is not a URL; for example https://soup-gate.example.com.`);
    }
  }

  let appId: number | undefined;
  const rawAppId = env.APP_ID?.trim();
  if (rawAppId) {
    appId = Number(rawAppId);
    if (!Number.isSafeInteger(appId) || appId <= 0) problems.push(`APP_ID is "${rawAppId}", which is not an App id.`);
  }

  if (problems.length > 0) return { ok: false, problems };
  const cookieKeySource = sessionSecret ? "SESSION_SECRET" : "GITHUB_CLIENT_SECRET";
  const secret = sessionSecret || clientSecret;
  const cookieKey = Buffer.from(hkdfSync("sha256", secret, "soup-gate", "history page cookies", 32));
  return { ok: true, config: { clientId, clientSecret, cookieKey, cookieKeySource, webUrl, apiUrl, publicUrl, appId } };
}
