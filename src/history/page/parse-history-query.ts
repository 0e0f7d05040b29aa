import type { HistoryFilter } from "../store.js";

/** The filters as typed into the form, shown back in it. */
export interface QueryValues {
  repository: string;
  package: string;
  approver: string;
  since: string;
  until: string;
}

export interface HistoryQuery {
  values: QueryValues;
  filter: HistoryFilter;
  /** One sentence per filter that cannot be used; with any, the page shows no entries. */
  problems: string[];
}

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?$/;
const MAX_LENGTH = 214;

/** The page's and the export's query string (`repo`, `package`, `approver`, `since`, `until`) as a store filter. */
export function parseHistoryQuery(params: URLSearchParams): HistoryQuery {
  const read = (name: string) => (params.get(name) ?? "").trim();
  const values: QueryValues = { repository: read("repo"), package: read("package"), approver: read("approver").replace(/^@/, ""), since: read("since"), until: read("until") };
  const problems: string[] = [];
  const filter: HistoryFilter = {};

  if (values.repository) {
    if (REPOSITORY.test(values.repository) && values.repository.length <= MAX_LENGTH) filter.repository = values.repository;
    else problems.push(`Repository "${values.repository}" is not of the form owner/name.`);
  }
  if (values.package) {
    if (values.package.length <= MAX_LENGTH) filter.package = values.package;
    else problems.push(`Package names are at most ${MAX_LENGTH} characters long.`);
  }
  if (values.approver) {
    if (LOGIN.test(values.approver) && values.approver.length <= 45) filter.approver = values.approver;
    else problems.push(`Approver "${values.approver}" is not a GitHub login.`);
  }
  for (const key of ["since", "until"] as const) {
    if (!values[key]) continue;
    if (isCalendarDate(values[key])) filter[key] = values[key];
    else problems.push(`${key === "since" ? "From" : "To"} date "${values[key]}" is not a date of the form YYYY-MM-DD.`);
  }
  if (filter.since && filter.until && filter.since > filter.until) problems.push(`The From date ${filter.since} is after the To date ${filter.until}.`);
  return { values, filter, problems };
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** The query string of these filters, for links that keep them (export, timeline, pages). */
export function queryString(values: Partial<QueryValues>): string {
  const params = new URLSearchParams();
  if (values.repository) params.set("repo", values.repository);
  if (values.package) params.set("package", values.package);
  if (values.approver) params.set("approver", values.approver);
  if (values.since) params.set("since", values.since);
  if (values.until) params.set("until", values.until);
  const text = params.toString();
  return text ? `?${text}` : "";
}
