import type { Anomaly } from "../anomalies/advisory.js";
import type { Ecosystem } from "../types.js";

export interface DraftRecordInput {
  ecosystem: Ecosystem;
  name: string;
  versions: string[];
  license?: string;
  manufacturer?: string;
  /** Published advisories that affect the versions: listed ready to assess, never as assessed. */
  anomalies?: Anomaly[];
}

/**
 * A draft SOUP record with what the lockfile knows filled in and the review fields left empty, so the
 * draft parses as a record whose review is pending (`last_review_date` missing) and can never pass
 * before a reviewer completes it.
 */
export function renderDraftRecord(input: DraftRecordInput, form: "front-matter" | "table"): string {
  return form === "table" ? renderTable(input) : renderFrontMatter(input);
}

/** JSON strings are valid YAML double-quoted scalars: `@scope/pkg` and `6.0` stay strings. */
const quote = (text: string) => JSON.stringify(text);

function renderFrontMatter(input: DraftRecordInput): string {
  const lines = [
    "---",
    `title: ${quote(input.name)}`,
    "soup:",
    `  package: ${quote(input.name)}`,
    `  ecosystem: ${input.ecosystem}`,
    input.manufacturer
      ? `  manufacturer: ${quote(input.manufacturer)}`
      : "  manufacturer:      # who makes and maintains it (company, foundation or maintainers)",
    ...(input.license ? [`  license: ${quote(input.license)}`] : ["  license:           # the licence the package is published under"]),
    `  versions: [${input.versions.map(quote).join(", ")}]   # the exact deployed versions (unique SOUP designator)`,
    "  latest_reviewed:   # newest release on the registry on the day of the review",
    "  last_review_date:  # YYYY-MM-DD, set by the reviewer when the review is done",
    ...anomalyKeys(input.anomalies ?? []),
    "---",
    `# ${input.name}`,
    "",
    ...body([]),
  ];
  return `${lines.join("\n")}\n`;
}

function renderTable(input: DraftRecordInput): string {
  const deployed = input.versions.length > 0 ? `version-locked at ${joinVersions(input.versions)}` : "";
  const row = (field: string, value: string) => `| ${field} | ${value.replace(/\|/g, "\\|")} |`;
  const lines = [
    `# ${input.name}`,
    "",
    "## General Information",
    "",
    "| Field | Value |",
    "|---|---|",
    row("Package Name", input.name),
    row("Ecosystem", input.ecosystem),
    row("Manufacturer / Vendor", input.manufacturer ?? ""),
    row("License", input.license ?? ""),
    row("Deployed Version(s)", deployed),
    row("Most Recent Available Version", ""),
    row("Last Review Date", ""),
    "",
    `_Reviewer: fill in ${[...(input.manufacturer ? [] : ["Manufacturer / Vendor"]), ...(input.license ? [] : ["License"]), "Most Recent Available Version (the newest release on the day of the review)"].join(", ")} and Last Review Date (YYYY-MM-DD) when the review is done._`,
    "",
    ...body(input.anomalies ?? []),
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * `soup.anomalies` with one entry per advisory and its assessment left to the reviewer: an entry without
 * `applicable` keeps the record invalid, so a draft cannot pass with its advisories unassessed.
 */
function anomalyKeys(anomalies: Anomaly[]): string[] {
  if (anomalies.length === 0) return [];
  return [
    "  anomalies:         # published advisories that affect these versions: assess each one",
    ...anomalies.flatMap((a) => [
      `    - id: ${quote(a.id)}   # ${describe(a).replace(/\s+/g, " ")}`,
      "      applicable:      # yes or no: can it contribute to a hazardous situation in the device?",
      "      rationale:",
      "      reviewed:        # YYYY-MM-DD",
    ]),
  ];
}

function describe(anomaly: Anomaly): string {
  return [anomaly.aliases.join(", "), anomaly.severity ?? "", anomaly.summary ?? "", anomaly.url].filter((s) => s !== "").join("; ");
}

/** The Legit.Health way of listing versions: `A`, `A and B`, `A, B, and C`. */
function joinVersions(versions: string[]): string {
  if (versions.length < 3) return versions.join(" and ");
  return `${versions.slice(0, -1).join(", ")}, and ${versions[versions.length - 1]}`;
}

/** The sections IEC 62304 asks of a SOUP record, each with what belongs in it. */
function body(anomalies: Anomaly[]): string[] {
  return [
    "## Overview",
    "",
    "_What the package does in the device and why it was chosen (IEC 62304 8.1.2: title, manufacturer, unique designator)._",
    "",
    "## Requirements",
    "",
    "_The functional and performance requirements the device relies on, and the hardware and software the package needs (IEC 62304 5.3.3, 5.3.4)._",
    "",
    "| Requirement ID | Description | Source / Reference |",
    "|---|---|---|",
    "| FR-001 |  |  |",
    "",
    "## Known anomalies evaluation",
    "",
    "_The published anomaly list (issue tracker, security advisories, CVEs) for the deployed versions, and whether each anomaly could contribute to a hazardous situation (IEC 62304 7.1.2, 7.1.3)._",
    "",
    "| Anomaly reference | Status | Applicable | Rationale | Reviewed at |",
    "|---|---|---|---|---|",
    // Each advisory that affects the versions, its assessment left empty for the reviewer.
    ...anomalies.map((x) => `| ${`${x.id} (${describe(x)})`.replace(/\|/g, "\\|").replace(/\s+/g, " ")} | Open |  |  |  |`),
  ];
}
