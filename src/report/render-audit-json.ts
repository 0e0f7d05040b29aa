import type { Audit } from "../core/audit-commit.js";
import type { Finding, SoupRecord } from "../types.js";
import type { AuditItem } from "../policy/group-audit-items.js";
import type { AuditContext } from "./audit-context.js";
import { JsonList, jsonPieces } from "./json-pieces.js";

/** The stable JSON form of the audit; every key is documented in the README. */
export function renderAuditJson(audit: Audit, context: AuditContext): string {
  return [...renderAuditJsonChunks(audit, context)].join("");
}

/** The same JSON in pieces, for the command line to write as it goes. */
export function renderAuditJsonChunks(audit: Audit, context: AuditContext): Generator<string> {
  return jsonPieces({
    repository: context.repository,
    ref: context.ref,
    commit: context.commit,
    date: context.date,
    policy: context.policy,
    conclusion: audit.conclusion,
    lockfiles: audit.lockfiles,
    items: new JsonList(audit.items, (item: AuditItem) => ({
      ecosystem: item.ecosystem,
      name: item.name,
      versions: item.versions,
      unpinned: item.unpinned,
      license: item.license ?? null,
      locations: item.locations,
      status: item.status,
      record: item.record ? recordJson(item.record) : null,
      // Published advisories affecting the locked versions; null when no source was asked or it could not be.
      anomalies: audit.anomalies.state !== "checked" || item.anomaliesUnchecked ? null : item.anomalies.map((a) => ({ id: a.id, aliases: a.aliases, severity: a.severity ?? null, url: a.url, versions: a.versions, assessed: a.assessed })),
      findings: item.findings.map(findingJson),
    })),
    out_of_scope: audit.outOfScope,
    orphans: new JsonList(audit.orphans, recordJson),
    orphans_not_checked: audit.orphansNotChecked ?? null,
    findings: new JsonList(audit.findings, findingJson),
  });
}

function recordJson(record: SoupRecord) {
  return {
    path: record.path,
    // The row's line when the record is one row of a SOUP list; null for a record that is a whole file.
    line: record.row ?? null,
    title: record.title ?? null,
    packages: record.packages,
    aliases: record.aliases,
    ecosystem: record.ecosystem ?? null,
    manufacturer: record.manufacturer ?? null,
    license: record.license ?? null,
    versions: record.versions,
    spans: record.spans,
    version_ranges: record.versionRanges,
    latest_reviewed: record.latestReviewed ?? null,
    last_review_date: record.lastReviewDate ?? null,
  };
}

function findingJson(f: Finding) {
  return { code: f.code, severity: f.severity, message: f.message, path: f.path ?? null, line: f.line ?? null, ...(f.advisory ? { advisory: f.advisory } : {}) };
}
