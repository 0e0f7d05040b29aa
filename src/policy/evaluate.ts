import { addDays, daysBetween } from "../core/dates.js";
import { computeDigest } from "../core/digest.js";
import type { Anomaly } from "../anomalies/advisory.js";
import { anomalyIds } from "../anomalies/group-anomalies.js";
import { versionKey, type AnomalyReport } from "../anomalies/ask-anomalies.js";
import { indexRecords } from "../records/index-records.js";
import { recordKey, recordName } from "../records/record-name.js";
import type { Change, Ecosystem, Finding, FindingCode, ParseError, SoupRecord } from "../types.js";
import { nameSome } from "../text/name-some.js";
import { isInSpan, versioningFor } from "../versions/versioning.js";
import { CONFIG_PATH, type Config } from "./config.js";
import type { EvaluatedChange, Evaluation } from "./evaluation.js";
import { SEVERITY_ORDER } from "./evaluation.js";
import { decideScope } from "./scope.js";
import { wantsAnomalies } from "./select-anomaly-queries.js";
import { compareText } from "../text/compare-text.js";

export interface EvaluateInput {
  changes: readonly Change[];
  records: readonly SoupRecord[];
  /** Record files added, changed or removed between base and head, with their head blob id ("" when removed). */
  changedRecords?: ReadonlyArray<{ path: string; blob: string }>;
  lockfiles?: readonly string[];
  lockfileErrors?: ReadonlyArray<{ path: string; error: ParseError }>;
  configErrors?: readonly string[];
  configPath?: string;
  configChanged?: boolean;
  /** Is the package still locked anywhere at head? Used for `orphan-record`; absent means "assume it is". */
  stillLocked?: (ecosystem: Ecosystem, name: string) => boolean;
  config: Config;
  /** Today's date, `YYYY-MM-DD`: the clock comes from the caller. */
  today: string;
  /**
   * Where the developer finds a draft for a missing record: the pull-request comment carries one (the
   * default), or `soup-gate scaffold` writes them (an audit of a commit has no comment).
   */
  drafts?: "comment" | "scaffold";
  /**
   * What the advisory source said, fetched by the caller (the evaluation itself asks nothing). Absent: no
   * source was asked (`anomalies.source: off`, or nothing to ask about).
   */
  anomalies?: AnomalyReport;
}

const DRAFT_ADVICE = {
  comment: "the pull-request comment carries a draft to start from",
  scaffold: "`soup-gate scaffold` writes a draft for every package without one",
} as const;

/** Applies the policy to the changes and records and yields the findings the README's findings table lists. Pure. */
export function evaluate(input: EvaluateInput): Evaluation {
  const { config, today } = input;
  const index = indexRecords([...input.records]);
  const findings = new FindingList(config);

  for (const { path, error } of input.lockfileErrors ?? []) {
    findings.add({ code: "lockfile-unparsable", message: `${path} could not be parsed: ${error.message} (line ${error.line}). Fix or regenerate the lockfile; until then its changes cannot be checked.`, path, line: error.line });
  }
  if (input.configErrors && input.configErrors.length > 0) {
    const path = input.configPath ?? CONFIG_PATH;
    findings.add({ code: "config-invalid", message: `${path} is invalid — the defaults apply until it is fixed:\n${input.configErrors.map((e) => `- ${e}`).join("\n")}`, path, line: 1 });
  }

  // Each record is judged once, however many changes it covers: a record shared by 100,000 changes stays linear.
  const recordChecked = new Map<string, Finding[]>();
  const checkRecord = (record: SoupRecord): Finding[] => {
    const known = recordChecked.get(recordKey(record));
    if (known) return known;
    const out = recordFindings(record, config, today);
    out.forEach((f) => findings.add(f));
    const settled = out.map((f) => findings.settle(f)).filter((f): f is Finding => f !== undefined);
    recordChecked.set(recordKey(record), settled);
    return settled;
  };

  const changes: EvaluatedChange[] = input.changes.map((change) => {
    const scope = decideScope(change, config);
    const evaluated: EvaluatedChange = { ...change, inScope: scope.inScope, findings: [] };
    if (!scope.inScope) {
      evaluated.outOfScopeReason = scope.reason;
      return evaluated;
    }
    const matches = index.find(change.ecosystem, change.name);
    const record = matches[0];
    if (record) {
      evaluated.record = record.path;
      if (record.row !== undefined) evaluated.recordLine = record.row;
    }
    const own: Omit<Finding, "severity">[] = [];
    const at = { path: change.lockfile, line: change.line, ecosystem: change.ecosystem, name: change.name };

    if (change.kind === "removed") {
      if (record && input.stillLocked && !input.stillLocked(change.ecosystem, change.name)) {
        own.push({ ...at, code: "orphan-record", message: `${change.name} is no longer locked anywhere, but ${recordName(record)} still describes it: retire the record (mark it obsolete or delete it).`, path: record.path, line: record.lines.package ?? 1 });
      }
    } else {
      if (change.to === "") own.push({ ...at, code: "unpinned", message: `${change.name} is not pinned to one version in ${change.lockfile}: pin it (for example \`==1.2.3\`) so that its record can name the exact version deployed.` });
      if (!record) {
        own.push({ ...at, code: "missing-record", message: `No SOUP record covers ${change.name} (${change.ecosystem})${change.to ? ` ${change.to}` : ""}. Add one under ${config.records.path[0]}/ — ${DRAFT_ADVICE[input.drafts ?? "comment"]}.` });
      } else {
        for (const other of matches.slice(1)) {
          own.push({ ...at, code: "duplicate-record", message: `${recordName(record)} and ${recordName(other)} both claim ${change.name}: merge them into one record.`, path: other.path, line: other.lines.package ?? 1 });
        }
        if (change.to) own.push(...versionFindings(change, record, at));
      }
      const report = input.anomalies;
      if (report && wantsAnomalies(change, config)) {
        if (report.state === "unavailable") evaluated.anomalies = { state: "unavailable" };
        else {
          const found = report.byVersion.get(versionKey({ ecosystem: change.ecosystem, name: change.name, version: change.to! })) ?? [];
          const listed = new Set((record?.anomalies ?? []).map((a) => a.id.trim().toUpperCase()));
          const isAssessed = (anomaly: Anomaly) => anomalyIds(anomaly).some((id) => listed.has(id));
          evaluated.anomalies = { state: "checked", assessed: found.filter(isAssessed), unassessed: found.filter((a) => !isAssessed(a)) };
          // A missing record is its own failure; its draft lists these advisories instead.
          if (record) for (const anomaly of evaluated.anomalies.unassessed) own.push(anomalyFinding(change, record, anomaly, at));
        }
      }
    }
    const recordLevel = record && change.kind !== "removed" ? checkRecord(record) : [];
    evaluated.findings = [...own.map((f) => findings.add(f)).filter((f): f is Finding => f !== undefined), ...recordLevel];
    return evaluated;
  });

  const unchecked = changes.filter((c) => c.anomalies?.state === "unavailable");
  if (input.anomalies?.state === "unavailable" && unchecked.length > 0) {
    const names = unchecked.slice(0, 10).map((c) => `${c.name} ${c.to}`).join(", ") + (unchecked.length > 10 ? `, and ${unchecked.length - 10} more` : "");
    findings.add({ code: "anomaly-check-unavailable", message: `The published anomalies of ${unchecked.length === 1 ? "1 changed package were" : `${unchecked.length} changed packages were`} not checked (${names}): ${input.anomalies.reason}. Re-run the check when ${input.anomalies.source} answers again.` });
  }

  // A pull request that edits a record must leave it valid, even when no dependency changed with it.
  const changedPaths = new Set((input.changedRecords ?? []).map((r) => r.path));
  for (const record of input.records) if (changedPaths.has(record.path)) checkRecord(record);
  for (const duplicate of index.duplicates()) {
    const [first, ...rest] = duplicate.records;
    if (!first || !duplicate.records.some((r) => changedPaths.has(r.path))) continue;
    for (const other of rest) findings.add({ code: "duplicate-record", message: `${recordName(first)} and ${recordName(other)} both claim ${duplicate.name}: merge them into one record.`, path: other.path, line: other.lines.package ?? 1, name: duplicate.name });
  }

  const all = findings.list();
  return {
    conclusion: all.some((f) => f.severity === "failure") ? "failure" : "success",
    changes,
    findings: all,
    digest: computeDigest(changes.filter((c) => c.inScope), input.changedRecords ?? []),
    lockfiles: [...(input.lockfiles ?? [])],
    changedRecords: [...changedPaths].sort(),
    configChanged: input.configChanged ?? false,
  };
}

type Location = Pick<Finding, "path" | "line" | "ecosystem" | "name">;

/** An advisory affects the new version and the record has not evaluated it: found at the lockfile line, and at the record. */
function anomalyFinding(change: Change, record: SoupRecord, anomaly: Anomaly, at: Location): Omit<Finding, "severity"> {
  const others = anomaly.aliases.length > 0 ? ` (${anomaly.aliases.join(", ")})` : "";
  const rated = anomaly.severity ? `, severity ${anomaly.severity}` : "";
  const what = anomaly.summary ? `: ${anomaly.summary}` : "";
  const ids = anomaly.aliases.length > 0 ? `${anomaly.id} (or any of ${anomaly.aliases.join(", ")})` : anomaly.id;
  return {
    ...at,
    code: "anomaly-not-assessed",
    message: `${change.name} ${change.to} is affected by ${anomaly.id}${others}${rated}${what} — ${anomaly.url}. ${recordName(record)} has not assessed it: add ${ids} to its known anomalies, saying whether it applies to the device, why, and the date of the review.`,
    related: { path: record.path, line: record.lines.anomalies ?? record.lines.package ?? record.row ?? 1 },
    advisory: { id: anomaly.id, aliases: anomaly.aliases, severity: anomaly.severity ?? null, url: anomaly.url },
  };
}

function versionFindings(change: Change, record: SoupRecord, at: Location): Omit<Finding, "severity">[] {
  const version = change.to!;
  const v = versioningFor(change.ecosystem);
  const out: Omit<Finding, "severity">[] = [];
  const exact = record.versions.length > 0 || record.spans.length > 0;
  const covered = exact
    ? record.versions.some((r) => v.matches(version, r)) || record.spans.some((s) => isInSpan(change.ecosystem, version, s))
    : record.versionRanges.some((range) => v.satisfies(version, range));
  if (!covered && (exact || record.versionRanges.length > 0)) {
    const named = exact ? nameSome([...record.versions, ...record.spans.map((s) => `${s.from}–${s.to}`)]) : nameSome(record.versionRanges, " or ");
    out.push({ ...at, code: "version-not-recorded", message: `${recordName(record)} does not name ${change.name} ${version} (it names ${named}). Add ${version} to the record's deployed versions and re-review it.` });
  }
  if (record.latestReviewed && v.isNewer(version, record.latestReviewed)) {
    out.push({ ...at, code: "newer-than-reviewed", message: `${change.name} ${version} is newer than ${record.latestReviewed}, the newest release ${recordName(record)} was reviewed against. Re-review the record (requirements, known anomalies) against ${version} and update latest_reviewed.` });
  }
  return out;
}

function recordFindings(record: SoupRecord, config: Config, today: string): Omit<Finding, "severity">[] {
  const at = (field: keyof SoupRecord["lines"]) => ({ path: record.path, line: record.lines[field] ?? record.lines.package ?? 1, name: record.packages[0] });
  const out: Omit<Finding, "severity">[] = record.problems.map((p) => ({ code: "record-invalid" as const, message: `${recordName(record)} is not a valid SOUP record: ${p.message}`, path: record.path, line: p.line, name: record.packages[0] }));
  const reviewed = record.lastReviewDate;
  if (!reviewed) return out;
  if (reviewed > today) {
    out.push({ ...at("last_review_date"), code: "record-invalid", message: `${recordName(record)}: last_review_date ${reviewed} is in the future. Set it to the day the review was done.` });
    return out;
  }
  const interval = record.reviewIntervalDays ?? config.review.interval_days;
  const lapses = addDays(reviewed, interval);
  const left = daysBetween(today, lapses);
  if (left <= 0) {
    out.push({ ...at("last_review_date"), code: "review-overdue", message: `The review of ${recordName(record)} lapsed on ${lapses} (last reviewed ${reviewed}, every ${interval} days). Review the record and update last_review_date.` });
  } else if (left <= config.review.warn_days) {
    out.push({ ...at("last_review_date"), code: "review-due-soon", message: `The review of ${recordName(record)} lapses on ${lapses}, in ${left} day${left === 1 ? "" : "s"}. Plan the review.` });
  }
  return out;
}

/** Applies the policy's severities (dropping `off`) and keeps each finding once. */
class FindingList {
  private readonly seen = new Map<string, Finding>();
  constructor(private readonly config: Config) {}

  add(finding: Omit<Finding, "severity"> & { code: FindingCode }): Finding | undefined {
    const settled = this.settle(finding);
    if (!settled) return undefined;
    const key = `${settled.code}\0${settled.path}\0${settled.line}\0${settled.message}`;
    if (!this.seen.has(key)) this.seen.set(key, settled);
    return this.seen.get(key);
  }

  settle(finding: Omit<Finding, "severity">): Finding | undefined {
    const severity = this.config.severity[finding.code];
    if (severity === "off") return undefined;
    const settled: Finding = { code: finding.code, severity, message: finding.message };
    for (const key of ["path", "line", "ecosystem", "name", "related", "advisory"] as const) if (finding[key] !== undefined) Object.assign(settled, { [key]: finding[key] });
    return settled;
  }

  list(): Finding[] {
    return [...this.seen.values()].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || compareText(a.path ?? "", b.path ?? "") || (a.line ?? 0) - (b.line ?? 0));
  }
}
