import type { PackageVersion } from "../anomalies/advisory.js";
import type { Change } from "../types.js";
import { versioningFor } from "../versions/versioning.js";
import type { Config } from "./config.js";
import { decideScope } from "./scope.js";

/**
 * Whether a change's new version is asked about published anomalies: an in-scope change that brings a
 * registry version in (added, upgraded, downgraded or changed). Git commits, paths and unpinned
 * requirements have no version an advisory database can name.
 */
export function wantsAnomalies(change: Change, config: Config): boolean {
  if (config.anomalies.source === "off" || change.kind === "removed" || !change.to) return false;
  if (change.source !== undefined && change.source !== "registry") return false;
  return versioningFor(change.ecosystem).isValid(change.to) && decideScope(change, config).inScope;
}

/**
 * The package versions one evaluation asks the advisory source about, each once. Changes without a record
 * are asked too: their draft record lists the advisories that affect the version, ready to assess.
 */
export function selectAnomalyQueries(changes: readonly Change[], config: Config): PackageVersion[] {
  const seen = new Set<string>();
  const queries: PackageVersion[] = [];
  for (const change of changes) {
    if (!wantsAnomalies(change, config)) continue;
    const key = `${change.ecosystem}\0${change.name}\0${change.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    queries.push({ ecosystem: change.ecosystem, name: change.name, version: change.to! });
  }
  return queries;
}
