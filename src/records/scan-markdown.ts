import { stripMarkdown } from "./strip-markdown.js";

export interface TableRow {
  /** Cell texts as written (Markdown not yet stripped). */
  cells: string[];
  /** 1-based line in the file. */
  line: number;
}

export interface MarkdownTable {
  header: TableRow;
  rows: TableRow[];
  /** Plain text of the headings the table sits under, outermost first. */
  headings: string[];
}

export interface MarkdownScan {
  /** Text of the first `# ` heading. */
  title?: string;
  tables: MarkdownTable[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
// Tested on trimmed lines: no two quantifiers may compete for the same spaces.
const DELIMITER = /^\|? *:?-+:? *(?:\| *:?-+:? *)*\|?$/;

/**
 * Finds the headings and pipe tables of a Markdown body in one pass. Fenced code and HTML comments are
 * skipped: a README that shows an example record inside a code fence is not itself a record.
 */
export function scanMarkdown(lines: string[], start: number): MarkdownScan {
  const scan: MarkdownScan = { tables: [] };
  const stack: Array<{ level: number; text: string }> = [];
  let fence: string | undefined;
  let inComment = false;
  let table: MarkdownTable | undefined;

  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (table && isTableRow(line)) {
      table.rows.push({ cells: splitRow(line), line: i + 1 });
      continue;
    }
    table = undefined;
    if (fence) {
      const close = line.trim();
      if (close.length >= fence.length && close === close[0]!.repeat(close.length) && close[0] === fence[0]) fence = undefined;
      continue;
    }
    if (inComment) {
      inComment = !line.includes("-->");
      continue;
    }
    const opening = FENCE.exec(line);
    if (opening) {
      fence = opening[1]!;
      continue;
    }
    if (/^ {0,3}<!--/.test(line)) {
      inComment = !line.slice(line.indexOf("<!--") + 4).includes("-->");
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      const text = stripMarkdown(line.slice(heading[0].length).trim().replace(/(?:^|[ \t])#+$/, ""));
      while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
      stack.push({ level, text });
      if (level === 1 && scan.title === undefined && text !== "") scan.title = text;
      continue;
    }
    const next = lines[i + 1];
    if (isTableRow(line) && next !== undefined && next.includes("|") && DELIMITER.test(next.trim())) {
      table = { header: { cells: splitRow(line), line: i + 1 }, rows: [], headings: stack.map((h) => h.text) };
      scan.tables.push(table);
      i++;
    }
  }
  return scan;
}

function isTableRow(line: string): boolean {
  return line.includes("|") && line.trim() !== "";
}

/** Splits a pipe-table row into cells; `\|` is a pipe inside a cell. */
function splitRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith("|")) body = body.slice(1);
  if (body.endsWith("|") && !body.endsWith("\\|")) body = body.slice(0, -1);
  return body.split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, "|").trim());
}
