import { readFileSync } from "node:fs";
import { parseRecord } from "../../src/records/parse-record.js";
import type { SoupRecord } from "../../src/types.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/records/${name}`, import.meta.url), "utf8");

function recordOf(path: string, text: string): SoupRecord {
  const outcome = parseRecord(path, text);
  if (outcome.kind !== "record") throw new Error(`${path} was not read as a record`);
  return outcome.record;
}

/** A Legit.Health page around the given General Information rows. */
function page(...rows: string[]): string {
  return ["# Example", "", "## General Information", "", "| Field | Value |", "|---|---|", ...rows, ""].join("\n");
}

describe("the reference Legit.Health record", () => {
  it("reads the General Information table of the timm page", () => {
    expect(parseRecord("docs/soup/timm.md", fixture("legit-health-timm.md"))).toEqual({
      kind: "record",
      record: {
        path: "docs/soup/timm.md",
        form: "table",
        title: "Timm",
        packages: ["timm"],
        aliases: [],
        manufacturer: "Ross Wightman / Hugging Face",
        license: "Apache License 2.0",
        versions: ["1.0.22", "1.0.24"],
        spans: [],
        versionRanges: [">=1.0.9", ">=1.0.14"],
        latestReviewed: "1.0.24",
        lastReviewDate: "2026-01-26",
        lines: { package: 14, manufacturer: 15, license: 19, versions: 20, version_range: 20, latest_reviewed: 21, last_review_date: 22 },
        problems: [],
      },
    });
  });

  it("reads the same record written as MDX with Windows line endings", () => {
    const record = recordOf("docs/soup/timm.mdx", fixture("legit-health-timm.md").replace(/\n/g, "\r\n"));
    expect([record.packages, record.versions, record.lastReviewDate, record.lines.last_review_date]).toEqual([["timm"], ["1.0.22", "1.0.24"], "2026-01-26", 22]);
  });
});

describe("front matter", () => {
  it("reads every key of the SPEC example, keeping Docusaurus keys out of the record", () => {
    expect(parseRecord("docs/soup/timm.md", fixture("front-matter-timm.md"))).toEqual({
      kind: "record",
      record: {
        path: "docs/soup/timm.md",
        form: "front-matter",
        title: "Timm",
        packages: ["timm"],
        aliases: ["timm-nightly"],
        ecosystem: "pypi",
        manufacturer: "Ross Wightman / Hugging Face",
        license: "Apache-2.0",
        versions: ["1.0.22", "1.0.24"],
        spans: [],
        versionRanges: [">=1.0.9"],
        latestReviewed: "1.0.24",
        lastReviewDate: "2026-01-26",
        reviewIntervalDays: 365,
        safetyClass: "B",
        lines: { package: 5, ecosystem: 6, manufacturer: 8, license: 9, versions: 10, version_range: 11, latest_reviewed: 12, last_review_date: 13, review_interval_days: 14 },
        problems: [],
      },
    });
  });

  it("keeps unquoted versions as written: 2.0 is the string \"2.0\", not the number 2", () => {
    const text = ["---", "soup:", "  package: fastapi", "  versions: [2.0, 0.115.0]", "  latest_reviewed: 6.0", "  last_review_date: 2026-01-26", "---", ""].join("\n");
    const record = recordOf("docs/soup/fastapi.md", text);
    expect([record.versions, record.latestReviewed]).toEqual([["2.0", "0.115.0"], "6.0"]);
  });

  it("takes the title from the first heading when the front matter has none", () => {
    const text = ["---", "soup:", "  package: dill", "  versions: [0.3.9]", "  last_review_date: 2026-01-26", "---", "", "# Dill", ""].join("\n");
    expect(recordOf("docs/soup/dill.md", text).title).toBe("Dill");
  });

  it("wins over the General Information table field by field", () => {
    const text = [
      "---",
      "soup:",
      "  package: torch",
      "  versions: [2.9.1]",
      "  last_review_date: 2026-02-01",
      "---",
      "# PyTorch",
      "",
      "## General Information",
      "",
      "| Field | Value |",
      "|---|---|",
      "| Package Name | torch (PyTorch) |",
      "| Manufacturer / Vendor | Meta Platforms |",
      "| License | BSD-3-Clause |",
      "| Deployed Version(s) | >=2.0.0, >=2.1.0 (version-locked at 2.8.0) |",
      "| Most Recent Available Version | 2.9.1 |",
      "| Last Review Date | 2026-01-26 |",
      "",
    ].join("\n");
    expect(recordOf("docs/soup/torch.md", text)).toEqual({
      path: "docs/soup/torch.md",
      form: "front-matter",
      title: "PyTorch",
      packages: ["torch"],
      aliases: [],
      manufacturer: "Meta Platforms",
      license: "BSD-3-Clause",
      // The front matter gives the versions, so the table's locked versions and constraints are set aside together.
      versions: ["2.9.1"],
      spans: [],
      versionRanges: [],
      latestReviewed: "2.9.1",
      lastReviewDate: "2026-02-01",
      lines: { package: 3, versions: 4, last_review_date: 5, manufacturer: 14, license: 15, latest_reviewed: 17 },
      problems: [],
    });
  });

  it("drops a table problem when the front matter gives that field", () => {
    const text = ["---", "soup:", "  last_review_date: 2026-01-26", "---", page("| Package Name | numpy |", "| Deployed Version(s) | >=1.26.0 (version-locked at 2.4.1) |", "| Last Review Date | soon |")].join("\n");
    expect(recordOf("docs/soup/numpy.md", text).problems).toEqual([]);
  });
});

describe("plain YAML records", () => {
  it("reads top-level keys, keeping unquoted versions and dates as strings", () => {
    expect(parseRecord("docs/soup/pyyaml.yml", fixture("pyyaml.yml"))).toEqual({
      kind: "record",
      record: {
        path: "docs/soup/pyyaml.yml",
        form: "yaml",
        packages: ["PyYAML"],
        aliases: [],
        ecosystem: "pypi",
        manufacturer: "Kirill Simonov / The YAML Project",
        license: "MIT",
        versions: ["6.0", "6.0.2"],
        spans: [],
        versionRanges: [],
        latestReviewed: "6.0.2",
        lastReviewDate: "2026-01-26",
        reviewIntervalDays: 180,
        lines: { package: 2, ecosystem: 3, manufacturer: 4, license: 5, versions: 6, latest_reviewed: 7, last_review_date: 8, review_interval_days: 9 },
        problems: [],
      },
    });
  });

  it("reads keys under soup:, a package list and a single scalar version", () => {
    expect(parseRecord("docs/soup/pillow.yaml", fixture("pillow.yaml"))).toEqual({
      kind: "record",
      record: {
        path: "docs/soup/pillow.yaml",
        form: "yaml",
        title: "Pillow",
        packages: ["Pillow", "pillow-simd"],
        aliases: [],
        versions: ["11.3.0"],
        spans: [],
        versionRanges: [">=11.0"],
        latestReviewed: "11.3.0",
        lastReviewDate: "2026-01-26",
        lines: { package: 3, versions: 6, version_range: 7, latest_reviewed: 8, last_review_date: 9 },
        problems: [],
      },
    });
  });

  it("treats __proto__ and constructor keys as plain data", () => {
    const record = recordOf("docs/soup/left-pad.yml", fixture("evil.yml"));
    expect([record.packages, record.versions, record.problems]).toEqual([["left-pad"], ["1.3.0"], []]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
  });

  it("points at the soup: line for keys written in flow style", () => {
    const record = recordOf("r.yml", 'soup: { package: dill, versions: ["0.3.9"], last_review_date: 2026-01-26 }\n');
    expect([record.packages, record.lines]).toEqual([["dill"], { package: 1, versions: 1, last_review_date: 1 }]);
  });
});

describe("the General Information table", () => {
  it.each([
    ["segmentation-models-pytorch (smp)", ["segmentation-models-pytorch"]],
    ["torch (PyTorch)", ["torch"]],
    ["Pillow (PIL Fork)", ["Pillow"]],
    ["nvidia-ml-py (pynvml)", ["nvidia-ml-py"]],
    ["PyYAML", ["PyYAML"]],
    ["[timm](https://pypi.org/project/timm/)", ["timm"]],
    ["`typing_extensions`", ["typing_extensions"]],
    ["boto3, botocore", ["boto3", "botocore"]],
  ])("reads Package Name %j as %j", (cell, packages) => {
    const record = recordOf("p.md", page(`| Package Name | ${cell} |`, "| Deployed Version(s) | 1.0.0 |", "| Last Review Date | 2026-01-26 |"));
    expect([record.packages, record.problems]).toEqual([packages, []]);
  });

  it("strips links and bold from cells", () => {
    const record = recordOf("p.md", page(
      "| **Package Name** | [timm](https://github.com/huggingface/pytorch-image-models) |",
      "| Deployed Version(s) | >=1.0.9 (version-locked at **1.0.24**) |",
      "| Most Recent Available Version | **1.0.24** |",
      "| Last Review Date | *2026-01-26* |",
    ));
    expect([record.packages, record.versions, record.latestReviewed, record.lastReviewDate]).toEqual([["timm"], ["1.0.24"], "1.0.24", "2026-01-26"]);
  });

  it("reads a table under a General Information heading that has no Field/Value header", () => {
    const text = ["# Dill", "", "### General Information", "", "| Package Name | dill |", "|---|---|", "| Deployed Version(s) | 0.3.9 |", "| Last Review Date | 2026-01-26 |", ""].join("\n");
    expect(recordOf("d.md", text)).toMatchObject({ form: "table", packages: ["dill"], versions: ["0.3.9"], lines: { package: 5, versions: 7 } });
  });

  it("reads an optional Ecosystem row and checks versions against it", () => {
    const record = recordOf("p.md", page("| Package Name | left-pad |", "| Ecosystem | npm |", "| Deployed Version(s) | 1.3 |", "| Last Review Date | 2026-01-26 |"));
    expect([record.ecosystem, record.problems]).toEqual(["npm", [{ message: 'Deployed Version(s): "1.3" is not a valid npm version (semver): write the version exactly as the npm registry publishes it', line: 9 }]]);
  });
});

describe("record problems, each at its line", () => {
  const cases: Array<[string, string, string, Array<{ message: string; line: number }>]> = [
    ["unreadable YAML", "r.yml", "package: timm\nversions: [1.0.24\nlast_review_date: 2026-01-26\n", [
      { message: "YAML cannot be read: missed comma between flow collection entries. Fix the syntax on this line (quote values that contain \": \" or start with \"@\", \"*\" or \"&\")", line: 3 },
    ]],
    ["unreadable front matter", "r.md", "---\nsoup:\n  package: timm\n  package: torch\n---\n# T\n", [
      { message: "YAML cannot be read: duplicated mapping key. Fix the syntax on this line (quote values that contain \": \" or start with \"@\", \"*\" or \"&\")", line: 4 },
    ]],
    ["front matter never closed", "r.md", "---\nsoup:\n  package: timm\n# T\n", [
      { message: 'The front matter opened on line 1 is never closed: end it with a line "---"', line: 1 },
    ]],
    ["no package name", "r.yml", "versions: [\"1.0\"]\nlast_review_date: 2026-01-26\n", [
      { message: 'package is missing: name the package as its registry spells it, e.g. "package: timm"', line: 1 },
    ]],
    ["an empty Package Name", "r.md", page("| Package Name |  |", "| Deployed Version(s) | 1.0 |", "| Last Review Date | 2026-01-26 |"), [
      { message: 'Package Name is missing: write the registry name in the General Information table, e.g. "| Package Name | timm |"', line: 7 },
    ]],
    ["a display name instead of the registry name", "r.md", page("| Package Name | PyTorch Image Models |", "| Deployed Version(s) | 1.0 |", "| Last Review Date | 2026-01-26 |"), [
      { message: 'Package Name: "PyTorch Image Models" is not a registry name: write the name as the registry spells it; a display name may follow in parentheses: "timm (PyTorch Image Models)"', line: 7 },
    ]],
    ["no last_review_date", "r.yml", "soup:\n  package: timm\n  versions: [\"1.0.24\"]\n", [
      { message: "last_review_date is missing: a reviewer sets it (YYYY-MM-DD) when the review is done", line: 1 },
    ]],
    ["an empty last_review_date", "r.yml", "package: timm\nversions: [\"1.0.24\"]\nlast_review_date:\n", [
      { message: "last_review_date is missing: a reviewer sets it (YYYY-MM-DD) when the review is done", line: 3 },
    ]],
    ["an empty Last Review Date", "r.md", page("| Package Name | timm |", "| Deployed Version(s) | 1.0 |", "| Last Review Date | |"), [
      { message: "Last Review Date is missing: a reviewer sets it (YYYY-MM-DD) when the review is done", line: 9 },
    ]],
    ["no version at all", "r.yml", "package: timm\nlast_review_date: 2026-01-26\n", [
      { message: 'The record names no version: list the deployed versions under "versions" (the unique SOUP designator), or give a "version_range"', line: 1 },
    ]],
    ["an empty Deployed Version(s)", "r.md", page("| Package Name | timm |", "| Deployed Version(s) | |", "| Last Review Date | 2026-01-26 |"), [
      { message: 'Deployed Version(s) names no version: write the deployed versions, e.g. ">=1.0.9 (version-locked at 1.0.22 and 1.0.24)"', line: 8 },
    ]],
    ["a Deployed Version(s) that is not one", "r.md", page("| Package Name | timm |", "| Deployed Version(s) | latest |", "| Last Review Date | 2026-01-26 |"), [
      { message: 'Deployed Version(s): "latest" is neither a version nor a version specifier: write e.g. ">=1.0.9 (version-locked at 1.0.24)"', line: 8 },
    ]],
    ["version-locked at with nothing after it", "r.md", page("| Package Name | timm |", "| Deployed Version(s) | >=1.0.9 (version-locked at TBD) |", "| Last Review Date | 2026-01-26 |"), [
      { message: 'Deployed Version(s) says "version-locked at" but no version follows: write the locked versions after it, e.g. "version-locked at 1.0.22 and 1.0.24"', line: 8 },
    ]],
    ["a date that does not exist", "r.yml", "package: timm\nversions: [\"1.0.24\"]\nlast_review_date: 2026-02-30\n", [
      { message: 'last_review_date "2026-02-30" is not a date: write the day of the review as YYYY-MM-DD, e.g. 2026-01-26', line: 3 },
    ]],
    ["a date in another format", "r.md", page("| Package Name | timm |", "| Deployed Version(s) | 1.0 |", "| Last Review Date | 26/01/2026 |"), [
      { message: 'Last Review Date "26/01/2026" is not a date: write the day of the review as YYYY-MM-DD, e.g. 2026-01-26', line: 9 },
    ]],
    ["an invalid ecosystem", "r.yml", "package: timm\necosystem: conda\nversions: [\"1.0.24\"]\nlast_review_date: 2026-01-26\n", [
      { message: 'ecosystem "conda" is not supported: write npm or pypi, or leave it out to match any ecosystem', line: 2 },
    ]],
    ["versions invalid for the ecosystem", "r.yml", "package: left-pad\necosystem: npm\nversions: [\"6.0\"]\nversion_range: \"==1.2.3\"\nlatest_reviewed: latest\nlast_review_date: 2026-01-26\n", [
      { message: 'versions: "6.0" is not a valid npm version (semver): write the version exactly as the npm registry publishes it', line: 3 },
      { message: 'version_range: "==1.2.3" is not a valid npm version range (semver)', line: 4 },
      { message: 'latest_reviewed: "latest" is not a valid npm version (semver): write the version exactly as the npm registry publishes it', line: 5 },
    ]],
    ["a review interval that is not a number of days", "r.yml", "package: timm\nversions: [\"1.0.24\"]\nlast_review_date: 2026-01-26\nreview_interval_days: a year\n", [
      { message: 'review_interval_days "a year" must be a whole number of days from 1 to 36500 (100 years), e.g. 365', line: 4 },
    ]],
    ["a list where one value belongs", "r.yml", "package: timm\nversions: [\"1.0.24\"]\nlast_review_date: [2026-01-26]\n", [
      { message: "last_review_date must be a single value, not a list or a mapping", line: 3 },
    ]],
    ["soup: that is not a mapping", "r.md", "---\nsoup: timm\n---\n# T\n", [
      { message: `"soup:" must hold the record's keys (package, versions, last_review_date, ...) indented below it`, line: 2 },
    ]],
    ["a row written twice", "r.md", page("| Package Name | timm |", "| Deployed Version(s) | 1.0 |", "| Deployed Version(s) | 2.0 |", "| Last Review Date | 2026-01-26 |"), [
      { message: "Deployed Version(s) appears twice in the General Information table: keep one row", line: 9 },
    ]],
  ];

  it.each(cases)("%s", (_, path, text, problems) => {
    expect(recordOf(path, text).problems).toEqual(problems);
  });

  it("reads the table of a page whose soup: front matter cannot be read, and reports the YAML", () => {
    const text = ["---", "soup:", "  package: [timm", "---", page("| Package Name | timm |", "| Deployed Version(s) | 1.0.24 |", "| Last Review Date | 2026-01-26 |")].join("\n");
    const record = recordOf("docs/soup/timm.md", text);
    expect([record.form, record.packages, record.versions, record.problems.map((p) => p.line)]).toEqual(["front-matter", ["timm"], ["1.0.24"], [4]]);
  });

  it("reports a YAML file holding two documents at its first line", () => {
    expect(recordOf("r.yml", "package: timm\n---\npackage: torch\n").problems).toEqual([
      { message: "YAML cannot be read: expected a single document in the stream, but found more. Fix the syntax on this line (quote values that contain \": \" or start with \"@\", \"*\" or \"&\")", line: 1 },
    ]);
  });

  it("still returns the broken record, so the developer reads \"record invalid\" rather than \"missing record\"", () => {
    const record = recordOf("docs/soup/timm.md", page("| Package Name | timm |", "| Deployed Version(s) | >=1.0.9 (version-locked at 1.0.24) |"));
    expect([record.packages, record.versions, record.problems.length]).toEqual([["timm"], ["1.0.24"], 1]);
  });

  it("reports every problem of one record, in line order", () => {
    const record = recordOf("r.yml", "ecosystem: maven\nlast_review_date: tomorrow\n");
    expect(record.problems.map((p) => p.line)).toEqual([1, 1, 1, 2]);
  });
});

describe("files that are not records", () => {
  it.each([
    ["an index page with a SOUP list and an example record in a code fence", "docs/soup/index.md", fixture("index-page.md")],
    ["a README with no table", "docs/soup/README.md", "# SOUP records\n\nOne page per package.\n"],
    ["front matter without soup:", "docs/soup/intro.mdx", "---\ntitle: Intro\nsidebar_position: 1\n---\n# Intro\n"],
    ["broken front matter on a page that is no record", "docs/soup/intro.md", "---\ntitle: [Intro\n---\n# Intro\n"],
    ["a Field/Value table about something else", "docs/soup/plan.md", "| Field | Value |\n|---|---|\n| Owner | QA |\n"],
    ["an example table inside an HTML comment", "docs/soup/x.md", "<!--\n## General Information\n\n| Field | Value |\n|---|---|\n| Package Name | timm |\n-->\n"],
    ["a Docusaurus category file", "docs/soup/_category_.yml", "label: SOUP\nposition: 3\n"],
    ["a YAML list", "docs/soup/list.yaml", "- timm\n- torch\n"],
    ["an empty YAML file", "docs/soup/empty.yml", ""],
    ["a file with another extension", "docs/soup/timm.txt", fixture("legit-health-timm.md")],
  ])("%s", (_, path, text) => {
    expect(parseRecord(path, text)).toEqual({ kind: "not-a-record" });
  });
});

describe("General Information label variants", () => {
  it.each([
    ["Package Name(s)", "Last Reviewed", "Most Recent Version"],
    ["Package Name", "Review Date", "Latest Available Version"],
    ["**Package Name**", "Last Review", "Most Recent Available Version"],
  ])("reads %s / %s / %s", (packageLabel, reviewLabel, latestLabel) => {
    const text = ["# Dill", "", "## General Information", "", "| Field | Value |", "|---|---|", `| ${packageLabel} | dill |`, "| Deployed Version(s) | >=0.3.0 (version-locked at 0.3.9) |", `| ${latestLabel} | 0.3.9 |`, `| ${reviewLabel} | 2026-01-26 |`, ""].join("\n");
    const outcome = parseRecord("docs/soup/dill.md", text);
    expect(outcome.kind).toBe("record");
    if (outcome.kind !== "record") return;
    expect(outcome.record).toMatchObject({ packages: ["dill"], versions: ["0.3.9"], latestReviewed: "0.3.9", lastReviewDate: "2026-01-26", problems: [] });
  });
});
