import type { Ecosystem } from "../types.js";

/** One package at one version, as the advisory source is asked about it. */
export interface PackageVersion {
  ecosystem: Ecosystem;
  name: string;
  version: string;
}

export type RangeEvent =
  | { introduced: string }
  | { fixed: string }
  | { last_affected: string }
  | { limit: string };

export interface AffectedRange {
  /** `SEMVER`, `ECOSYSTEM` or `GIT` (OSV schema `affected[].ranges[].type`). */
  type: string;
  events: RangeEvent[];
}

export interface AffectedPackage {
  /** OSV's ecosystem string, such as `PyPI` or `npm`. */
  ecosystem: string;
  name: string;
  ranges: AffectedRange[];
  versions: string[];
  /** `ecosystem_specific.severity` or `database_specific.severity`, where the entry gives one. */
  severity?: string;
  /** The entry's own CVSS vectors (OSV `affected[].severity`). */
  scores: Score[];
}

export interface Score {
  type: string;
  score: string;
}

/**
 * One OSV record (the Open Source Vulnerability schema), validated once where it enters: only the fields
 * soup-gate reads, each of the type the schema gives it.
 */
export interface Advisory {
  id: string;
  modified: string;
  aliases: string[];
  /** Set when the database withdrew the entry: it no longer describes a vulnerability. */
  withdrawn?: string;
  summary?: string;
  details?: string;
  /** Top-level CVSS vectors (OSV `severity`). */
  scores: Score[];
  /** `database_specific.severity`, as the GitHub Advisory Database writes it (`CRITICAL`, `MODERATE`, …). */
  databaseSeverity?: string;
  affected: AffectedPackage[];
}

/** What one advisory source says about a list of package versions, once per evaluation. */
export type AdvisoryAnswer =
  /** `advisories[i]` are the records that affect `queries[i]` (withdrawn ones included: the caller drops them). */
  | { ok: true; advisories: Advisory[][] }
  /** The source could not be asked, or answered something unusable: never read as "no advisories". */
  | { ok: false; reason: string };

/** Where advisories come from: the OSV API, a mirror of it, or a folder of OSV files. */
export interface AdvisorySource {
  /** Names the source in messages: "OSV (https://api.osv.dev)", "the advisories folder ./osv". */
  readonly name: string;
  find(queries: readonly PackageVersion[]): Promise<AdvisoryAnswer>;
}

/**
 * One published anomaly: the advisories that name each other (by id or alias) as one, as IEC 62304 §7.1.3
 * asks the record to evaluate it. Listing any of `ids` in a record assesses it.
 */
export interface Anomaly {
  /** The id it is shown under: the GitHub advisory when there is one. */
  id: string;
  /** Every other id of the same anomaly (CVE first), from every advisory in it. */
  aliases: string[];
  /** `critical`, `high`, `moderate`, `medium`, `low`, or a CVSS-derived rating; absent when no advisory gives one. */
  severity?: string;
  summary?: string;
  /** Where a person reads it. */
  url: string;
}
