import type { ParseError, RecordOutcome, SoupRecord } from "../types.js";
import { finishRecord, mergeFields } from "./finish-record.js";
import { findKeyLines, isMapping, loadYaml } from "./load-yaml.js";
import { readAnomalyTables } from "./read-anomaly-table.js";
import { findGeneralInformation, readGeneralInformation } from "./read-general-information.js";
import { findSoupLists, readSoupListRows } from "./read-soup-list.js";
import { readYamlFields, RECORD_KEYS } from "./read-yaml-fields.js";
import type { RecordFields } from "./record-fields.js";
import { scanMarkdown } from "./scan-markdown.js";
import { stripBom } from "../text/strip-bom.js";

/**
 * Reads one candidate record file, in any of the forms the README lists under "SOUP records": Markdown/MDX with `soup:` front matter, a plain YAML record,
 * or Markdown with a Legit.Health General Information table. A file that is none of these is
 * `not-a-record`; a record with problems is still a record, so the developer reads "record invalid"
 * rather than "missing record".
 */
export function parseRecord(path: string, text: string): RecordOutcome {
  const extension = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase();
  const lines = stripBom(text).split(/\r?\n/);
  if (extension === "md" || extension === "mdx") return parseMarkdown(path, lines);
  if (extension === "yml" || extension === "yaml") return parseYamlRecord(path, lines.join("\n"));
  return { kind: "not-a-record" };
}

function parseYamlRecord(path: string, text: string): RecordOutcome {
  const loaded = loadYaml(text, 1);
  // A YAML file in the records folder that cannot be read is treated as a broken record: fail closed.
  if (!loaded.ok) return { kind: "record", record: unreadable(path, "yaml", loaded.error) };
  if (!isMapping(loaded.value)) return { kind: "not-a-record" };
  const value = loaded.value;
  const keyLines = findKeyLines(text, 1, "soup");
  const title = Object.hasOwn(value, "title") && typeof value.title === "string" ? value.title.trim() : undefined;
  const findLine = lineFinder(text, 1);
  if (Object.hasOwn(value, "soup")) {
    const fields = soupFields(value.soup, keyLines.nested, keyLines.top.get("soup") ?? 1, findLine);
    return { kind: "record", record: finishRecord(fields, { path, form: "yaml", title, complete: isMapping(value.soup) }) };
  }
  if (!RECORD_KEYS.some((key) => Object.hasOwn(value, key))) return { kind: "not-a-record" };
  const fields = readYamlFields(value, keyLines.top, 1, findLine);
  return { kind: "record", record: finishRecord(fields, { path, form: "yaml", title, complete: true }) };
}

function parseMarkdown(path: string, lines: string[]): RecordOutcome {
  let soup: RecordFields | undefined;
  let soupIsMapping = true;
  let brokenFrontMatter: ParseError | undefined;
  let frontMatterTitle: string | undefined;
  let bodyStart = 0;

  if (lines[0]?.trimEnd() === "---") {
    const close = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === "---" || line.trimEnd() === "..."));
    const yamlText = lines.slice(1, close === -1 ? lines.length : close).join("\n");
    const declaresSoup = /^soup[ \t]*:/m.test(yamlText);
    if (close === -1) {
      if (declaresSoup) brokenFrontMatter = { message: `The front matter opened on line 1 is never closed: end it with a line "---"`, line: 1 };
    } else {
      bodyStart = close + 1;
      const loaded = loadYaml(yamlText, 2, close + 1);
      if (!loaded.ok) {
        if (declaresSoup) brokenFrontMatter = loaded.error;
      } else if (isMapping(loaded.value)) {
        const value = loaded.value;
        if (Object.hasOwn(value, "title") && typeof value.title === "string") frontMatterTitle = value.title.trim();
        if (Object.hasOwn(value, "soup")) {
          const keyLines = findKeyLines(yamlText, 2, "soup");
          soup = soupFields(value.soup, keyLines.nested, keyLines.top.get("soup") ?? 1, lineFinder(yamlText, 2));
          soupIsMapping = isMapping(value.soup);
        }
      }
    }
  }

  const scan = scanMarkdown(lines, bodyStart);
  const rows = findGeneralInformation(scan.tables);
  const anomalyList = readAnomalyTables(scan.tables);
  let table = rows ? readGeneralInformation(rows) : undefined;
  // The Known Anomalies Assessment belongs to the record the page is, whichever form names the package;
  // a `soup.anomalies` list in the front matter wins over it.
  const withAnomalies = (fields: RecordFields, list: NonNullable<typeof anomalyList>): RecordFields =>
    ({ ...fields, anomalies: list.anomalies, lines: { ...fields.lines, anomalies: list.line }, problems: [...fields.problems, ...list.problems] });
  if (anomalyList && table) table = withAnomalies(table, anomalyList);
  else if (anomalyList && soup && !soup.anomalies && !soup.problems.some((p) => p.field === "anomalies")) soup = withAnomalies(soup, anomalyList);
  const title = frontMatterTitle || scan.title;
  if (!soup && !table && !brokenFrontMatter) {
    const lists = findSoupLists(scan.tables);
    if (lists.length === 0) return { kind: "not-a-record" };
    const records = lists.flatMap(readSoupListRows).map(({ fields, row, title: name }) => finishRecord(fields, { path, form: "list", title: name, row, complete: true }));
    return { kind: "list", records };
  }
  if (brokenFrontMatter && !table) return { kind: "record", record: unreadable(path, "front-matter", brokenFrontMatter, title) };

  const form = soup || brokenFrontMatter ? "front-matter" : "table";
  let fields = soup && table ? mergeFields(soup, table) : (soup ?? table)!;
  if (brokenFrontMatter) fields = { ...fields, problems: [brokenFrontMatter, ...fields.problems] };
  // A `soup:` that holds no keys says nothing about them: only the table's fields can be missing.
  const complete = soupIsMapping || table !== undefined;
  return { kind: "record", record: finishRecord(fields, { path, form, title, complete }) };
}

/** The fields under `soup:`, which must be a mapping of the record's keys. */
function soupFields(value: unknown, keyLines: Map<string, number>, soupLine: number, findLine: (text: string, from: number) => number | undefined): RecordFields {
  if (isMapping(value)) return readYamlFields(value, keyLines, soupLine, findLine);
  const message = `"soup:" must hold the record's keys (package, versions, last_review_date, ...) indented below it`;
  return { lines: {}, problems: [{ message, line: soupLine }], anchor: soupLine };
}

function unreadable(path: string, form: "yaml" | "front-matter", error: ParseError, title?: string): SoupRecord {
  const fields: RecordFields = { lines: {}, problems: [error], anchor: error.line };
  return finishRecord(fields, { path, form, title, complete: false });
}

/** The file line, at or after `from`, of the first line of `text` (whose first line is `firstLine`) holding `needle`. */
function lineFinder(text: string, firstLine: number): (needle: string, from: number) => number | undefined {
  const lines = text.split(/\r?\n/);
  return (needle, from) => {
    for (let i = Math.max(0, from - firstLine); i < lines.length; i++) if (lines[i]!.includes(needle)) return firstLine + i;
    return undefined;
  };
}
