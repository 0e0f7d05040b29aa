import type { ChainedEntry } from "../entry.js";
import type { HistoryFilter } from "../store.js";

export type Restricted = { ok: true; filter: HistoryFilter } | { ok: false; reason: string };

/**
 * The access rule: a signed-in user sees entries of the repositories they can read and nothing else.
 * The store is asked for those repositories only; asking for one outside them is refused outright (the
 * answer is the same whether or not the store holds entries of it). GitHub compares names without case.
 */
export function restrictToReadable(filter: HistoryFilter, readable: readonly string[]): Restricted {
  const { repositories: _ignored, ...rest } = filter;
  if (filter.repository === undefined) return { ok: true, filter: { ...rest, repositories: readable } };
  const wanted = filter.repository.toLowerCase();
  const match = readable.find((name) => name.toLowerCase() === wanted);
  if (!match) return { ok: false, reason: `${filter.repository} is not among the repositories you can read through soup-gate.` };
  return { ok: true, filter: { ...rest, repository: match, repositories: [match] } };
}

/**
 * The same rule applied again to what the store returned: a store that ignored part of the filter can
 * never show a row of a repository the user cannot read.
 */
export function keepReadable(entries: readonly ChainedEntry[], readable: readonly string[]): ChainedEntry[] {
  const allowed = new Set(readable.map((name) => name.toLowerCase()));
  return entries.filter((e) => allowed.has(e.entry.repository.toLowerCase()));
}
