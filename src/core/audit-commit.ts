import type { AdvisorySource } from "../anomalies/advisory.js";
import { askAnomalies } from "../anomalies/ask-anomalies.js";
import { packageKey } from "../names.js";
import { selectAnomalyQueries } from "../policy/select-anomaly-queries.js";
import { CONFIG_PATH, type Config } from "../policy/config.js";
import { evaluate } from "../policy/evaluate.js";
import type { Conclusion } from "../policy/evaluation.js";
import { SEVERITY_ORDER } from "../policy/evaluation.js";
import { findOrphanRecords } from "../policy/find-orphan-records.js";
import { groupAuditItems, type AuditItem } from "../policy/group-audit-items.js";
import { nameSome } from "../text/name-some.js";
import type { Change, Finding, SoupRecord } from "../types.js";
import { MAX_CHANGES, tooManyChanges } from "./check-changes.js";
import { compareChanges, diffDependencies } from "./diff-dependencies.js";
import { loadRecords } from "./load-records.js";
import { readLockedPackages } from "./read-locked-packages.js";
import type { Snapshot } from "./snapshot.js";
import { compareText } from "../text/compare-text.js";

export interface AuditInput {
  /** The commit whose lockfiles are audited. */
  commit: Snapshot;
  /** Where the records live: the same commit, or the records repository. */
  records: Snapshot;
  /** Whether `records` is this repository: only then can a record be called an orphan of it. */
  recordsInRepository: boolean;
  config: Config;
  configErrors?: readonly string[];
  configPath?: string;
  /** `YYYY-MM-DD`. */
  today: string;
  /** Where published advisories come from; every in-scope locked version is asked about, in one question. */
  advisories?: AdvisorySource;
  /** Refuse beyond this many locked packages (MAX_CHANGES); tests set a small one. */
  maxChanges?: number;
}

/** The SOUP inventory of one commit against its records (`soup-gate audit`). */
export interface Audit {
  conclusion: Conclusion;
  /** Every in-scope SOUP item, one per ecosystem and normalised name. */
  items: AuditItem[];
  /** Records that match no package locked at the commit. */
  orphans: SoupRecord[];
  /** Why orphans were not looked for, when they were not. */
  orphansNotChecked?: string;
  /** Locked packages the policy does not check (transitive, development only, ignored), one per name. */
  outOfScope: number;
  lockfiles: string[];
  records: SoupRecord[];
  /** Every finding once, most severe first. */
  findings: Finding[];
  /** Whether published advisories were checked: `off` when no source was asked. */
  anomalies: { state: "checked" | "unavailable" | "off"; source?: string };
}

/**
 * The audit recipe, reusing the pull-request evaluation so both apply the same rules:
 * 1. read every lockfile at the commit, 2. treat each locked package as added to an empty base,
 * 3. read the records, 4. evaluate, 5. fold the changes into SOUP items and look for orphan records.
 */
export async function auditCommit(input: AuditInput): Promise<Audit> {
  const { config } = input;
  const locked = await readLockedPackages(input.commit, config);
  const changes: Change[] = [];
  // One push per change, not `push(...list)`: a lockfile of 200,000 packages would overflow the stack.
  for (const [file, deps] of locked.byFile) for (const change of diffDependencies(file, [], deps, { head: locked.locate.get(file) })) changes.push(change);
  // Every line is found now: the lockfile texts the locators hold go.
  locked.locate.clear();
  const maxChanges = input.maxChanges ?? MAX_CHANGES;
  if (changes.length > maxChanges) throw tooManyChanges(changes.length, maxChanges, "locked packages", locked.lockfiles);
  changes.sort(compareChanges);

  const records = await loadRecords(input.records, config.records.path);
  // A record that names no package matches nothing; evaluating it as edited reports it as invalid.
  const unnamed = records.filter((r) => r.packages.every((p) => p.trim() === ""));
  const queries = input.advisories ? selectAnomalyQueries(changes, config) : [];
  const anomalies = input.advisories && queries.length > 0 ? await askAnomalies(input.advisories, queries) : undefined;
  const evaluation = evaluate({
    ...(anomalies ? { anomalies } : {}),
    changes,
    records,
    changedRecords: unnamed.map((r) => ({ path: r.path, blob: r.blob ?? "" })),
    lockfiles: locked.lockfiles,
    lockfileErrors: locked.errors,
    configErrors: input.configErrors ?? [],
    configPath: input.configPath ?? CONFIG_PATH,
    config,
    today: input.today,
    drafts: "scaffold",
  });

  const lockedKeys = new Set(changes.map((c) => packageKey(c.ecosystem, c.name)));
  const orphansNotChecked = !input.recordsInRepository
    ? "the records live in another repository, which may describe other products"
    : locked.errors.length > 0
      ? "a lockfile could not be read, so nobody can say which packages are gone"
      : undefined;
  const orphans = orphansNotChecked ? [] : findOrphanRecords(records, (ecosystem, name) => lockedKeys.has(packageKey(ecosystem, name)));
  const findings = [...evaluation.findings, ...orphans.flatMap((r) => orphanFinding(r, config))].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || compareText(a.path ?? "", b.path ?? "") || (a.line ?? 0) - (b.line ?? 0),
  );

  const inScope = new Set(evaluation.changes.filter((c) => c.inScope).map((c) => packageKey(c.ecosystem, c.name)));
  return {
    conclusion: findings.some((f) => f.severity === "failure") ? "failure" : "success",
    items: groupAuditItems(evaluation.changes, records),
    orphans,
    anomalies: anomalies ? { state: anomalies.state, source: anomalies.source } : input.advisories && config.anomalies.source !== "off" ? { state: "checked", source: input.advisories.name } : { state: "off" },
    ...(orphansNotChecked ? { orphansNotChecked } : {}),
    outOfScope: [...lockedKeys].filter((key) => !inScope.has(key)).length,
    lockfiles: locked.lockfiles,
    records,
    findings,
  };
}

function orphanFinding(record: SoupRecord, config: Config): Finding[] {
  const severity = config.severity["orphan-record"];
  if (severity === "off") return [];
  const names = nameSome([...record.packages, ...record.aliases]);
  return [{
    code: "orphan-record",
    severity,
    message: `${record.path} describes ${names}, which no lockfile at this commit locks: retire the record (mark it obsolete or delete it), or check that lockfiles.exclude does not hide its lockfile.`,
    path: record.path,
    line: record.lines.package ?? 1,
    ...(record.packages[0] ? { name: record.packages[0] } : {}),
  }];
}
