import type { Anomaly } from "../anomalies/advisory.js";
import { nameKey, packageKey } from "../names.js";
import { recordKey } from "../records/record-name.js";
import type { Ecosystem, Finding, FindingCode, SoupRecord } from "../types.js";
import { versioningFor } from "../versions/versioning.js";
import type { EvaluatedChange } from "./evaluation.js";
import { SEVERITY_ORDER } from "./evaluation.js";
import { compareText } from "../text/compare-text.js";

/** `covered`, or the code of the most pressing finding on the item. */
export type AuditStatus = "covered" | FindingCode;

/** A published anomaly affecting some of an item's locked versions, and whether its record assesses it. */
export interface AuditAnomaly extends Anomaly {
  versions: string[];
  assessed: boolean;
}

/** One SOUP item of the inventory: a package of one ecosystem, with every version the policy checks. */
export interface AuditItem {
  ecosystem: Ecosystem;
  /** As the first lockfile spells it. */
  name: string;
  /** The locked versions in scope, oldest first; an unpinned requirement adds none. */
  versions: string[];
  /** Whether some lockfile requires it without pinning a version. */
  unpinned: boolean;
  /** Every place that locks it in scope. */
  locations: Array<{ lockfile: string; line: number; version: string }>;
  /** The licence the lockfile records, when it records one. */
  license?: string;
  record?: SoupRecord;
  /** Published anomalies affecting the locked versions, each once, sorted by id. */
  anomalies: AuditAnomaly[];
  /** The advisory source could not be asked about some of its versions. */
  anomaliesUnchecked?: boolean;
  status: AuditStatus;
  findings: Finding[];
}

/** When an item has several findings of one severity, the one to name first: what blocks everything else. */
const STATUS_ORDER: FindingCode[] = [
  "missing-record",
  "duplicate-record",
  "record-invalid",
  "version-not-recorded",
  "newer-than-reviewed",
  "review-overdue",
  "anomaly-not-assessed",
  "review-due-soon",
  "unpinned",
];

/**
 * Folds the evaluated "added" changes of every lockfile into one row per SOUP item (ecosystem and
 * normalised name): its in-scope versions across lockfiles, its record and its findings, each once.
 * Pure.
 */
export function groupAuditItems(changes: readonly EvaluatedChange[], records: readonly SoupRecord[]): AuditItem[] {
  const byKey = new Map(records.map((r) => [recordKey(r), r]));
  const items = new Map<string, AuditItem>();
  // What each item already holds, by key: one package locked at many versions or places stays linear.
  const seen = new Map<AuditItem, Set<string>>();
  for (const change of changes) {
    if (!change.inScope || change.to === null) continue;
    const key = packageKey(change.ecosystem, change.name);
    let item = items.get(key);
    if (!item) {
      item = { ecosystem: change.ecosystem, name: change.name, versions: [], unpinned: false, locations: [], anomalies: [], status: "covered", findings: [] };
      items.set(key, item);
      seen.set(item, new Set());
    }
    const held = seen.get(item)!;
    const version = change.to;
    if (version === "") item.unpinned = true;
    else if (!held.has(`v\0${version}`)) {
      held.add(`v\0${version}`);
      item.versions.push(version);
    }
    item.locations.push({ lockfile: change.lockfile, line: change.line, version });
    if (item.license === undefined && change.license) item.license = change.license;
    const record = change.record === undefined ? undefined : byKey.get(recordKey({ path: change.record, ...(change.recordLine !== undefined ? { row: change.recordLine } : {}) }));
    if (!item.record && record) item.record = record;
    if (change.anomalies?.state === "unavailable") item.anomaliesUnchecked = true;
    if (change.anomalies?.state === "checked") {
      for (const [anomaly, assessed] of [...change.anomalies.assessed.map((a) => [a, true] as const), ...change.anomalies.unassessed.map((a) => [a, false] as const)]) {
        const known = item.anomalies.find((a) => a.id === anomaly.id);
        if (!known) item.anomalies.push({ ...anomaly, versions: [version], assessed });
        else if (!known.versions.includes(version)) known.versions.push(version);
      }
    }
    for (const finding of change.findings) {
      const id = `f\0${finding.code}\0${finding.path ?? ""}\0${finding.line ?? ""}\0${finding.message}`;
      if (held.has(id)) continue;
      held.add(id);
      item.findings.push(finding);
    }
  }
  for (const item of items.values()) {
    const v = versioningFor(item.ecosystem);
    item.versions.sort((a, b) => v.compare(a, b) ?? compareText(a, b));
    item.findings.sort(byUrgency);
    item.anomalies.sort((a, b) => compareText(a.id, b.id));
    item.status = item.findings[0]?.code ?? "covered";
  }
  return [...items.values()].sort((a, b) => compareText(a.ecosystem, b.ecosystem) || compareNames(a, b));
}

function byUrgency(a: Finding, b: Finding): number {
  const rank = (f: Finding) => (STATUS_ORDER.includes(f.code) ? STATUS_ORDER.indexOf(f.code) : STATUS_ORDER.length);
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || rank(a) - rank(b);
}

function compareNames(a: AuditItem, b: AuditItem): number {
  const x = nameKey(a.ecosystem, a.name).toLowerCase();
  const y = nameKey(b.ecosystem, b.name).toLowerCase();
  return compareText(x, y);
}
