import { nameKey } from "../names.js";
import type { Anomaly, AdvisorySource, PackageVersion } from "./advisory.js";
import { groupAnomalies } from "./group-anomalies.js";

/** What the advisory source said for one evaluation, as plain data for the pure evaluation. */
export type AnomalyReport =
  | { state: "checked"; source: string; byVersion: ReadonlyMap<string, Anomaly[]> }
  | { state: "unavailable"; source: string; reason: string };

/** The key of one package version in `byVersion`. */
export function versionKey(query: PackageVersion): string {
  return `${query.ecosystem}\0${nameKey(query.ecosystem, query.name)}\0${query.version.trim()}`;
}

/** Asks the source once for every package version and folds each answer into anomalies. */
export async function askAnomalies(source: AdvisorySource, queries: readonly PackageVersion[]): Promise<AnomalyReport> {
  const distinct = [...new Map(queries.map((q) => [versionKey(q), q])).values()];
  if (distinct.length === 0) return { state: "checked", source: source.name, byVersion: new Map() };
  let answer;
  try {
    answer = await source.find(distinct);
  } catch (error) {
    // A source is meant to answer "unavailable" itself; one that throws is unavailable too, never silent.
    answer = { ok: false as const, reason: `asking ${source.name} failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!answer.ok) return { state: "unavailable", source: source.name, reason: answer.reason };
  if (answer.advisories.length !== distinct.length) return { state: "unavailable", source: source.name, reason: `${source.name} answered ${answer.advisories.length} lists for ${distinct.length} package versions` };
  const byVersion = new Map(distinct.map((q, i) => [versionKey(q), groupAnomalies(answer.advisories[i] ?? [])]));
  return { state: "checked", source: source.name, byVersion };
}
