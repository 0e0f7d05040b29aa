import { readFileSync } from "node:fs";
import { describe, expect, test } from "@jest/globals";
import { DEFAULT_SEVERITY } from "../../src/policy/config.js";
import { FINDING_HELP } from "../../src/report/finding-help.js";
import { FINDING_CODES } from "../../src/types.js";

/** The rows of the README's "Findings" table: code, default severity, cause, resolution. */
function readmeFindings(): Array<{ code: string; severity: string; cause: string; resolution: string }> {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("\n## Findings"));
  const table = section.slice(0, section.indexOf("\n## ", 1));
  return table
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => {
      const [code = "", severity = "", cause = "", resolution = ""] = line.slice(2, -2).split(" | ");
      return { code: code.replace(/`/g, ""), severity, cause, resolution };
    });
}

describe("the findings table of the README", () => {
  test("documents every finding code once, in the order of the code, with its default severity", () => {
    const rows = readmeFindings();
    expect(rows.map((r) => r.code)).toStrictEqual([...FINDING_CODES]);
    for (const row of rows) expect(row.severity).toBe(DEFAULT_SEVERITY[row.code as keyof typeof DEFAULT_SEVERITY]);
  });

  test.each([...FINDING_CODES])("%s: cause and resolution are the App's own words", (code) => {
    const row = readmeFindings().find((r) => r.code === code);
    expect(row).toStrictEqual({ code, severity: DEFAULT_SEVERITY[code], cause: FINDING_HELP[code].cause, resolution: FINDING_HELP[code].resolution });
  });
});
