import type { IncomingMessage, ServerResponse } from "node:http";
import { PAGE_STYLE_HASH } from "./page-style.js";

export interface Response {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
  cookies?: readonly string[];
}

/**
 * Sends a response with the headers every answer of the page carries: nothing is cached (every answer
 * depends on who asks), no script runs, the page cannot be framed, and no address with a filter or an
 * OAuth code leaks through the Referer. Forms may lead to GitHub: an expired session sends a submitted
 * filter form through sign-in.
 */
export function sendResponse(req: IncomingMessage, res: ServerResponse, response: Response, webUrl: string): void {
  const headers: Record<string, string | string[]> = {
    "content-type": response.contentType ?? "text/html; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "content-security-policy": `default-src 'none'; style-src '${PAGE_STYLE_HASH}'; form-action 'self' ${new URL(webUrl).origin}; frame-ancestors 'none'; base-uri 'none'`,
    ...response.headers,
  };
  if (response.cookies && response.cookies.length > 0) headers["set-cookie"] = [...response.cookies];
  headers["content-length"] = String(Buffer.byteLength(response.body));
  res.writeHead(response.status, headers);
  res.end(req.method === "HEAD" ? undefined : response.body);
}

export function redirectTo(location: string, cookies?: readonly string[]): Response {
  return { status: 302, body: "", contentType: "text/plain; charset=utf-8", headers: { location }, ...(cookies ? { cookies } : {}) };
}

export function textResponse(status: number, body: string): Response {
  return { status, body: `${body}\n`, contentType: "text/plain; charset=utf-8" };
}
