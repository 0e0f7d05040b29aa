import { recordName } from "../records/record-name.js";
import { describeItemAnomalies } from "./describe-item-anomalies.js";
import type { Audit } from "../core/audit-commit.js";
import type { AuditItem } from "../policy/group-audit-items.js";
import type { Finding } from "../types.js";
import type { AuditContext } from "./audit-context.js";
import { auditItemSeverity, auditStatusLabel, describeLockedVersions } from "./audit-status.js";
import { joinLines } from "./join-lines.js";
import { plural } from "./verdict.js";

const ICON = { failure: "❌", warning: "⚠️", notice: "ℹ️", ok: "✅" } as const;
const ECOSYSTEM_NAMES = { npm: "npm", pypi: "PyPI" } as const;

/**
 * The SOUP list of a design history file: a header saying what was audited, one row per SOUP item
 * (title, package, manufacturer, locked versions, licence, last review, status), the records that
 * describe nothing locked any more, and every finding with what to do.
 */
export function renderAuditMarkdown(audit: Audit, context: AuditContext): string {
  return [...renderAuditMarkdownChunks(audit, context)].join("");
}

/** The same document in pieces, for the command line to write as it goes. */
export function renderAuditMarkdownChunks(audit: Audit, context: AuditContext): Generator<string> {
  return joinLines(markdownLines(audit, context));
}

/** The document's lines; "" between its parts, and one at the end for the final newline. */
function* markdownLines(audit: Audit, context: AuditContext): Generator<string> {
  const failing = audit.items.filter((i) => auditItemSeverity(i) === "failure").length;
  const result = audit.conclusion === "failure"
    ? `❌ ${failing > 0 ? `${failing} of ${plural(audit.items.length, "SOUP item")} need${failing === 1 ? "s" : ""} action` : "problems to fix"}`
    : `✅ every SOUP item is covered by a reviewed record`;
  yield* [
    "# SOUP list",
    "",
    "| | |",
    "|---|---|",
    `| Repository | ${cell(context.repository)} |`,
    `| Commit | \`${context.commit}\` (${cell(context.ref)}) |`,
    `| Date | ${context.date} |`,
    `| Policy | ${context.policy ? `\`${cell(context.policy)}\`` : "defaults (no `.github/soup.yml`)"} |`,
    `| Lockfiles | ${audit.lockfiles.length > 0 ? audit.lockfiles.map((l) => `\`${cell(l)}\``).join(", ") : "none"} |`,
    `| Result | ${result} |`,
    "",
    "## SOUP items",
    "",
  ];
  if (audit.items.length === 0) yield "_No locked package is in scope of the SOUP policy._";
  else {
    yield "| Title | Package | Manufacturer | Locked versions | Licence | Last review | Status | Record | Known anomalies |";
    yield "|---|---|---|---|---|---|---|---|---|";
    for (const item of audit.items) yield row(item, audit.anomalies.state !== "off");
  }
  if (audit.outOfScope > 0) yield* ["", `_${plural(audit.outOfScope, "further locked package")} not in scope of the policy (transitive, development only or ignored)._`];

  yield* ["", "## Orphan records", ""];
  if (audit.orphansNotChecked) yield `_Not looked for: ${cell(audit.orphansNotChecked)}._`;
  else if (audit.orphans.length === 0) yield "_None: every record describes a locked package._";
  else {
    yield "| Record | Title | Packages | Last review |";
    yield "|---|---|---|---|";
    for (const r of audit.orphans) yield `| \`${cell(r.path)}\` | ${cell(r.title ?? "—")} | ${[...r.packages, ...r.aliases].map((p) => `\`${cell(p)}\``).join(", ")} | ${r.lastReviewDate ?? "—"} |`;
  }

  if (audit.findings.length > 0) {
    yield* ["", "## Findings", ""];
    for (const f of audit.findings) yield findingLine(f);
  }
  yield "";
}

function row(item: AuditItem, anomaliesChecked: boolean): string {
  const record = item.record;
  const licence = record?.license ?? (item.license ? `${item.license} (lockfile)` : undefined);
  const lastReview = record?.lastReviewDate ?? (record ? "pending" : undefined);
  return `| ${[
    // A SOUP list needs a title on every row: a record without one is titled by its package.
    cell(record?.title ?? item.name),
    `\`${cell(item.name)}\` (${ECOSYSTEM_NAMES[item.ecosystem]})`,
    cell(record?.manufacturer ?? "—"),
    cell(describeLockedVersions(item) || "—"),
    cell(licence ?? "—"),
    lastReview ?? "—",
    `${ICON[auditItemSeverity(item)]} ${auditStatusLabel(item)}`,
    record ? `\`${cell(recordName(record))}\`` : "—",
    describeItemAnomalies(item, anomaliesChecked, true).map(cell).join("<br>"),
  ].join(" | ")} |`;
}

function findingLine(f: Finding): string {
  const where = f.path ? ` \`${cell(f.path)}${f.line ? `:${f.line}` : ""}\`` : "";
  return `- ${ICON[f.severity]} **${f.code}**${where}: ${f.message.replace(/\n/g, "\n  ")}`;
}

/** Text from records and lockfiles inside a table cell: no row breaks, no column breaks, no HTML. */
function cell(text: string): string {
  return text.replace(/\r?\n|\r/g, " ").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/`/g, "'");
}
