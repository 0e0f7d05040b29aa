import type { ChainedEntry, HistoryEntryKind } from "../entry.js";
import type { HistoryFilter, HistoryStore } from "../store.js";
import { type Timeline, buildTimelines } from "./build-timelines.js";
import { type QueryValues, parseHistoryQuery } from "./parse-history-query.js";
import { keepReadable, restrictToReadable } from "./restrict-to-readable.js";
import type { Session } from "./session.js";

export type Loaded =
  | { ok: true; values: QueryValues; entries: ChainedEntry[]; filter: HistoryFilter }
  | { ok: false; values: QueryValues; status: 400 | 403; problems: string[] };

/**
 * The entries of the filtered view the user may see: the query's filters, narrowed to the session's
 * repositories before the store is asked, and the answer checked against them again.
 */
export async function loadEntries(store: HistoryStore, session: Session, params: URLSearchParams): Promise<Loaded> {
  const query = parseHistoryQuery(params);
  if (query.problems.length > 0) return { ok: false, values: query.values, status: 400, problems: query.problems };
  const restricted = restrictToReadable(query.filter, session.repositories);
  if (!restricted.ok) return { ok: false, values: query.values, status: 403, problems: [restricted.reason] };
  if (session.repositories.length === 0) return { ok: true, values: query.values, entries: [], filter: restricted.filter };
  return { ok: true, values: query.values, entries: keepReadable(await store.list(restricted.filter), session.repositories), filter: restricted.filter };
}

const DECISIONS: readonly HistoryEntryKind[] = ["approval", "refusal", "revocation", "invalidation"];

/**
 * The timelines of the package filter: the evaluations that name the package (in the chosen repository
 * and dates), and every decision on those pull requests, whenever it was taken. With an approver, only
 * the pull requests that person decided on.
 */
export async function loadTimelines(store: HistoryStore, session: Session, params: URLSearchParams): Promise<Timeline[]> {
  const query = parseHistoryQuery(params);
  const restricted = restrictToReadable(query.filter, session.repositories);
  if (!query.filter.package || !restricted.ok || session.repositories.length === 0) return [];
  const { approver, ...filter } = restricted.filter;
  const evaluations = keepReadable(await store.list({ ...filter, kinds: ["evaluation"] }), session.repositories);
  const { package: _package, since: _since, until: _until, ...scope } = filter;
  const decisions = keepReadable(await store.list({ ...scope, kinds: DECISIONS }), session.repositories);
  const timelines = buildTimelines([...evaluations, ...decisions], query.filter.package);
  if (!approver) return timelines;
  const login = approver.toLowerCase();
  return timelines
    .map((t) => ({ ...t, steps: t.steps.filter((s) => s.decisions.some((d) => d.entry.actor.toLowerCase() === login)) }))
    .filter((t) => t.steps.length > 0);
}
