import { ECOSYSTEMS, type Ecosystem, type RecordField } from "../types.js";
import type { KnownAnomaly } from "../types.js";
import { dateProblem, isIsoDate, nameProblem, unassessedProblem, type RecordFields } from "./record-fields.js";
import { describeDays, readWholeDays } from "../core/whole-days.js";
import { quoteValue } from "../text/quote-value.js";

/** Keys whose presence makes a plain YAML file a SOUP record (generic ones such as `license` do not). */
export const RECORD_KEYS = ["package", "aliases", "versions", "version_range", "latest_reviewed", "last_review_date", "review_interval_days", "safety_class"];

const EMPTY = new Set(["", "~", "null", "Null", "NULL"]);

/**
 * Reads the record keys of one YAML mapping (the `soup:` front matter or a YAML record), values being
 * the failsafe schema's strings, lists and mappings. `keyLines` gives each key's file line.
 */
export function readYamlFields(mapping: Record<string, unknown>, keyLines: Map<string, number>, anchor: number, findLine?: (text: string, from: number) => number | undefined): RecordFields {
  const fields: RecordFields = { lines: {}, problems: [], anchor };
  const lineOf = (key: string) => keyLines.get(key) ?? anchor;
  const has = (key: string) => Object.hasOwn(mapping, key);
  const problem = (key: string, field: RecordField | undefined, message: string) =>
    fields.problems.push({ message, line: lineOf(key), ...(field ? { field } : {}) });

  /** A single value; lists and mappings where one value belongs are a problem. */
  const scalar = (key: string, field?: RecordField): string | undefined => {
    if (field && has(key)) fields.lines[field] = lineOf(key);
    const value = has(key) ? mapping[key] : undefined;
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") {
      problem(key, field, `${key} must be a single value, not a list or a mapping`);
      return undefined;
    }
    const text = value.trim();
    return EMPTY.has(text) ? undefined : text;
  };

  /** A list of values, or one value standing for a list of one. */
  const list = (key: string, field?: RecordField): string[] | undefined => {
    if (field && has(key)) fields.lines[field] = lineOf(key);
    const value = has(key) ? mapping[key] : undefined;
    if (value === undefined || value === null) return undefined;
    const items = Array.isArray(value) ? value : [value];
    const texts: string[] = [];
    for (const item of items) {
      if (typeof item !== "string") problem(key, field, `${key} must list plain values (names or versions), not lists or mappings`);
      else if (!EMPTY.has(item.trim())) texts.push(item.trim());
    }
    return texts;
  };

  const packages = list("package", "package");
  if (packages) fields.packages = packages;
  const aliases = list("aliases");
  if (aliases) fields.aliases = aliases;
  for (const [key, names] of [["package", packages], ["aliases", aliases]] as const) {
    for (const name of names ?? []) {
      const message = nameProblem(name, "; put display names in the title");
      if (message) problem(key, "package", message);
    }
  }

  const ecosystem = scalar("ecosystem", "ecosystem");
  if (ecosystem !== undefined) {
    const known = ECOSYSTEMS.find((e) => e === ecosystem.toLowerCase());
    if (known) fields.ecosystem = known satisfies Ecosystem;
    else problem("ecosystem", "ecosystem", `ecosystem ${quoteValue(ecosystem)} is not supported: write ${ECOSYSTEMS.join(" or ")}, or leave it out to match any ecosystem`);
  }

  const manufacturer = scalar("manufacturer", "manufacturer");
  if (manufacturer !== undefined) fields.manufacturer = manufacturer;
  const license = scalar("license", "license");
  if (license !== undefined) fields.license = license;
  const safetyClass = scalar("safety_class");
  if (safetyClass !== undefined) fields.safetyClass = safetyClass;

  const versions = list("versions", "versions");
  if (versions) fields.versions = versions;
  const ranges = list("version_range", "version_range");
  if (ranges) fields.versionRanges = ranges;
  const latest = scalar("latest_reviewed", "latest_reviewed");
  if (latest !== undefined) fields.latestReviewed = latest;

  const date = scalar("last_review_date", "last_review_date");
  if (date !== undefined) {
    if (isIsoDate(date)) fields.lastReviewDate = date;
    else problem("last_review_date", "last_review_date", dateProblem("last_review_date", date));
  }

  const anomalies = readAnomalies(mapping, lineOf("anomalies"), (message, line) => fields.problems.push({ message, line, field: "anomalies" }), findLine);
  if (has("anomalies")) fields.lines.anomalies = lineOf("anomalies");
  if (anomalies.length > 0) fields.anomalies = anomalies;

  const interval = scalar("review_interval_days", "review_interval_days");
  if (interval !== undefined) {
    const days = readWholeDays(interval, 1);
    if (days !== undefined) fields.reviewIntervalDays = days;
    else problem("review_interval_days", "review_interval_days", `review_interval_days ${quoteValue(interval)} must be ${describeDays(1)}, e.g. 365`);
  }
  return fields;
}

/**
 * `anomalies: [{ id, applicable, rationale, reviewed }]`: the published anomalies the review evaluated.
 * An entry must name its id and say whether it applies; otherwise it is listed but not evaluated.
 */
function readAnomalies(
  mapping: Record<string, unknown>,
  keyLine: number,
  problem: (message: string, line: number) => void,
  findLine?: (text: string, from: number) => number | undefined,
): KnownAnomaly[] {
  const value = Object.hasOwn(mapping, "anomalies") ? mapping.anomalies : undefined;
  if (value === undefined || value === null || (typeof value === "string" && EMPTY.has(value.trim()))) return [];
  if (!Array.isArray(value)) {
    problem(`anomalies must be a list of { id, applicable, rationale, reviewed }, e.g. "- id: CVE-2025-32434"`, keyLine);
    return [];
  }
  const out: KnownAnomaly[] = [];
  let from = keyLine;
  for (const item of value) {
    const text = (key: string) => {
      const v = item !== null && typeof item === "object" && !Array.isArray(item) && Object.hasOwn(item, key) ? (item as Record<string, unknown>)[key] : undefined;
      return typeof v === "string" && !EMPTY.has(v.trim()) ? v.trim() : undefined;
    };
    const id = text("id");
    if (!id) {
      problem(`each entry under anomalies needs an id (CVE, GHSA, PYSEC or OSV id), written as "- id: CVE-2025-32434" with applicable, rationale and reviewed below it`, from);
      continue;
    }
    const line = findLine?.(id, from) ?? keyLine;
    from = line;
    const entry: KnownAnomaly = { id, line };
    for (const key of ["applicable", "rationale", "reviewed"] as const) {
      const v = text(key);
      if (v !== undefined) entry[key] = v;
    }
    out.push(entry);
    if (entry.applicable === undefined) problem(unassessedProblem(id, " under anomalies"), line);
  }
  return out;
}
