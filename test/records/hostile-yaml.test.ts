import { addDays, daysBetween, isIsoDate } from "../../src/core/dates.js";
import { defaultConfig } from "../../src/policy/config.js";
import { evaluate } from "../../src/policy/evaluate.js";
import { parseRecord } from "../../src/records/parse-record.js";
import type { SoupRecord } from "../../src/types.js";

function recordOf(path: string, text: string): SoupRecord {
  const outcome = parseRecord(path, text);
  if (outcome.kind !== "record") throw new Error(`${path} was not read as a record`);
  return outcome.record;
}

function bomb(): string {
  const lines = ["b0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let i = 1; i <= 8; i++) lines.push(`b${i}: &b${i} [${Array(9).fill(`*b${i - 1}`).join(", ")}]`);
  return lines.join("\n");
}

const KEYS = ["package", "aliases", "ecosystem", "manufacturer", "license", "versions", "version_range", "latest_reviewed", "last_review_date", "review_interval_days", "safety_class"];

describe("a YAML alias bomb in a record", () => {
  it.each(KEYS)("%s: *b8 in a YAML record is record-invalid with short messages", (key) => {
    const base = { package: "timm", versions: '["1.0.24"]', last_review_date: "2026-01-26" } as Record<string, string>;
    const fields = Object.entries({ ...base, [key]: "*b8" }).map(([k, v]) => `${k}: ${v}`).join("\n");
    const record = recordOf("docs/soup/timm.yml", `${bomb()}\n${fields}\n`);
    expect(record.problems.length).toBeGreaterThan(0);
    expect(record.problems.some((p) => p.message.startsWith(key))).toBe(true);
    for (const problem of record.problems) expect(problem.message.length).toBeLessThan(400);
  });

  it("soup: *b8 in front matter is record-invalid", () => {
    const record = recordOf("docs/soup/timm.md", `---\n${bomb()}\nsoup: *b8\n---\n`);
    expect(record.problems.map((p) => p.message)).toEqual([`"soup:" must hold the record's keys (package, versions, last_review_date, ...) indented below it`]);
  });

  it("a front matter nested ten thousand deep is unreadable YAML, not a crash", () => {
    const record = recordOf("docs/soup/timm.md", `---\nsoup: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n---\n`);
    expect(record.problems).toHaveLength(1);
  });
});

describe("review intervals and dates at the edges", () => {
  const today = "2026-11-26";
  const yamlRecord = (extra: string) => recordOf("docs/soup/timm.yml", `package: timm\nversions: ["1.0.24"]\n${extra}`);
  const findings = (record: SoupRecord) =>
    evaluate({ changes: [{ ecosystem: "pypi", name: "timm", kind: "added", from: null, to: "1.0.24", lockfile: "requirements.txt", line: 1, direct: true, dev: false }], records: [record], config: defaultConfig(), today }).findings.map((f) => [f.code, f.message]);

  it.each(["100000000", "36501", "99999999999999999999", "0", "-1", "1e3", "365.0"])("review_interval_days: %s is record-invalid, naming the bound", (value) => {
    const record = yamlRecord(`last_review_date: 2026-01-26\nreview_interval_days: ${value}\n`);
    expect(record.reviewIntervalDays).toBeUndefined();
    expect(findings(record)).toEqual([["record-invalid", `docs/soup/timm.yml is not a valid SOUP record: review_interval_days "${value}" must be a whole number of days from 1 to 36500 (100 years), e.g. 365`]]);
  });

  it("a century's interval from a review long past is overdue, not a crash", () => {
    expect(findings(yamlRecord("last_review_date: 1900-01-01\nreview_interval_days: 36500\n"))).toEqual([
      ["review-overdue", "The review of docs/soup/timm.yml lapsed on 1999-12-08 (last reviewed 1900-01-01, every 36500 days). Review the record and update last_review_date."],
    ]);
  });

  it("a review in the year 1 is overdue", () => {
    expect(findings(yamlRecord("last_review_date: 0001-01-01\n")).map(([code]) => code)).toEqual(["review-overdue"]);
  });

  it("a review in the year 9999 is in the future", () => {
    expect(findings(yamlRecord("last_review_date: 9999-12-31\n")).map(([code]) => code)).toEqual(["record-invalid"]);
  });

  it("a century's interval lapsing after the year 9999 keeps a date that reads back", () => {
    const lapses = addDays("9999-12-31", 36500);
    expect(lapses).toBe("+010099-12-06");
    expect(daysBetween("9999-12-31", lapses)).toBe(36500);
  });

  it.each([["0001-01-01", true], ["0050-06-15", true], ["0000-02-29", true], ["1900-02-29", false], ["9999-12-31", true], ["2026-13-01", false]])("isIsoDate(%s) is %s", (text, valid) => {
    expect(isIsoDate(text)).toBe(valid);
  });
});

describe("where an unreadable YAML record is annotated", () => {
  it.each([["'", 1], ["package: timm\nversions: ['1.0", 2], ["\u0001", 1]])("%j: at line %d, a line the file has", (text, line) => {
    expect(recordOf("docs/soup/timm.yml", text).problems.map((p) => p.line)).toEqual([line]);
  });
});
