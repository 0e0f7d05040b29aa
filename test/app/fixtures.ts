import { addDays } from "../../src/core/dates.js";

/** The day every App test runs on, whatever the real date: the App's clock is handed in (see loadApp). */
export const TODAY = "2026-06-15";
/** The App's clock in tests: one fixed instant of TODAY. */
export const NOW = new Date(`${TODAY}T09:30:00Z`);

/** `YYYY-MM-DD`, `days` from TODAY. */
export function daysFromToday(days: number): string {
  return addDays(TODAY, days);
}

/** A SOUP record in the front-matter form, reviewed 10 days ago unless told. */
export function record(name: string, versions: string[], options: { reviewed?: string; latest?: string } = {}): string {
  return [
    "---",
    `title: ${name}`,
    "soup:",
    `  package: ${name}`,
    "  ecosystem: pypi",
    "  manufacturer: Example maintainers",
    `  versions: [${versions.map((v) => `"${v}"`).join(", ")}]`,
    `  latest_reviewed: "${options.latest ?? versions[versions.length - 1]}"`,
    `  last_review_date: ${options.reviewed ?? daysFromToday(-10)}`,
    "---",
    `# ${name}`,
    "",
    "Requirements and anomaly review.",
    "",
  ].join("\n");
}

/** A pip requirements file pinning each `name==version`, one per line. */
export function requirements(pins: Record<string, string>): string {
  return Object.entries(pins)
    .map(([name, version]) => `${name}==${version}\n`)
    .join("");
}
