import type { ChainedEntry } from "../entry.js";
import { renderHistoryCsv } from "../render-history-csv.js";
import { renderHistoryJson } from "../render-history-json.js";
import type { HistoryFilter } from "../store.js";

export type ExportFormat = "csv" | "json";

export interface RenderedExport {
  body: string;
  contentType: string;
}

/**
 * The download of the filtered view, rendered by `soup-gate history export`'s own renderers, so that an
 * auditor gets the same file from the page and from the command line. The JSON names the filter it
 * answers — for the page, the one the store was asked, with the repositories the user can read.
 */
export function renderHistoryExport(entries: readonly ChainedEntry[], format: ExportFormat, filter: HistoryFilter): RenderedExport {
  if (format === "json") return { body: renderHistoryJson(entries, filter), contentType: "application/json; charset=utf-8" };
  return { body: renderHistoryCsv(entries), contentType: "text/csv; charset=utf-8" };
}
