import type { IncomingMessage, ServerResponse } from "node:http";
import { describeError } from "../../github/describe-error.js";
import type { HistoryStore } from "../store.js";
import { CALLBACK_PATH, EXPORT_PATH, HISTORY_PATH, LOGIN_PATH, LOGOUT_PATH } from "./history-paths.js";
import { type PageContext, type PageLog, readPageRequest } from "./page-context.js";
import { readPageConfig } from "./read-page-config.js";
import { renderMessagePage } from "./render-message-page.js";
import { type Response, sendResponse, textResponse } from "./send-response.js";
import { servePage, serveExport } from "./serve-history.js";
import { serveCallback, serveLogin, serveLogout } from "./serve-sign-in.js";
import { createGitHubSignIn } from "./sign-in-with-github.js";

export interface HistoryHandlerOptions {
  store: HistoryStore;
  /** Reads GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, SESSION_SECRET, SOUP_GATE_URL, APP_ID, GHE_HOST, GHE_PROTOCOL. */
  env: NodeJS.ProcessEnv;
  /** GitHub's OAuth and API requests go through it (tests); global fetch otherwise. */
  fetch?: typeof globalThis.fetch;
  now?: () => Date;
  log?: PageLog;
}

/** A handler for Probot's `addHandler`: true when it answered the request. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

type Route = (context: PageContext, request: ReturnType<typeof readPageRequest>) => Response | Promise<Response>;

const ROUTES: Record<string, { methods: readonly string[]; route: Route }> = {
  [HISTORY_PATH]: { methods: ["GET", "HEAD"], route: servePage },
  [EXPORT_PATH]: { methods: ["GET", "HEAD"], route: serveExport },
  [LOGIN_PATH]: { methods: ["GET", "HEAD"], route: serveLogin },
  [CALLBACK_PATH]: { methods: ["GET"], route: serveCallback },
  [LOGOUT_PATH]: { methods: ["POST"], route: serveLogout },
};

/**
 * The history page at `/soup-gate/history`, its export, and GitHub sign-in, as one handler for the App's
 * server. Requests outside `/soup-gate/history` are left to the next handler. Settings are read once;
 * without an OAuth client every route answers 503 with what to set, and no entry is ever served.
 */
export function createHistoryHandler(options: HistoryHandlerOptions): NodeHandler {
  const log = options.log ?? { info: () => {}, warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };
  const read = readPageConfig(options.env);
  if (!read.ok) log.warn(`history page disabled: ${read.problems.join(" ")}`);
  const context: PageContext | undefined = read.ok
    ? { config: read.config, store: options.store, signIn: createGitHubSignIn(read.config, options.fetch), fetch: options.fetch, now: options.now ?? (() => new Date()), log }
    : undefined;
  const webUrl = read.ok ? read.config.webUrl : "https://github.com";

  return async (req, res) => {
    const pathname = new URL(req.url ?? "/", "http://soup-gate.invalid").pathname;
    const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
    if (path !== HISTORY_PATH && !path.startsWith(`${HISTORY_PATH}/`)) return false;
    let response: Response;
    try {
      response = await answer(path, req);
    } catch (e) {
      log.error(`history page: ${req.method} ${path} failed: ${describeError(e)}`);
      response = { status: 500, body: renderMessagePage({ title: "The history could not be shown", text: `Something went wrong on the server: ${describeError(e)}. Try again; if it persists, the App's log says more.` }) };
    }
    sendResponse(req, res, response, webUrl);
    return true;
  };

  async function answer(path: string, req: IncomingMessage): Promise<Response> {
    const entry = ROUTES[path];
    if (!entry) return { status: 404, body: renderMessagePage({ title: "Not found", text: "The SOUP history is at /soup-gate/history.", action: { href: HISTORY_PATH, label: "Open the SOUP history" } }) };
    if (!entry.methods.includes(req.method ?? "GET")) {
      return { ...textResponse(405, `${req.method} is not allowed here; use ${entry.methods.join(" or ")}.`), headers: { allow: entry.methods.join(", ") } };
    }
    if (!read.ok) {
      if (path === EXPORT_PATH) return textResponse(503, `The SOUP history is not set up on this server: ${read.problems.join(" ")}`);
      return { status: 503, body: renderMessagePage({ title: "The SOUP history is not set up", text: "The App needs its GitHub OAuth client to sign people in before it shows any history. The administrator should fix:", items: read.problems }) };
    }
    return ROUTES[path]!.route(context!, readPageRequest(req, read.config));
  }
}
