import { DEFAULT_RECORDS_DIR } from "../policy/config.js";
import type { EvaluatedChange, Evaluation } from "../policy/evaluation.js";
import { draftFileName } from "../records/draft-file-name.js";
import { renderDraftRecord } from "../records/render-draft-record.js";
import type { Finding } from "../types.js";
import { changeStatus, describeVersions } from "./describe-change.js";
import { describeAnomalies, listUnassessedAnomalies } from "./describe-anomalies.js";
import { FINDING_HELP } from "./finding-help.js";
import { verdict } from "./verdict.js";

export interface MarkdownOptions {
  /** Link target for a repository path (a blob URL in the App, the plain path on the command line). */
  link?: (path: string, line?: number) => string;
  /** Folder where draft records are suggested. */
  recordsDir?: string;
  /** Include a collapsed draft record for each missing record. */
  drafts?: boolean;
  /** Markdown about the approval state, appended as its own section. */
  approval?: string;
  /** GitHub's limits: 65,535 for a check summary, 65,536 for a comment. */
  maxLength?: number;
}

const ICON = { failure: "❌", warning: "⚠️", ok: "✅", "not-checked": "➖" } as const;
const MAX_DRAFTS = 20;

/**
 * The Markdown report used for the pull-request comment, the check-run summary and `--format markdown`.
 * It degrades to fit `maxLength`: first the unchecked changes collapse to a count, then drafts go, then
 * the table is cut with a count of what was left out — it never exceeds the limit.
 */
export function renderMarkdown(evaluation: Evaluation, options: MarkdownOptions = {}): string {
  const max = options.maxLength ?? 65_000;
  // Every piece is rendered once; fitting the limit only assembles them again, so a report of many
  // thousand changes costs one rendering, not one per size tried.
  const parts = renderParts(evaluation, options);
  for (const level of [0, 1, 2]) {
    const text = assemble(parts, level, Infinity);
    if (text.length <= max) return text;
  }
  // Cut the table row by row (binary search on the number of rows kept).
  let low = 0;
  let high = evaluation.changes.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (assemble(parts, 2, mid).length <= max) low = mid;
    else high = mid - 1;
  }
  const text = assemble(parts, 2, low);
  return text.length <= max ? text : `${text.slice(0, max - 80)}\n\n_…report truncated to fit GitHub's size limit._\n`;
}

/** The report's pieces, each rendered once; `assemble` puts them together at a level of detail. */
interface Parts {
  heading: string;
  /** The checked changes' table: header lines, then one line per change. */
  checkedHeader: string[];
  checkedRows: string[];
  /** The unchecked changes, as a collapsed table (level 0) or a count (levels 1 and 2). */
  unchecked?: { full: string; short: string };
  todo: string[];
  drafts?: string;
  note?: string;
  /** The approval section, with up to 50 unassessed advisories (levels 0 and 1) or 10 (level 2). */
  approval?: { full: string; short: string };
}

function renderParts(evaluation: Evaluation, options: MarkdownOptions): Parts {
  const link = options.link ?? ((path: string) => path);
  const checked = evaluation.changes.filter((c) => c.inScope);
  const unchecked = evaluation.changes.filter((c) => !c.inScope);
  const [checkedHeader, checkedRows] = table(checked, link);
  const parts: Parts = { heading: `### ${verdict(evaluation)}`, checkedHeader, checkedRows, todo: toDoList(evaluation, link) };
  if (unchecked.length > 0) {
    const summary = `${unchecked.length} change${unchecked.length === 1 ? "" : "s"} not checked by the policy (transitive, development only or ignored)`;
    const [header, rows] = table(unchecked, link, false);
    parts.unchecked = { full: `<details><summary>${summary}</summary>\n\n${[...header, ...rows].join("\n")}\n\n</details>`, short: `_${summary}._` };
  }
  if (options.drafts) {
    const missing = checked.filter((c) => c.findings.some((f) => f.code === "missing-record"));
    const drafts = dedupe(missing).slice(0, MAX_DRAFTS).map((c) => draft(c, options.recordsDir ?? DEFAULT_RECORDS_DIR));
    if (drafts.length > 0) parts.drafts = `#### Draft records\n\n${drafts.join("\n\n")}`;
  }
  if (evaluation.configChanged) parts.note = "> [!NOTE]\n> This pull request edits `.github/soup.yml`. soup-gate reads the policy from the default branch, so the change applies once it is merged.";
  if (options.approval) {
    // Advisories nobody has assessed belong where QA decides: next to the approval.
    const withAdvisories = (limit: number) => {
      const unassessed = listUnassessedAnomalies(evaluation, limit);
      return unassessed.length > 0 ? `${options.approval}\n\nPublished advisories not assessed in the records yet:\n${unassessed.join("\n")}` : options.approval!;
    };
    parts.approval = { full: withAdvisories(50), short: withAdvisories(10) };
  }
  return parts;
}

function assemble(parts: Parts, level: number, maxRows: number): string {
  const out: string[] = [parts.heading];
  if (parts.checkedRows.length > 0) {
    const rows = parts.checkedRows.slice(0, maxRows);
    out.push([...parts.checkedHeader, ...rows].join("\n"));
    if (rows.length < parts.checkedRows.length) out.push(`_…and ${parts.checkedRows.length - rows.length} more checked changes, not listed to fit GitHub's size limit; the check run's annotations list every one._`);
  }
  if (parts.unchecked) out.push(level === 0 ? parts.unchecked.full : parts.unchecked.short);

  // The to-do list is cut with the table, so a huge pull request still gets a readable, complete-looking report.
  const shown = parts.todo.slice(0, maxRows);
  if (shown.length < parts.todo.length) shown.push(`- …and ${parts.todo.length - shown.length} more, not listed to fit GitHub's size limit: see the check run's annotations.`);
  if (parts.todo.length > 0) out.push(`#### What to do\n\n${shown.join("\n")}`);

  if (parts.drafts && level < 2) out.push(parts.drafts);
  if (parts.note) out.push(parts.note);
  if (parts.approval) out.push(level < 2 ? parts.approval.full : parts.approval.short);
  return `${out.join("\n\n")}\n`;
}

/** The checked changes get an Anomalies column; changes out of scope were asked nothing. */
function table(changes: EvaluatedChange[], link: (path: string, line?: number) => string, withAnomalies = true): [header: string[], rows: string[]] {
  const rows = changes.map((c) => {
    const status = changeStatus(c);
    const record = c.record ? `[${c.record}${c.recordLine ? `#L${c.recordLine}` : ""}](${link(c.record, c.recordLine)})` : "—";
    const what = status === "not-checked" ? c.outOfScopeReason ?? "not checked" : status === "ok" ? passed(c) : [...new Set(c.findings.filter((f) => f.severity !== "notice").map((f) => lowerFirst(FINDING_HELP[f.code].title)))].join(", ");
    return `| ${ICON[status]} | ${c.ecosystem} | \`${cell(c.name)}\` | ${cell(describeVersions(c))} | [${cell(c.lockfile)}#L${c.line}](${link(c.lockfile, c.line)}) | ${record} |${withAnomalies ? ` ${describeAnomalies(c)} |` : ""} ${cell(what)} |`;
  });
  const header = withAnomalies ? ["| | Ecosystem | Package | Change | Lockfile | Record | Anomalies | Status |", "|---|---|---|---|---|---|---|---|"] : ["| | Ecosystem | Package | Change | Lockfile | Record | Status |", "|---|---|---|---|---|---|---|"];
  return [header, rows];
}

/** A removal needs no record; it may leave one to retire. */
function passed(change: EvaluatedChange): string {
  if (change.kind !== "removed") return "covered";
  return change.findings.some((f) => f.code === "orphan-record") ? "removed; retire its record" : "removed";
}

function toDoList(evaluation: Evaluation, link: (path: string, line?: number) => string): string[] {
  const items: string[] = [];
  const seen = new Set<string>();
  const push = (finding: Finding, subject: string) => {
    const key = `${finding.code}\0${finding.message}`;
    if (seen.has(key) || finding.severity === "notice") return;
    seen.add(key);
    const where = finding.path ? ` ([${finding.path}${finding.line ? `#L${finding.line}` : ""}](${link(finding.path, finding.line)}))` : "";
    items.push(`- ${finding.severity === "failure" ? "❌" : "⚠️"} ${subject}\`${finding.code}\`${where} — ${finding.message.replace(/\n/g, " ")}`);
  };
  for (const change of evaluation.changes) for (const f of change.findings) push(f, `**${change.name}** ${describeVersions(change)}: `);
  for (const f of evaluation.findings) push(f, "");
  const notices = evaluation.findings.filter((f) => f.severity === "notice");
  for (const f of notices) items.push(`- ℹ️ \`${f.code}\` — ${f.message}`);
  return items;
}

function draft(change: EvaluatedChange, dir: string): string {
  const file = draftFileName(dir, change.ecosystem, change.name);
  const anomalies = change.anomalies?.state === "checked" ? change.anomalies.unassessed : [];
  const input = { ecosystem: change.ecosystem, name: change.name, versions: change.to ? [change.to] : [], ...(change.license ? { license: change.license } : {}), ...(anomalies.length > 0 ? { anomalies } : {}) };
  const body = renderDraftRecord(input, "front-matter");
  const fence = body.includes("```") ? "````" : "```";
  return `<details><summary>Draft record for <code>${cell(change.name)}</code> (${change.ecosystem}) — save as <code>${file}</code></summary>\n\nA reviewer completes the empty fields; until then the record does not pass.\n\n${fence}markdown\n${body.trimEnd()}\n${fence}\n\n</details>`;
}

function dedupe(changes: EvaluatedChange[]): EvaluatedChange[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = `${c.ecosystem}\0${c.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** "No SOUP record" → "no SOUP record": only the first letter, so acronyms survive. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
