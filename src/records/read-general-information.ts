import { ECOSYSTEMS, type RecordField } from "../types.js";
import { parseDeployedVersions, trimVersion } from "./parse-deployed-versions.js";
import { dateProblem, isIsoDate, nameProblem, type RecordFields } from "./record-fields.js";
import type { MarkdownTable, TableRow } from "./scan-markdown.js";
import { stripMarkdown } from "./strip-markdown.js";
import { quoteValue } from "../text/quote-value.js";

/** Row labels of the Legit.Health table, lower case with spacing around `/` removed. */
const LABELS: Record<string, RecordField> = {
  "package name": "package",
  "package name(s)": "package",
  package: "package",
  ecosystem: "ecosystem",
  "manufacturer/vendor": "manufacturer",
  manufacturer: "manufacturer",
  vendor: "manufacturer",
  license: "license",
  licence: "license",
  "deployed version(s)": "versions",
  "deployed versions": "versions",
  "deployed version": "versions",
  "most recent available version": "latest_reviewed",
  "most recent version": "latest_reviewed",
  "latest available version": "latest_reviewed",
  "last review date": "last_review_date",
  "last reviewed": "last_review_date",
  "last review": "last_review_date",
  "review date": "last_review_date",
};

function fieldOf(row: TableRow): RecordField | undefined {
  // Split and trimmed rather than `/\s*\/\s*/g`, whose leading `\s*` rescans a run of spaces from each of its positions.
  const label = stripMarkdown(row.cells[0] ?? "").toLowerCase().split("/").map((part) => part.trim()).join("/").replace(/:$/, "");
  return Object.hasOwn(LABELS, label) ? LABELS[label] : undefined;
}

/**
 * The "General Information" table: the first table under a heading of that name, or with a
 * `| Field | Value |` header, that has at least one known row. Under the heading, a header row that is
 * itself a field (`| Package Name | timm |` with no Field/Value header) counts as a row.
 */
export function findGeneralInformation(tables: MarkdownTable[]): TableRow[] | undefined {
  for (const table of tables) {
    const underHeading = table.headings.some((h) => h.toLowerCase() === "general information");
    const header = table.header.cells.map((c) => stripMarkdown(c).toLowerCase());
    const fieldValue = header[0] === "field" && header[1] === "value";
    if (!underHeading && !fieldValue) continue;
    const rows = fieldValue ? table.rows : [table.header, ...table.rows];
    if (rows.some((row) => fieldOf(row) !== undefined)) return rows;
  }
  return undefined;
}

/** Reads the record fields from the General Information rows of a Legit.Health record (the README's third record form). */
export function readGeneralInformation(rows: TableRow[]): RecordFields {
  const fields: RecordFields = { lines: {}, problems: [], anchor: rows[0]?.line ?? 1 };
  for (const row of rows) {
    const field = fieldOf(row);
    if (!field) continue;
    const label = stripMarkdown(row.cells[0] ?? "");
    const problem = (message: string) => fields.problems.push({ message, line: row.line, field });
    if (fields.lines[field] !== undefined) {
      problem(`${label} appears twice in the General Information table: keep one row`);
      continue;
    }
    fields.lines[field] = row.line;
    const value = stripMarkdown(row.cells[1] ?? "");
    if (value === "") continue;
    switch (field) {
      case "package": {
        // A nickname may follow in parentheses: `segmentation-models-pytorch (smp)`, `torch (PyTorch)`.
        const names = value.replace(/\([^()]*\)?/g, " ").split(",").map((n) => n.trim()).filter((n) => n !== "");
        fields.packages = names;
        for (const name of names) {
          const message = nameProblem(name, `; a display name may follow in parentheses: "timm (PyTorch Image Models)"`);
          if (message) problem(`Package Name: ${message}`);
        }
        break;
      }
      case "ecosystem": {
        const known = ECOSYSTEMS.find((e) => e === value.toLowerCase());
        if (known) fields.ecosystem = known;
        else problem(`Ecosystem ${quoteValue(value)} is not supported: write ${ECOSYSTEMS.join(" or ")}, or remove the row to match any ecosystem`);
        break;
      }
      case "manufacturer":
        fields.manufacturer = value;
        break;
      case "license":
        fields.license = value;
        break;
      case "versions": {
        const deployed = parseDeployedVersions(value);
        fields.versions = deployed.versions;
        fields.spans = deployed.spans;
        fields.versionRanges = deployed.ranges;
        if (deployed.ranges.length > 0) fields.lines.version_range = row.line;
        for (const message of deployed.problems) problem(message);
        break;
      }
      case "latest_reviewed": {
        // Only the leading version counts: `1.0.24 (January 2026)`.
        const token = /^[vV]?\d[0-9A-Za-z.+!_-]*/.exec(value)?.[0];
        if (token) fields.latestReviewed = trimVersion(token);
        else problem(`Most Recent Available Version ${quoteValue(value)} is not a version: write the newest release on the day of the review, e.g. 1.0.24`);
        break;
      }
      case "last_review_date":
        if (isIsoDate(value)) fields.lastReviewDate = value;
        else problem(dateProblem("Last Review Date", value));
        break;
    }
  }
  return fields;
}
