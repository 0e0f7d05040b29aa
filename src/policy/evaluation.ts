import type { Anomaly } from "../anomalies/advisory.js";
import type { Change, Finding } from "../types.js";

/** What the advisory source said about a change's new version, against its record's known anomalies. */
export type ChangeAnomalies =
  | { state: "checked"; assessed: Anomaly[]; unassessed: Anomaly[] }
  /** The source could not be asked (`anomaly-check-unavailable`). */
  | { state: "unavailable" };

/** A change as the policy sees it: whether it is checked, which record covers it, what is wrong. */
export interface EvaluatedChange extends Change {
  inScope: boolean;
  /** Why a change is not checked (transitive, dev only, ignored with a reason). */
  outOfScopeReason?: string;
  /** Path of the record that covers the package, when one does. */
  record?: string;
  /** The record's line, when the record is one row of a SOUP list. */
  recordLine?: number;
  /** Absent when the change was not asked about (out of scope, removed, no registry version, `anomalies.source: off`). */
  anomalies?: ChangeAnomalies;
  findings: Finding[];
}

export type Conclusion = "success" | "failure";

/** Everything one evaluation of base..head concluded; every renderer works from this alone. */
export interface Evaluation {
  conclusion: Conclusion;
  changes: EvaluatedChange[];
  /** Every finding once: per-change findings plus lockfile, record and config findings. */
  findings: Finding[];
  /** What an approval is bound to: see computeDigest. */
  digest: string;
  /** Lockfiles that were compared. */
  lockfiles: string[];
  /** Record files added, changed or removed between base and head. */
  changedRecords: string[];
  /** The pull request edits the policy file, which only applies once merged. */
  configChanged: boolean;
}

export const SEVERITY_ORDER = { failure: 0, warning: 1, notice: 2 } as const;
