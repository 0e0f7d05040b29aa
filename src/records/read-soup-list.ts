import type { Ecosystem, KnownAnomaly } from "../types.js";
import { ANOMALY_ID, dateProblem, isIsoDate, nameProblem, type RecordFields } from "./record-fields.js";
import type { MarkdownTable, TableRow } from "./scan-markdown.js";
import { stripMarkdown } from "./strip-markdown.js";

type Column = "package" | "version" | "language" | "manufacturer" | "website" | "verified" | "anomalies" | "license";

/** Column names, compared without regard to case, emphasis markup and surrounding spaces. */
const COLUMNS: Record<string, Column> = {
  "package name": "package",
  package: "package",
  version: "version",
  versions: "version",
  "programming language": "language",
  "programming languages": "language",
  language: "language",
  manufacturer: "manufacturer",
  website: "website",
  "last verified at": "verified",
  "last verified": "verified",
  "known anomalies": "anomalies",
  license: "license",
  licence: "license",
};

/** `unknown`, `N/A`, `-` and empty cells say nothing. */
const MISSING = new Set(["", "unknown", "n/a", "na", "-", "–", "—"]);

const LANGUAGES: Record<string, Ecosystem> = { python: "pypi", javascript: "npm", typescript: "npm" };

export interface SoupListRow {
  fields: RecordFields;
  /** The row's 1-based line: the record's place in its file. */
  row: number;
  title: string;
}

/** The SOUP-list tables of a page: a header naming at least Package Name and Version. */
export function findSoupLists(tables: MarkdownTable[]): MarkdownTable[] {
  return tables.filter((table) => {
    const columns = columnsOf(table);
    return columns.includes("package") && columns.includes("version");
  });
}

/**
 * Each row of a SOUP list as one record (the OpenRegulatory template): Version the locked versions
 * (several separated by commas), Last verified at the review date (ISO, or the template's DD.MM.YYYY),
 * Manufacturer or else Website the manufacturer, Programming Language the ecosystem (Python: pypi,
 * JavaScript or TypeScript: npm, anything else: any ecosystem), Known Anomalies the assessed ids. A row
 * whose package is empty is a template placeholder and is skipped.
 */
export function readSoupListRows(table: MarkdownTable): SoupListRow[] {
  const columns = columnsOf(table);
  const rows: SoupListRow[] = [];
  for (const row of table.rows) {
    const value = (column: Column) => cellValue(row, columns.indexOf(column));
    const name = value("package");
    if (name === undefined) continue;
    const line = row.line;
    const fields: RecordFields = { lines: {}, problems: [], anchor: line };
    for (const field of ["package", "versions", "last_review_date", "manufacturer", "license", "ecosystem"] as const) fields.lines[field] = line;
    const problem = (field: "package" | "versions" | "last_review_date", message: string) => fields.problems.push({ message, line, field });

    fields.packages = [name];
    const badName = nameProblem(name, "; put the display name in another column");
    if (badName) problem("package", `Package Name: ${badName}`);

    const versions = (value("version") ?? "").split(",").map((v) => v.trim()).filter((v) => !MISSING.has(v.toLowerCase()));
    if (versions.length > 0) fields.versions = versions;

    const verified = value("verified");
    if (verified !== undefined) {
      const iso = toIsoDate(verified);
      if (iso) fields.lastReviewDate = iso;
      else problem("last_review_date", dateProblem("Last verified at", verified).replace("as YYYY-MM-DD, e.g. 2026-01-26", "as YYYY-MM-DD or DD.MM.YYYY, e.g. 2026-01-26 or 26.01.2026"));
    }

    const language = value("language")?.toLowerCase();
    const ecosystem = language === undefined ? undefined : LANGUAGES[language];
    if (ecosystem) fields.ecosystem = ecosystem;
    const manufacturer = value("manufacturer") ?? value("website");
    if (manufacturer !== undefined) fields.manufacturer = manufacturer;
    const license = value("license");
    if (license !== undefined) fields.license = license;

    const anomalies: KnownAnomaly[] = (value("anomalies") ?? "").split(/[\s,;]+/).filter((id) => ANOMALY_ID.test(id)).map((id) => ({ id, line }));
    if (anomalies.length > 0) {
      fields.anomalies = anomalies;
      fields.lines.anomalies = line;
    }
    rows.push({ fields, row: line, title: name });
  }
  return rows;
}

/** A cell's words; a link keeps its target when its text says nothing (`[Link](https://…)`). */
function cellValue(row: TableRow, at: number): string | undefined {
  if (at === -1) return undefined;
  const raw = row.cells[at] ?? "";
  const link = /^\s*\[([^[\]]*)\]\(([^()\s]*)\)\s*$/.exec(raw);
  const text = link && /^(?:link|website|here)$/i.test(link[1]!.trim()) ? link[2]! : stripMarkdown(raw);
  return MISSING.has(text.trim().toLowerCase()) ? undefined : text.trim();
}

function columnsOf(table: MarkdownTable): Array<Column | ""> {
  return table.header.cells.map((c) => {
    const label = stripMarkdown(c).toLowerCase().replace(/\s+/g, " ").trim();
    return Object.hasOwn(COLUMNS, label) ? COLUMNS[label]! : "";
  });
}

/** `2020-10-23`, or the template's `23.10.2020`, as an ISO date; undefined when it is no real date. */
function toIsoDate(text: string): string | undefined {
  if (isIsoDate(text)) return text;
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (!dotted) return undefined;
  const iso = `${dotted[3]}-${dotted[2]!.padStart(2, "0")}-${dotted[1]!.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : undefined;
}
