import type { ParseError, RecordField, SoupRecord } from "../types.js";
import { quoteValue } from "../text/quote-value.js";

/** A problem with one field, so that a field taken from elsewhere (front matter over table) drops it. */
export interface FieldProblem extends ParseError {
  field?: RecordField;
}

/** What one source (front matter, YAML file, General Information table) says about a record. */
export type RecordFields = Partial<
  Pick<
    SoupRecord,
    | "packages"
    | "aliases"
    | "ecosystem"
    | "manufacturer"
    | "license"
    | "versions"
    | "spans"
    | "versionRanges"
    | "latestReviewed"
    | "lastReviewDate"
    | "reviewIntervalDays"
    | "safetyClass"
    | "anomalies"
  >
> & {
  lines: Partial<Record<RecordField, number>>;
  problems: FieldProblem[];
  /** Where to point at a field the source lacks: the `soup:` key, the table, or line 1. */
  anchor: number;
};

export { isIsoDate } from "../core/dates.js";

/** An advisory id as databases write them: `CVE-2025-32434`, `GHSA-53q9-r3pm-6pq6`, `PYSEC-2022-43015`. */
export const ANOMALY_ID = /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+$/;

/** A listed anomaly whose applicability nobody wrote down has not been evaluated yet. */
export function unassessedProblem(id: string, where: string): string {
  return `${id} is listed${where} but not evaluated: say whether it applies to the device (applicable yes or no), why, and when it was reviewed`;
}

export function dateProblem(label: string, value: string): string {
  return `${label} ${quoteValue(value)} is not a date: write the day of the review as YYYY-MM-DD, e.g. 2026-01-26`;
}

/** A registry name has no spaces; a display name written in its place does. */
export function nameProblem(name: string, hint: string): string | undefined {
  return /\s/.test(name) ? `${quoteValue(name)} is not a registry name: write the name as the registry spells it${hint}` : undefined;
}
