import { renderHistoryExport } from "./render-history-export.js";
import { LOGIN_PATH } from "./history-paths.js";
import { loadEntries, loadTimelines } from "./load-entries.js";
import { type PageContext, type PageRequest, readSession } from "./page-context.js";
import { renderHistoryPage } from "./render-history-page.js";
import { type Response, redirectTo, textResponse } from "./send-response.js";

/** `GET /soup-gate/history`: the filtered view; an anonymous browser is sent to sign in first. */
export async function servePage(context: PageContext, request: PageRequest): Promise<Response> {
  const session = readSession(context, request);
  if (!session) return redirectTo(`${LOGIN_PATH}?return=${encodeURIComponent(request.url.pathname + request.url.search)}`);
  const loaded = await loadEntries(context.store, session, request.url.searchParams);
  const timelines = loaded.ok && loaded.values.package ? await loadTimelines(context.store, session, request.url.searchParams) : undefined;
  const body = renderHistoryPage({
    login: session.login,
    readable: session.repositories,
    values: loaded.values,
    problems: loaded.ok ? [] : loaded.problems,
    entries: loaded.ok ? loaded.entries : [],
    timelines,
    webUrl: context.config.webUrl,
    now: context.now().toISOString(),
  });
  return { status: loaded.ok ? 200 : loaded.status, body };
}

/** `GET /soup-gate/history/export?format=csv|json&…`: the same filtered view as a file; 401 without a session. */
export async function serveExport(context: PageContext, request: PageRequest): Promise<Response> {
  const session = readSession(context, request);
  if (!session) return textResponse(401, `Not signed in. Sign in at ${LOGIN_PATH} first; the export holds only repositories you can read.`);
  const format = request.url.searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "json") return textResponse(400, `format=${format} is not csv or json.`);
  const loaded = await loadEntries(context.store, session, request.url.searchParams);
  if (!loaded.ok) return textResponse(loaded.status, loaded.problems.join("\n"));
  const rendered = renderHistoryExport(loaded.entries, format, loaded.filter);
  const stamp = context.now().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  context.log.info(`history export: @${session.login} downloaded ${loaded.entries.length} entries as ${format}`);
  return { status: 200, body: rendered.body, contentType: rendered.contentType, headers: { "content-disposition": `attachment; filename="soup-gate-history-${stamp}.${format}"` } };
}
