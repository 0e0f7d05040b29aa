import type { ChainedEntry } from "./entry.js";
import type { HistoryFilter } from "./store.js";

/**
 * The stable JSON export: the filter it answers and the entries, oldest first, each exactly as stored and
 * hashed (`seq`, `hash`, `entry` with its keys in canonical order), so that whoever holds a complete export
 * can recompute the chain without soup-gate. The README documents every key.
 */
export function renderHistoryJson(entries: readonly ChainedEntry[], filter: HistoryFilter = {}): string {
  const document = {
    filter: {
      repository: filter.repository ?? null,
      repositories: filter.repositories ?? null,
      package: filter.package ?? null,
      approver: filter.approver ?? null,
      kinds: filter.kinds ?? null,
      since: filter.since ?? null,
      until: filter.until ?? null,
    },
    entries: entries.map(({ seq, hash, entry }) => ({ seq, hash, entry })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
