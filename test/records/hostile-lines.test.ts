import { draftFileName } from "../../src/records/draft-file-name.js";
import { isRecordPath } from "../../src/records/is-record-path.js";
import { findKeyLines } from "../../src/records/load-yaml.js";
import { parseDeployedVersions } from "../../src/records/parse-deployed-versions.js";
import { parseRecord } from "../../src/records/parse-record.js";
import { scanMarkdown } from "../../src/records/scan-markdown.js";
import { stripMarkdown } from "../../src/records/strip-markdown.js";
import type { SoupRecord } from "../../src/types.js";
import { hostileRun, MB } from "../fuzz/hostile-line.js";

const run = hostileRun;

function recordOf(path: string, text: string): SoupRecord {
  const outcome = parseRecord(path, text);
  if (outcome.kind !== "record") throw new Error(`${path} was not read as a record`);
  return outcome.record;
}

/** A Legit.Health page around the given General Information rows. */
function page(...rows: string[]): string {
  return ["# Example", "", "## General Information", "", "| Field | Value |", "|---|---|", ...rows, ""].join("\n");
}

describe("record paths and draft names on a 1 MB line", () => {
  it.each([
    ["a run of slashes inside the path", `docs/soup/${run("/")}timm.md`, ["docs/soup"], true],
    ["a root written with a run of trailing slashes", "docs/soup/timm.md", [`docs/soup${run("/")}`], true],
    ["a root that is a run of slashes ending in a letter", "docs/soup/timm.md", [`${run("/")}x`], false],
    ["a run of ./ before the path", `${run("./")}docs/soup/timm.md`, ["docs/soup"], true],
    ["a run of dots with a record extension", `${run(".")}md`, ["."], true],
    ["a run of backslashes", `docs\\soup${run("\\")}timm.md`, ["docs/soup"], true],
  ])("isRecordPath: %s", (_, path, roots, expected) => {
    expect(isRecordPath(path, roots)).toBe(expected);
  });

  it.each([
    ["a run of dashes around the name", "npm", `${run("-")}timm${run("-")}`, "docs/soup/timm.md"],
    ["a run of spaces, which become one dash each and are trimmed", "npm", `${run(" ")}!`, "docs/soup/package.md"],
    ["a run of dashes and dots in a PyPI name, normalised to one dash", "pypi", `a${run("-.")}b`, "docs/soup/a-b.md"],
    ["a dash run that ends in a character a file name cannot hold", "npm", `${run("-")}@`, "docs/soup/package.md"],
  ])("draftFileName: %s", (_, ecosystem, name, expected) => {
    expect(draftFileName("docs/soup", ecosystem as "npm" | "pypi", name)).toBe(expected);
  });

  it("draftFileName: a folder with a run of trailing slashes", () => {
    expect(draftFileName(`docs/soup${run("/")}`, "npm", "timm")).toBe("docs/soup/timm.md");
  });
});

describe("Markdown cells and headings on a 1 MB line", () => {
  it.each([
    ["an unclosed link", run("["), run("[")],
    ["reference links, read as their text", "[a]".repeat(2 * 200_000), "a".repeat(200_000)],
    ["a link whose target never closes", `[a](${run("(")}`, `[a](${run("(")}`],
    ["emphasis that never closes", `**${run("a")}`, `**${run("a")}`],
    ["single stars before words", run(" *a"), run(" *a").trim()],
    ["underscores before words", run(" _a"), run(" _a").trim()],
    ["double underscores", run("__a"), run("__a")],
    ["backticks", run("`"), ""],
    ["an unclosed tag", run("<a"), run("<a")],
    ["an unclosed autolink", `<https://${run("a")}`, `<https://${run("a")}`],
    ["entities without a semicolon", run("&amp"), run("&amp")],
    ["escapes", run("\\"), run("\\", MB / 2)],
    ["spaces and tabs around one word", `${run(" \t")}timm${run("\t ")}`, "timm"],
  ])("stripMarkdown: %s", (_, text, expected) => {
    expect(stripMarkdown(text)).toBe(expected);
  });

  it.each([
    ["a heading of hashes and spaces", `##${run(" #")}x`, { tables: [] }],
    ["a heading closed by a run of hashes", `# Timm ${run("#")}`, { title: "Timm", tables: [] }],
    ["a fence of a million backticks", `${run("`")}\n# Inside`, { tables: [] }],
    ["a comment that never closes", `<!--${run("-")}\n# Inside`, { tables: [] }],
  ])("scanMarkdown: %s", (_, text, expected) => {
    expect(scanMarkdown(text.split("\n"), 0)).toEqual(expected);
  });

  it("scanMarkdown: a delimiter row of a million dashes and spaces is a table, a row of escaped pipes is one cell", () => {
    const scan = scanMarkdown(["| Field |", `|${run(" -- |")}`, `| ${run("\\|")} |`], 0);
    expect(scan.tables).toHaveLength(1);
    expect(scan.tables[0]!.rows[0]!.cells).toEqual([run("|", MB / 2)]);
  });

  it.each([
    ["ends in a letter", `|${run(" -- |")}x`],
    ["has dashes without pipes between them", `|${run(" -")}|`],
  ])("scanMarkdown: a delimiter row of a million characters that %s is not a table", (_, delimiter) => {
    expect(scanMarkdown(["| Field |", delimiter], 0).tables).toEqual([]);
  });
});

describe("General Information rows on a 1 MB line", () => {
  it("reads a label padded with a million spaces around its slash", () => {
    const record = recordOf("timm.md", page("| Package Name | timm |", `| Manufacturer${run(" ")}/${run(" ")}Vendor | Hugging Face |`, "| Deployed Version(s) | 1.0.24 |", "| Last Review Date | 2026-01-26 |"));
    expect(record.manufacturer).toBe("Hugging Face");
  });

  it("ignores a label of a million spaces and carriage returns", () => {
    const record = recordOf("timm.md", page("| Package Name | timm |", `| ${run("\r ")}! | x |`, "| Deployed Version(s) | 1.0.24 |", "| Last Review Date | 2026-01-26 |"));
    expect([record.packages, record.problems]).toEqual([["timm"], []]);
  });

  it("reads a package name followed by a million unclosed parentheses as the name, and says it is not a registry name when spaces follow", () => {
    const record = recordOf("timm.md", page(`| Package Name | timm ${run("(")} |`, "| Deployed Version(s) | 1.0.24 |", "| Last Review Date | 2026-01-26 |"));
    expect(record.packages).toEqual(["timm"]);
  });

  it("refuses a most recent version of a million digits and letters that starts with no digit", () => {
    const record = recordOf("timm.md", page("| Package Name | timm |", "| Deployed Version(s) | 1.0.24 |", `| Most Recent Available Version | ${run("a1")} |`, "| Last Review Date | 2026-01-26 |"));
    expect(record.latestReviewed).toBeUndefined();
    expect(record.problems.map((p) => p.line)).toEqual([9]);
  });

  it("takes the leading version of a most recent version of a million characters", () => {
    const record = recordOf("timm.md", page("| Package Name | timm |", "| Deployed Version(s) | 1.0.24 |", `| Most Recent Available Version | 1.0.24${run(".")} |`, "| Last Review Date | 2026-01-26 |"));
    expect(record.latestReviewed).toBe("1.0.24");
  });
});

describe("Deployed Version(s) on a 1 MB line", () => {
  it("reads a hundred thousand locked versions", () => {
    const versions = Array.from({ length: 100_000 }, (_, i) => `1.0.${i}`);
    const deployed = parseDeployedVersions(`>=1.0 (version-locked at ${versions.join(", ")})`);
    expect([deployed.versions.length, deployed.versions.at(-1), deployed.ranges, deployed.problems]).toEqual([100_000, "1.0.99999", [">=1.0"], []]);
  });

  it.each([
    ["`locked` followed by a million spaces", `locked${run(" ")}x`, `Deployed Version(s): "locked`],
    ["a hyphenated version of a million digits followed by words", `1.1-${run("1")} x!`, `Deployed Version(s): "1.1-111`],
    ["`version-locked at` followed by a million commas", `>=1 (version-locked at${run(",")}`, `Deployed Version(s) says "version-locked at" but no version follows`],
  ])("says what is wrong, quoting the value cut short: %s", (_, cell, start) => {
    const deployed = parseDeployedVersions(cell);
    expect(deployed.problems).toHaveLength(1);
    expect(deployed.problems[0]!.startsWith(start)).toBe(true);
    expect(deployed.problems[0]!.length).toBeLessThan(500);
  });

  it.each([
    ["a million opening parentheses, which are commentary", run("(")],
    ["a million `and`s, which separate nothing", run("and ")],
    ["a million commas", run(",")],
  ])("reads nothing from %s", (_, cell) => {
    expect(parseDeployedVersions(cell)).toEqual({ versions: [], spans: [], ranges: [], problems: [] });
  });

  it("reads a specifier with a million spaces before its version", () => {
    expect(parseDeployedVersions(`>=${run(" ")}1.0`).ranges).toEqual([">=1.0"]);
  });

  it("reads a span whose far end is a million digits long", () => {
    const deployed = parseDeployedVersions(`1.0.0 – 1.${run("9")}`);
    expect(deployed.spans).toEqual([{ from: "1.0.0", to: `1.${run("9")}` }]);
  });
});

describe("record YAML on a 1 MB line", () => {
  it.each([
    ["a key followed by a million dashes and no colon", `a${run("-")} x`, []],
    ["a key padded with a million spaces before its colon", `soup${run(" ")}:`, ["soup"]],
    ["a quoted key that never closes", `"${run("a")}: x`, []],
  ])("findKeyLines: %s", (_, line, keys) => {
    expect([...findKeyLines(line, 1, "soup").top.keys()]).toEqual(keys);
  });

  it("reads front matter that declares soup: after a million spaces", () => {
    const record = recordOf("timm.md", `---\nsoup${run(" ")}:\n  package: timm\n  versions: ["1.0.24"]\n  last_review_date: 2026-01-26\n---\n`);
    expect([record.packages, record.versions, record.problems]).toEqual([["timm"], ["1.0.24"], []]);
  });

  it("says a front matter of one line of a million colons cannot be read, and quotes none of it", () => {
    const record = recordOf("timm.md", `---\nsoup: ${run(":")}\n`);
    expect(record.problems).toHaveLength(1);
    expect(record.problems[0]!.message.length).toBeLessThan(500);
  });

  it.each([
    ["a run of dots before the extension", `${run(".")}yml`, "record"],
    ["a run of dots and no extension", run("."), "not-a-record"],
    ["a run of slashes after the dot", `a.${run("/")}`, "not-a-record"],
  ])("the file name: %s", (_, path, kind) => {
    expect(parseRecord(path, "package: timm\nversions: [1.0.24]\nlast_review_date: 2026-01-26\n").kind).toBe(kind);
  });

  it("says a package name of a million spaces and letters is no registry name, quoting it cut short", () => {
    const record = recordOf("timm.yml", `package: "${run("a ")}"\nversions: ["1.0.24"]\nlast_review_date: 2026-01-26\n`);
    expect(record.problems).toHaveLength(1);
    expect(record.problems[0]!.message).toMatch(/is not a registry name/);
    expect(record.problems[0]!.message.length).toBeLessThan(500);
  });

  it("says a review interval of a million digits is out of bounds, quoting it cut short", () => {
    const record = recordOf("timm.yml", `package: timm\nversions: ["1.0.24"]\nlast_review_date: 2026-01-26\nreview_interval_days: ${run("9")}\n`);
    expect(record.reviewIntervalDays).toBeUndefined();
    expect(record.problems).toHaveLength(1);
    expect(record.problems[0]!.message).toMatch(/review_interval_days .* a whole number of days from 1 to 36500/);
    expect(record.problems[0]!.message.length).toBeLessThan(500);
  });
});

describe("records of many values", () => {
  it("reads a Deployed Version(s) cell of 300,000 locked versions without overflowing the stack", () => {
    const versions = Array.from({ length: 300_000 }, (_, i) => `1.${i}`).join(", ");
    const record = recordOf("timm.md", page("| Package Name | timm |", `| Deployed Version(s) | version-locked at ${versions} |`, "| Last Review Date | 2026-01-26 |"));
    expect([record.versions.length, record.versions.at(-1), record.problems]).toEqual([300_000, "1.299999", []]);
  });

  it("reports the first 19 of 300,000 bad versions and counts the rest", () => {
    const versions = Array.from({ length: 300_000 }, (_, i) => `"x${i}"`).join(", ");
    const record = recordOf("timm.yml", `package: timm\necosystem: pypi\nversions: [${versions}]\nlast_review_date: 2026-01-26\n`);
    expect(record.problems).toHaveLength(20);
    expect(record.problems[0]!.message).toBe('versions: "x0" is not a valid pypi version (PEP 440): write the version exactly as the pypi registry publishes it');
    expect(record.problems[19]).toEqual({ message: "…and 299981 more problems in this record", line: 3 });
  });
});
