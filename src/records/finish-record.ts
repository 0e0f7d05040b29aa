import type { Ecosystem, ParseError, RecordField, RecordForm, SoupRecord } from "../types.js";
import { versioningFor } from "../versions/versioning.js";
import type { FieldProblem, RecordFields } from "./record-fields.js";
import { quoteValue } from "../text/quote-value.js";

type Property = Exclude<keyof RecordFields, "lines" | "problems" | "anchor">;

/** Fields that stand or fall together: the Deployed Version(s) cell is versions, spans and ranges at once. */
const GROUPS: Array<{ fields: RecordField[]; properties: Property[] }> = [
  { fields: ["package"], properties: ["packages"] },
  { fields: ["ecosystem"], properties: ["ecosystem"] },
  { fields: ["manufacturer"], properties: ["manufacturer"] },
  { fields: ["license"], properties: ["license"] },
  { fields: ["versions", "version_range"], properties: ["versions", "spans", "versionRanges"] },
  { fields: ["latest_reviewed"], properties: ["latestReviewed"] },
  { fields: ["last_review_date"], properties: ["lastReviewDate"] },
  { fields: ["review_interval_days"], properties: ["reviewIntervalDays"] },
  { fields: ["anomalies"], properties: ["anomalies"] },
];

/** Front matter wins over the table field by field, wherever it gives a value (or a wrong one). */
export function mergeFields(preferred: RecordFields, fallback: RecordFields): RecordFields {
  const merged: RecordFields = {
    lines: {},
    problems: [...preferred.problems, ...fallback.problems].filter((p) => p.field === undefined),
    anchor: preferred.anchor,
    ...pick(fallback, ["aliases", "safetyClass"]),
    ...pick(preferred, ["aliases", "safetyClass"]),
  };
  for (const group of GROUPS) {
    const gives = (source: RecordFields) =>
      group.properties.some((p) => hasValue(source[p])) || source.problems.some((p) => p.field && group.fields.includes(p.field));
    const source = gives(preferred) ? preferred : fallback;
    Object.assign(merged, pick(source, group.properties));
    for (const field of group.fields) if (source.lines[field] !== undefined) merged.lines[field] = source.lines[field];
    for (const p of source.problems) if (p.field && group.fields.includes(p.field)) merged.problems.push(p);
  }
  return merged;
}

function hasValue(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== undefined;
}

function pick(source: RecordFields, properties: Property[]): Partial<RecordFields> {
  const picked: Partial<RecordFields> = {};
  for (const p of properties) if (source[p] !== undefined) Object.assign(picked, { [p]: source[p] });
  return picked;
}

/** The most problems one record reports; the rest are counted. */
export const MAX_PROBLEMS = 20;

const KEY_LABELS = { package: "package", versions: "versions", version_range: "version_range", latest_reviewed: "latest_reviewed", last_review_date: "last_review_date" };
const TABLE_LABELS = { package: "Package Name", versions: "Deployed Version(s)", version_range: "Deployed Version(s)", latest_reviewed: "Most Recent Available Version", last_review_date: "Last Review Date" };
const LIST_LABELS = { package: "Package Name", versions: "Version", version_range: "Version", latest_reviewed: "Version", last_review_date: "Last verified at" };

export interface FinishOptions {
  path: string;
  form: RecordForm;
  title?: string;
  /** The row's line, for a record that is one row of a SOUP list. */
  row?: number;
  /** False when the record's YAML could not be read: its fields are unknown, not missing. */
  complete: boolean;
}

/** Turns what the sources said into a record, adding the problems of the record as a whole (`record-invalid`). */
export function finishRecord(fields: RecordFields, options: FinishOptions): SoupRecord {
  const problems: FieldProblem[] = [...fields.problems];
  const label = options.form === "table" ? TABLE_LABELS : options.form === "list" ? LIST_LABELS : KEY_LABELS;
  const lineOf = (field: RecordField) => fields.lines[field] ?? fields.anchor;
  const flagged = (...names: RecordField[]) => problems.some((p) => p.field && names.includes(p.field));
  const add = (field: RecordField, message: string) => problems.push({ message, line: lineOf(field), field });

  const record: SoupRecord = {
    path: options.path,
    form: options.form,
    ...(options.title !== undefined ? { title: options.title } : {}),
    packages: fields.packages ?? [],
    aliases: fields.aliases ?? [],
    ...pick(fields, ["ecosystem", "manufacturer", "license"]),
    versions: fields.versions ?? [],
    spans: fields.spans ?? [],
    versionRanges: fields.versionRanges ?? [],
    ...pick(fields, ["latestReviewed", "lastReviewDate", "reviewIntervalDays", "safetyClass"]),
    ...(fields.anomalies && fields.anomalies.length > 0 ? { anomalies: fields.anomalies } : {}),
    ...(options.row !== undefined ? { row: options.row } : {}),
    lines: fields.lines,
    problems: [],
  };

  if (options.complete) {
    if (record.packages.length === 0 && !flagged("package")) {
      add("package", options.form === "table"
        ? `${label.package} is missing: write the registry name in the General Information table, e.g. "| Package Name | timm |"`
        : `${label.package} is missing: name the package as its registry spells it, e.g. "package: timm"`);
    }
    if (record.lastReviewDate === undefined && !flagged("last_review_date")) {
      add("last_review_date", `${label.last_review_date} is missing: a reviewer sets it (${options.form === "list" ? "YYYY-MM-DD or DD.MM.YYYY" : "YYYY-MM-DD"}) when the review is done`);
    }
    if (record.versions.length + record.spans.length + record.versionRanges.length === 0 && !flagged("versions", "version_range")) {
      add("versions", options.form === "table"
        ? `${label.versions} names no version: write the deployed versions, e.g. ">=1.0.9 (version-locked at 1.0.22 and 1.0.24)"`
        : options.form === "list"
          ? `${label.versions} names no version: write the locked version in the row, e.g. 1.0.24 (several separated by commas)`
          : `The record names no version: list the deployed versions under "versions" (the unique SOUP designator), or give a "version_range"`);
    }
  }
  if (record.ecosystem) checkVersions(record, record.ecosystem, label, add);

  const sorted = problems.map(({ message, line }): ParseError => ({ message, line })).sort((a, b) => a.line - b.line);
  // A record of 300,000 bad versions is one broken record: it says so in a few lines, not 300,000 findings.
  record.problems = sorted.length <= MAX_PROBLEMS ? sorted : [...sorted.slice(0, MAX_PROBLEMS - 1), { message: `…and ${sorted.length - MAX_PROBLEMS + 1} more problems in this record`, line: sorted[MAX_PROBLEMS - 1]!.line }];
  return record;
}

function checkVersions(record: SoupRecord, ecosystem: Ecosystem, label: Record<keyof typeof KEY_LABELS, string>, add: (field: RecordField, message: string) => void): void {
  const scheme = ecosystem === "npm" ? "semver" : "PEP 440";
  const versioning = versioningFor(ecosystem);
  const check = (field: RecordField, version: string) => {
    if (!versioning.isValid(version)) add(field, `${label[field as keyof typeof KEY_LABELS]}: ${quoteValue(version)} is not a valid ${ecosystem} version (${scheme}): write the version exactly as the ${ecosystem} registry publishes it`);
  };
  for (const version of record.versions) check("versions", version);
  for (const span of record.spans) for (const end of [span.from, span.to]) check("versions", end);
  if (record.latestReviewed !== undefined) check("latest_reviewed", record.latestReviewed);
  for (const range of record.versionRanges) {
    if (!versioning.isValidRange(range)) add("version_range", `${label.version_range}: ${quoteValue(range)} is not a valid ${ecosystem} version range (${scheme})`);
  }
}
