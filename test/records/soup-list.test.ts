import { readFileSync } from "node:fs";
import { parseRecord } from "../../src/records/parse-record.js";
import type { SoupRecord } from "../../src/types.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/records/${name}`, import.meta.url), "utf8");

function listOf(path: string, text: string): SoupRecord[] {
  const outcome = parseRecord(path, text);
  if (outcome.kind !== "list") throw new Error(`${path} was not read as a SOUP list (${outcome.kind})`);
  return outcome.records;
}

describe("a SOUP list in the OpenRegulatory form: one record per row", () => {
  it("reads the template's example row: DD.MM.YYYY, JavaScript as npm, the website link as manufacturer", () => {
    expect(listOf("docs/soup-list.md", fixture("openregulatory-soup-list-template.md"))).toEqual([{
      path: "docs/soup-list.md",
      form: "list",
      title: "react-native",
      row: 47,
      packages: ["react-native"],
      aliases: [],
      ecosystem: "npm",
      manufacturer: "https://facebook.github.io/react-native/",
      versions: ["0.61"],
      spans: [],
      versionRanges: [],
      lastReviewDate: "2020-10-23",
      lines: { package: 47, versions: 47, last_review_date: 47, manufacturer: 47, license: 47, ecosystem: 47 },
      // The template's "0.61" is no semver version: a lockfile locks 0.61.x, and the row must name it.
      problems: [{ line: 47, message: `Version: "0.61" is not a valid npm version (semver): write the version exactly as the npm registry publishes it` }],
    }]);
  });

  it("reads a real generated list: unknown, N/A and [unknown](unknown) are missing values", () => {
    const records = listOf("docs/md_docs/soup-list.md", fixture("test-ct-covid-soup-list.md"));
    expect(records).toHaveLength(26);
    const byName = new Map(records.map((r) => [r.packages[0], r]));
    expect(byName.get("torch")).toMatchObject({ row: 53, versions: ["2.4.1"], lastReviewDate: "2024-09-04", manufacturer: "https://pytorch.org/", problems: [] });
    expect(byName.get("torch")!.ecosystem).toBeUndefined();
    expect(byName.get("numpy")).toMatchObject({ ecosystem: "pypi", versions: ["2.0.2"], lastReviewDate: "2024-09-03", problems: [] });
    expect(byName.get("seaborn")!.manufacturer).toBeUndefined();
    // "Programming Language: Only" or "3" names no ecosystem: the row matches any.
    expect(byName.get("pytest")!.ecosystem).toBeUndefined();
    expect(byName.get("covidx")!.problems.map((p) => p.message)).toEqual([
      "Last verified at is missing: a reviewer sets it (YYYY-MM-DD or DD.MM.YYYY) when the review is done",
      "Version names no version: write the locked version in the row, e.g. 1.0.24 (several separated by commas)",
    ]);
  });

  it("matches column names without regard to case, emphasis and spaces, and reads Known Anomalies, several versions and a Manufacturer column", () => {
    const text = [
      "# SOUP",
      "",
      "| **PACKAGE NAME** |  programming language  | _Version_ | Manufacturer | Website | Last Verified | Known Anomalies |",
      "|---|---|---|---|---|---|---|",
      "| torch | Python | 2.5.1, 2.6.0 | PyTorch Foundation | [Link](https://pytorch.org) | 2026-01-26 | CVE-2025-32434, GHSA-63cw-57p8-fm3p |",
      "|  | Python |  |  |  |  |  |",
      "| express | TypeScript | 4.21.2 | - | - | 31.12.2025 | - |",
    ].join("\n");
    const [torch, express, ...rest] = listOf("docs/soup.md", text);
    expect(rest).toEqual([]);
    expect(torch).toMatchObject({ row: 5, ecosystem: "pypi", versions: ["2.5.1", "2.6.0"], manufacturer: "PyTorch Foundation", lastReviewDate: "2026-01-26", anomalies: [{ id: "CVE-2025-32434", line: 5 }, { id: "GHSA-63cw-57p8-fm3p", line: 5 }], problems: [] });
    expect(express).toMatchObject({ row: 7, ecosystem: "npm", versions: ["4.21.2"], lastReviewDate: "2025-12-31", problems: [] });
    expect(express!.manufacturer).toBeUndefined();
  });

  it.each([["31.02.2026"], ["2026/01/26"], ["January 2026"]])("calls the date %s no date, at its row", (date) => {
    const text = ["| Package Name | Version | Last verified at |", "|---|---|---|", `| timm | 1.0.24 | ${date} |`].join("\n");
    expect(listOf("docs/soup.md", text)[0]!.problems).toEqual([{ line: 3, message: `Last verified at "${date}" is not a date: write the day of the review as YYYY-MM-DD or DD.MM.YYYY, e.g. 2026-01-26 or 26.01.2026` }]);
  });

  it("is a list with no records when every row is a placeholder", () => {
    expect(listOf("docs/soup.md", "| Package Name | Version |\n|---|---|\n|  |  |\n")).toEqual([]);
  });

  it("leaves an index page whose table has no Version column alone", () => {
    expect(parseRecord("docs/soup/index.md", fixture("index-page.md"))).toEqual({ kind: "not-a-record" });
  });

  it("prefers the page's own record: a General Information page that also holds a list table is one record", () => {
    const text = `${fixture("legit-health-timm.md")}\n\n| Package Name | Version |\n|---|---|\n| torch | 2.9.1 |\n`;
    expect(parseRecord("docs/soup/timm.md", text).kind).toBe("record");
  });
});
