import { addDays } from "../../src/core/dates.js";

/** `YYYY-MM-DD`, `days` from today: records stay fresh whenever the tests run (the App reads the real clock). */
export function daysFromToday(days: number): string {
  return addDays(new Date().toISOString().slice(0, 10), days);
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
