import type { ApplicationFunctionOptions, Probot } from "probot";
import type { Database } from "../db/open-database.js";
import { describeError } from "../github/describe-error.js";
import { createHistoryStore } from "../history/open-history-store.js";
import { createHistoryHandler, type NodeHandler } from "../history/page/create-history-handler.js";
import { HISTORY_PATH } from "../history/page/history-paths.js";
import type { HistoryStore } from "../history/store.js";
import type { AppDeps } from "./app-deps.js";
import { redactSecretsInLog } from "./redact-log.js";

/**
 * Serves the history page on the App's own server (Probot's `addHandler`). Under `probot receive` there is
 * no server and `addHandler` throws: the page is then off, which the log says, and events are still
 * handled and the history still written. The session cookie never reaches the log: Probot's request
 * logger prints every request header, so the App's log takes the secret ones out of each line.
 */
export function registerHistoryPage(app: Probot, options: Partial<ApplicationFunctionOptions> | undefined, deps: AppDeps, env: NodeJS.ProcessEnv = process.env): void {
  const log = {
    info: (message: string) => app.log.info(message),
    warn: (message: string) => app.log.warn(message),
    error: (message: string) => app.log.error(message),
  };
  if (typeof options?.addHandler !== "function") {
    app.log.warn(`the history page (${HISTORY_PATH}) is off: the App runs without a server; events are still handled and the history written`);
    return;
  }
  // Registered before it is made, so that without a server nothing of the page is set up (nor its settings
  // complained about); the server answers no request before the App is loaded.
  let handler: NodeHandler | undefined;
  try {
    options.addHandler((req, res) => (handler ? handler(req, res) : false));
  } catch (error) {
    app.log.warn(`the history page (${HISTORY_PATH}) is off: ${describeError(error)}; events are still handled and the history written`);
    return;
  }
  handler = createHistoryHandler({ store: lazyHistoryStore(deps.database), env, now: deps.now, log });
  if (!redactSecretsInLog(app.log)) app.log.warn("the App's log is not pino's: with LOG_FORMAT=json, request lines may show the history page's session cookie");
}

/** The history on the App's database, opened at the first request rather than at start. */
function lazyHistoryStore(database: () => Promise<Database>): HistoryStore {
  let store: Promise<HistoryStore> | undefined;
  const open = () => (store ??= database().then(createHistoryStore, (error: unknown) => {
    store = undefined;
    throw error;
  }));
  return {
    append: async (entry) => (await open()).append(entry),
    head: async () => (await open()).head(),
    list: async (filter) => (await open()).list(filter),
    async *scan() {
      yield* (await open()).scan();
    },
    // The database is the App's, shared with its other tables: it stays open.
    close: async () => {},
  };
}
