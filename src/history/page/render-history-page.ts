import type { ChainedEntry } from "../entry.js";
import type { Timeline } from "./build-timelines.js";
import { formatTime } from "./format-time.js";
import { EXPORT_PATH, HISTORY_PATH } from "./history-paths.js";
import { type Html, html } from "./html.js";
import { type QueryValues, queryString } from "./parse-history-query.js";
import { pullRequestTitles, renderEntriesTable } from "./render-entries-table.js";
import { renderLayout } from "./render-layout.js";
import { renderTimeline } from "./render-timeline.js";

/** The page shows the newest entries up to this many; the downloads hold all of them. */
export const MAX_ROWS = 500;

export interface HistoryView {
  login: string;
  /** The repositories the user can read: the repository filter's choices. */
  readable: readonly string[];
  values: QueryValues;
  /** Why no entries are shown (a filter that cannot be used, a repository the user cannot read). */
  problems: readonly string[];
  /** The filtered entries, oldest first. */
  entries: readonly ChainedEntry[];
  /** The package's timelines when the package filter is set. */
  timelines: readonly Timeline[] | undefined;
  webUrl: string;
  /** ISO time the page was made, printed on it. */
  now: string;
}

export function renderHistoryPage(view: HistoryView): string {
  const filtered = Object.values(view.values).some(Boolean);
  return renderLayout({
    title: view.values.package ? `${view.values.package} · SOUP history · soup-gate` : "SOUP history · soup-gate",
    login: view.login,
    repositoryCount: view.readable.length,
    body: html`<h1>SOUP history${view.values.package ? html` of <span class="mono">${view.values.package}</span>` : ""}</h1>
<p class="lead">Every evaluation, approval, refused attempt, revocation and invalidation soup-gate recorded in the repositories you can read on GitHub.</p>
<p class="print-only sub">${describeFilters(view.values)} · printed from soup-gate ${formatTime(view.now)} by @${view.login}</p>
${renderFilters(view)}
${view.problems.map((p) => html`<div class="problem" role="alert">${p}</div>`)}
${view.readable.length === 0 ? html`<div class="notice">Your GitHub account can read no repository where this soup-gate App is installed, so there is nothing to show. Ask an organisation owner to install it, or to give you access to a repository it is installed on.</div>` : ""}
${view.problems.length === 0 && view.timelines ? renderTimelines(view.timelines, view.webUrl, view.values) : ""}
${view.problems.length === 0 ? renderEntries(view, filtered) : ""}`,
  });
}

function renderFilters(view: HistoryView): Html {
  const v = view.values;
  const query = queryString(v);
  const known = v.repository && !view.readable.some((r) => r.toLowerCase() === v.repository.toLowerCase());
  return html`<div class="panel">
<form class="filters" method="get" action="${HISTORY_PATH}" role="search">
<div><label for="repo">Repository</label><select id="repo" name="repo">
<option value="">All (${view.readable.length})</option>
${known ? html`<option value="${v.repository}" selected>${v.repository}</option>` : ""}
${view.readable.map((r) => html`<option value="${r}"${r.toLowerCase() === v.repository.toLowerCase() ? " selected" : ""}>${r}</option>`)}
</select></div>
<div><label for="package">Package</label><input id="package" name="package" value="${v.package}" placeholder="e.g. torch" autocomplete="off"></div>
<div><label for="approver">Approver</label><input id="approver" name="approver" value="${v.approver}" placeholder="GitHub login" autocomplete="off"></div>
<div><label for="since">From</label><input id="since" name="since" type="date" value="${v.since}"></div>
<div><label for="until">To</label><input id="until" name="until" type="date" value="${v.until}"></div>
<div class="actions"><button class="button primary" type="submit">Apply filters</button><a class="button" href="${HISTORY_PATH}">Clear</a></div>
</form>
<div class="downloads"><span class="note">Downloads hold every entry of this filtered view, with its number and hash in the chain.</span>
<a class="button" href="${EXPORT_PATH}${query}${query ? "&" : "?"}format=csv" download>Download CSV</a>
<a class="button" href="${EXPORT_PATH}${query}${query ? "&" : "?"}format=json" download>Download JSON</a></div>
</div>`;
}

function renderTimelines(timelines: readonly Timeline[], webUrl: string, values: QueryValues): Html {
  const heading = html`<h2>Timeline of <span class="mono">${values.package}</span></h2>`;
  if (timelines.length === 0) return html`${heading}<div class="empty">No pull request in the repositories you can read changed <span class="mono">${values.package}</span>${values.since || values.until ? " in these dates" : ""}.</div>`;
  return html`${heading}${timelines.map((t) => renderTimeline(t, webUrl, timelines.length > 1))}`;
}

function renderEntries(view: HistoryView, filtered: boolean): Html {
  const total = view.entries.length;
  const shown = view.entries.slice(-MAX_ROWS).reverse();
  const summary =
    total === 0
      ? ""
      : total > shown.length
        ? html`<p class="summary">Showing the newest <strong>${shown.length}</strong> of <strong>${total}</strong> entries. Narrow the filters, or download the CSV or JSON for all of them.</p>`
        : html`<p class="summary"><strong>${total}</strong> ${total === 1 ? "entry" : "entries"}, newest first.</p>`;
  return html`<h2>Entries</h2>${summary}${
    total === 0 ? html`<div class="empty">${filtered ? "No entry matches these filters." : "Nothing recorded yet."}</div>` : renderEntriesTable(shown, view.webUrl, pullRequestTitles(view.entries))
  }`;
}

function describeFilters(values: QueryValues): string {
  const parts = [
    values.repository ? `repository ${values.repository}` : "all repositories you can read",
    values.package ? `package ${values.package}` : "",
    values.approver ? `approver @${values.approver}` : "",
    values.since ? `from ${values.since}` : "",
    values.until ? `to ${values.until}` : "",
  ].filter(Boolean);
  return `Filters: ${parts.join(", ")}`;
}
