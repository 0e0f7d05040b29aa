// The vocabulary of soup-gate (dependency, change, finding, record), shared by every module. Plain data only: no behaviour lives here.

export type Ecosystem = "npm" | "pypi";
export const ECOSYSTEMS: readonly Ecosystem[] = ["npm", "pypi"];

/** Where a locked package comes from. Registry packages are the usual case; the rest are flagged. */
export type DependencySource = "registry" | "git" | "file" | "url";

/** One locked package, read from one lockfile at one commit. */
export interface Dependency {
  ecosystem: Ecosystem;
  /** The registry name (the real name behind an `npm:` alias); PyPI names as the lockfile spells them. */
  name: string;
  /** The locked version; "" when the lockfile pins none (an unpinned requirement, a git dependency without one). */
  version: string;
  direct: boolean;
  dev: boolean;
  /** 1-based line of the lockfile text where this package is declared (0 until located: see `LocateLines`). */
  line: number;
  /** Licence, where the lockfile records one (npm v2/v3 `license`). */
  license?: string;
  /** Absent means "registry". */
  source?: DependencySource;
}

/** Where parsing stopped, for `lockfile-unparsable`. */
export interface ParseError {
  message: string;
  /** 1-based line. */
  line: number;
}

/** A file a lockfile line names (a pip `-r` include), as a repository path, with that line. */
export interface LinePath {
  path: string;
  /** 1-based line of the naming text. */
  line: number;
}

/**
 * A folder a pip line installs by path (`-e .`, `./libs/core`): the project's own code when it holds a
 * Python project, and a line pip refuses when it does not. Only the caller, which sees the commit, can tell.
 */
export interface LocalFolder {
  /** The repository paths it may name: pip resolves it against the folder pip runs in (the repository root, or the file's folder). */
  candidates: string[];
  line: number;
  /** What to report at `line` when no candidate holds a project. */
  refusal: string;
}

/**
 * Finds the lines of some of a parse's dependencies, in place: those at the places `wanted` marks with 1
 * (a list as long as `dependencies`). Until then their `line` is 0. Parsers whose lines cost as much as
 * the rest of the reading offer it; `parseLockfile` locates every line unless asked not to.
 */
export type LocateLines = (wanted: Uint8Array) => void;

export type ParseOutcome =
  | { ok: true; dependencies: Dependency[]; includes?: LinePath[]; folders?: LocalFolder[]; locate?: LocateLines }
  | { ok: false; error: ParseError };

/** `changed`: the versions cannot be ordered (git commits, `file:` paths, unpinned requirements). */
export type ChangeKind = "added" | "removed" | "upgraded" | "downgraded" | "changed";

/** One difference between base and head for one name in one lockfile. */
export interface Change {
  ecosystem: Ecosystem;
  name: string;
  kind: ChangeKind;
  /** null when added. */
  from: string | null;
  /** null when removed. */
  to: string | null;
  lockfile: string;
  /** Line in the head lockfile (base lockfile for a removal). */
  line: number;
  direct: boolean;
  dev: boolean;
  license?: string;
  source?: DependencySource;
}

export type Severity = "failure" | "warning" | "notice";
export type SeveritySetting = Severity | "off";

export const FINDING_CODES = [
  "missing-record",
  "version-not-recorded",
  "newer-than-reviewed",
  "review-overdue",
  "review-due-soon",
  "record-invalid",
  "duplicate-record",
  "orphan-record",
  "unpinned",
  "lockfile-unparsable",
  "config-invalid",
  "anomaly-not-assessed",
  "anomaly-check-unavailable",
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  /** Repository path the finding points at (lockfile, record or config), when there is one. */
  path?: string;
  line?: number;
  /** The package the finding is about, when it is about one. */
  ecosystem?: Ecosystem;
  name?: string;
  /** A second place the finding belongs, annotated too: the record of a change found at its lockfile line. */
  related?: { path: string; line: number };
  /** The published advisory an `anomaly-not-assessed` finding is about. */
  advisory?: AdvisoryRef;
}

/** A published anomaly as a finding names it. */
export interface AdvisoryRef {
  id: string;
  aliases: string[];
  /** null when no database rates it. */
  severity: string | null;
  url: string;
}

/** A locked version span from the Legit.Health `A–B` notation: every version from `from` to `to`, inclusive. */
export interface VersionSpan {
  from: string;
  to: string;
}

/** `list`: one row of a SOUP-list table (the OpenRegulatory template), many records in one file. */
export type RecordForm = "front-matter" | "yaml" | "table" | "list";

/** One published anomaly a record says it evaluated (IEC 62304 §7.1.3), in its known-anomalies list. */
export interface KnownAnomaly {
  /** As written: CVE, GHSA, PYSEC or another OSV id. */
  id: string;
  /** 1-based line of the entry in the file. */
  line: number;
  /** Whether it applies to the device, as the reviewer wrote it ("No", "false", "yes — …"). */
  applicable?: string;
  rationale?: string;
  reviewed?: string;
}

/** One SOUP record file, whatever form it was written in. */
export interface SoupRecord {
  path: string;
  form: RecordForm;
  /** Git blob id of the file, when known (part of the approval digest). */
  blob?: string;
  title?: string;
  /** Registry names the record covers (first is the main one), as written. */
  packages: string[];
  aliases: string[];
  ecosystem?: Ecosystem;
  manufacturer?: string;
  license?: string;
  /** Exact deployed versions (the unique SOUP designator). */
  versions: string[];
  /** Locked spans (`1.40.61–1.42.26`). */
  spans: VersionSpan[];
  /**
   * Accept a version satisfying any one of these ranges, when the record gives no exact version or span.
   * Front matter `version_range` gives one; a Legit.Health table gives one per component's constraint.
   */
  versionRanges: string[];
  latestReviewed?: string;
  /** ISO date YYYY-MM-DD. */
  lastReviewDate?: string;
  reviewIntervalDays?: number;
  safetyClass?: string;
  /** The anomalies the record has evaluated, in the order written; absent when it lists none. */
  anomalies?: KnownAnomaly[];
  /** For a row of a SOUP list: the row's 1-based line, which names the record within its file. */
  row?: number;
  /** 1-based line of each field in the file, for annotations (`package`, `versions`, `last_review_date`, ...). */
  lines: Partial<Record<RecordField, number>>;
  /** Problems that make the record invalid (`record-invalid`), each at a line. */
  problems: ParseError[];
}

export type RecordField =
  | "package"
  | "ecosystem"
  | "versions"
  | "version_range"
  | "latest_reviewed"
  | "last_review_date"
  | "review_interval_days"
  | "manufacturer"
  | "license"
  | "anomalies";

/** What reading one candidate record file gives. */
export type RecordOutcome =
  | { kind: "record"; record: SoupRecord }
  /** A SOUP list: one record per row (none when every row is a template placeholder). */
  | { kind: "list"; records: SoupRecord[] }
  | { kind: "not-a-record" };
