import { createRequire } from "node:module";
import type compareSemverFunction from "semver/functions/compare.js";
import type validSemverFunction from "semver/functions/valid.js";
import { nameKey } from "../names.js";
import type { Ecosystem } from "../types.js";
import { versioningFor, withoutLocal } from "../versions/versioning.js";
import type { AffectedRange, Advisory, PackageVersion } from "./advisory.js";

// semver is CommonJS: `require` loads it in half the time `import` takes (as versions/versioning.ts does).
const require = createRequire(import.meta.url);
const compareSemver = require("semver/functions/compare.js") as typeof compareSemverFunction;
const validSemver = require("semver/functions/valid.js") as typeof validSemverFunction;

/** OSV's ecosystem names for the ecosystems soup-gate reads. */
export const OSV_ECOSYSTEM: Record<Ecosystem, string> = { npm: "npm", pypi: "PyPI" };

/**
 * Whether an OSV record affects one package version, by the evaluation the OSV schema gives: a version
 * is affected when it is listed in `versions` or lies in one of the `SEMVER` or `ECOSYSTEM` ranges
 * (`introduced` … `fixed` exclusive, or … `last_affected` inclusive, below any `limit`). `GIT` ranges need
 * the repository's history and are skipped; OSV lists the versions they stand for. A PyPI version is
 * compared by its public release (`2.5.1+cu124` is `2.5.1`).
 *
 * Hand-written because no maintained package evaluates OSV ranges with PEP 440 and semver together.
 */
export function affects(advisory: Advisory, query: PackageVersion): boolean {
  const version = query.ecosystem === "pypi" ? withoutLocal(query.version.trim()) : query.version.trim();
  const key = nameKey(query.ecosystem, query.name);
  for (const entry of advisory.affected) {
    if (entry.ecosystem !== OSV_ECOSYSTEM[query.ecosystem] || nameKey(query.ecosystem, entry.name) !== key) continue;
    if (entry.versions.some((listed) => sameVersion(query.ecosystem, version, listed))) return true;
    if (entry.ranges.some((range) => inRange(query.ecosystem, version, range))) return true;
  }
  return false;
}

function sameVersion(ecosystem: Ecosystem, version: string, listed: string): boolean {
  const order = versioningFor(ecosystem).compare(version, listed.trim());
  return order === undefined ? version === listed.trim() : order === 0;
}

type Compare = (a: string, b: string) => number | undefined;

function comparator(ecosystem: Ecosystem, type: string): Compare | undefined {
  const own = versioningFor(ecosystem);
  if (type === "ECOSYSTEM") return (a, b) => own.compare(a, b);
  if (type === "SEMVER") {
    // SEMVER ranges hold SemVer 2.0 strings; a version that is not one is compared the ecosystem's way.
    return (a, b) => (validSemver(a) && validSemver(b) ? compareSemver(a, b) : own.compare(a, b));
  }
  return undefined;
}

const ZERO = "0";

/**
 * The schema's `IncludedInRanges` for one range. An event version that cannot be compared with the
 * package's version makes the range count as affecting it: a gate that cannot tell asks for an assessment
 * rather than passing silently.
 */
function inRange(ecosystem: Ecosystem, version: string, range: AffectedRange): boolean {
  const compare = comparator(ecosystem, range.type);
  if (!compare) return false;
  let unknown = false;
  const cmp = (a: string, b: string): number => {
    const order = compare(a, b);
    if (order === undefined) unknown = true;
    return order ?? 0;
  };
  const at = (event: AffectedRange["events"][number]) => Object.values(event)[0] as string;

  const limits = range.events.filter((e) => "limit" in e).map(at);
  const belowLimit = limits.length === 0 || limits.some((limit) => limit.includes("*") || cmp(version, limit) < 0);
  if (!belowLimit) return unknown;

  // Events in version order ("0" before everything); equal versions keep the order the record gives.
  const events = range.events
    .filter((e) => !("limit" in e))
    .map((event, index) => ({ event, index }))
    .sort((a, b) => {
      const x = at(a.event);
      const y = at(b.event);
      if (x === y) return a.index - b.index;
      if (x === ZERO) return -1;
      if (y === ZERO) return 1;
      return cmp(x, y) || a.index - b.index;
    })
    .map(({ event }) => event);

  let affected = false;
  for (const event of events) {
    if ("introduced" in event) {
      if (event.introduced === ZERO || cmp(version, event.introduced) >= 0) affected = true;
    } else if ("fixed" in event) {
      if (cmp(version, event.fixed) >= 0) affected = false;
    } else if ("last_affected" in event) {
      if (cmp(version, event.last_affected) > 0) affected = false;
    }
  }
  return affected || unknown;
}
