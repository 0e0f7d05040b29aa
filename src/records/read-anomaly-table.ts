import type { KnownAnomaly } from "../types.js";
import { ANOMALY_ID, unassessedProblem, type FieldProblem } from "./record-fields.js";
import type { MarkdownTable } from "./scan-markdown.js";
import { stripMarkdown } from "./strip-markdown.js";

const COLUMNS: Record<string, keyof Omit<KnownAnomaly, "line"> | "reference"> = {
  "anomaly reference": "reference",
  reference: "reference",
  anomaly: "reference",
  "anomaly id": "reference",
  advisory: "reference",
  applicable: "applicable",
  applicability: "applicable",
  rationale: "rationale",
  justification: "rationale",
  "reviewed at": "reviewed",
  reviewed: "reviewed",
  "review date": "reviewed",
};

/** Cells that say nothing: the reviewer has not filled them in. */
const BLANK = new Set(["", "-", "–", "—", "?", "tbd", "todo", "unknown"]);

export interface AnomalyList {
  anomalies: KnownAnomaly[];
  problems: FieldProblem[];
  /** The table's header line, where a problem with the list as a whole points. */
  line: number;
}

/**
 * The Legit.Health "Known Anomalies Assessment" tables: every table under a heading that names known
 * anomalies and has a reference column. A reference cell holds the id, possibly followed by a description
 * in parentheses (`CVE-2025-32434 (PyTorch torch.load() RCE vulnerability)`); rows whose reference is no
 * advisory id (an issue-tracker entry, "None identified") are kept out of the list, since no advisory
 * database can name them. An id listed without saying whether it applies has not been evaluated yet.
 */
export function readAnomalyTables(tables: MarkdownTable[]): AnomalyList | undefined {
  const found = tables.filter((t) => t.headings.some((h) => /known anomal/i.test(h)) && columnsOf(t).includes("reference"));
  if (found.length === 0) return undefined;
  const list: AnomalyList = { anomalies: [], problems: [], line: found[0]!.header.line };
  for (const table of found) {
    const columns = columnsOf(table);
    for (const row of table.rows) {
      const cell = (name: string) => {
        const at = columns.indexOf(name);
        return at === -1 ? "" : stripMarkdown(row.cells[at] ?? "");
      };
      const ids = cell("reference").replace(/\(.*$/, "").split(/[\s,;/]+/).map((t) => t.replace(/[.:]+$/, "")).filter((t) => ANOMALY_ID.test(t));
      const applicable = cell("applicable");
      for (const id of ids) {
        const entry: KnownAnomaly = { id, line: row.line };
        for (const key of ["applicable", "rationale", "reviewed"] as const) if (!BLANK.has(cell(key).toLowerCase())) entry[key] = cell(key);
        list.anomalies.push(entry);
        if (BLANK.has(applicable.toLowerCase())) list.problems.push({ message: unassessedProblem(id, " in the Known Anomalies Assessment table"), line: row.line, field: "anomalies" });
      }
    }
  }
  return list;
}

function columnsOf(table: MarkdownTable): string[] {
  return table.header.cells.map((c) => {
    const label = stripMarkdown(c).toLowerCase().replace(/\s+/g, " ").replace(/:$/, "").trim();
    return Object.hasOwn(COLUMNS, label) ? COLUMNS[label]! : "";
  });
}
