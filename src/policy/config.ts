import { describeDays, readWholeDays } from "../core/whole-days.js";
import { usesExtendedGlob } from "./compile-glob.js";
import { MAX_QUOTED, quoteValue } from "../text/quote-value.js";
import { trimChar } from "../text/trim-char.js";
import { ECOSYSTEMS, FINDING_CODES, type Ecosystem, type FindingCode, type SeveritySetting } from "../types.js";

/** `.github/soup.yml` after validation, every key filled in (the README documents each under "Policy"). */
export interface Config {
  records: { path: string[]; repository?: string };
  lockfiles: { include: string[]; exclude: string[] };
  scope: { transitive: boolean; development: boolean };
  review: { interval_days: number; warn_days: number };
  ignore: IgnoreRule[];
  severity: Record<FindingCode, SeveritySetting>;
  /** Published advisories against the records' known anomalies. */
  anomalies: {
    /** `osv`: ask OSV (or the CLI's `--advisories` folder); `off`: ask nothing. */
    source: "osv" | "off";
  };
  approval: {
    required: boolean;
    teams: string[];
    users: string[];
    permission: ApprovalPermission | null;
    allow_authors: boolean;
  };
}

export interface IgnoreRule {
  ecosystem?: Ecosystem;
  /** A package name or a glob over names (`@types/*`). */
  name: string;
  reason: string;
}

export const APPROVAL_PERMISSIONS = ["triage", "write", "maintain", "admin"] as const;
export type ApprovalPermission = (typeof APPROVAL_PERMISSIONS)[number];

export const DEFAULT_SEVERITY: Record<FindingCode, SeveritySetting> = {
  "missing-record": "failure",
  "version-not-recorded": "failure",
  "newer-than-reviewed": "failure",
  "review-overdue": "failure",
  "review-due-soon": "warning",
  "record-invalid": "failure",
  "duplicate-record": "failure",
  "orphan-record": "notice",
  unpinned: "warning",
  "lockfile-unparsable": "failure",
  "config-invalid": "failure",
  "anomaly-not-assessed": "failure",
  // `anomalies.unavailable`: a source that cannot be asked warns by default; the policy can make it fail.
  "anomaly-check-unavailable": "warning",
};

/** The policy file, where Probot's `context.config("soup.yml")` reads it on the default branch. */
export const CONFIG_PATH = ".github/soup.yml";
/** Where records are looked for, and drafts suggested, when the policy names no folder. */
export const DEFAULT_RECORDS_DIR = "docs/soup";

export function defaultConfig(): Config {
  return {
    records: { path: [DEFAULT_RECORDS_DIR] },
    lockfiles: { include: [], exclude: [] },
    scope: { transitive: false, development: false },
    review: { interval_days: 365, warn_days: 30 },
    ignore: [],
    severity: { ...DEFAULT_SEVERITY },
    anomalies: { source: "osv" },
    approval: { required: true, teams: [], users: [], permission: null, allow_authors: false },
  };
}

export type ConfigOutcome = { ok: true; config: Config } | { ok: false; errors: string[]; config: Config };

/**
 * Validates a parsed `.github/soup.yml` and fills in the defaults. Every bad key is collected, so the
 * check can name them all in one message; the defaults stand in for the bad values meanwhile.
 */
export function parseConfig(raw: unknown): ConfigOutcome {
  const config = defaultConfig();
  const errors: string[] = [];
  if (raw === null || raw === undefined) return { ok: true, config };
  if (!isObject(raw)) return { ok: false, errors: ["the file must be a mapping of keys such as records:, scope:, review:"], config };

  let unavailable: "failure" | "warning" | "notice" | undefined;
  const sections: Record<string, (value: unknown) => void> = {
    _extends: () => {}, // consumed by Probot's config loader
    records: (v) => section(v, "records", errors, {
      path: (p) => { const list = stringList(p, "records.path", errors, true); if (list) config.records.path = list; },
      repository: (r) => {
        if (typeof r === "string" && /^[\w.-]+\/[\w.-]+$/.test(r)) config.records.repository = r;
        else if (r !== null) errors.push(`records.repository: expected "owner/name", got ${show(r)}`);
      },
    }),
    lockfiles: (v) => section(v, "lockfiles", errors, {
      include: (p) => { const list = stringList(p, "lockfiles.include", errors, false, true); if (list) config.lockfiles.include = list; },
      exclude: (p) => { const list = stringList(p, "lockfiles.exclude", errors, false, true); if (list) config.lockfiles.exclude = list; },
    }),
    scope: (v) => section(v, "scope", errors, {
      transitive: (b) => { const x = bool(b, "scope.transitive", errors); if (x !== undefined) config.scope.transitive = x; },
      development: (b) => { const x = bool(b, "scope.development", errors); if (x !== undefined) config.scope.development = x; },
    }),
    review: (v) => section(v, "review", errors, {
      interval_days: (n) => { const x = days(n, "review.interval_days", errors, 1); if (x !== undefined) config.review.interval_days = x; },
      warn_days: (n) => { const x = days(n, "review.warn_days", errors, 0); if (x !== undefined) config.review.warn_days = x; },
    }),
    ignore: (v) => { const rules = ignoreRules(v, errors); if (rules) config.ignore = rules; },
    severity: (v) => section(v, "severity", errors, Object.fromEntries(FINDING_CODES.map((code) => [code, (s: unknown) => {
      if (code === "anomaly-check-unavailable" && s === "off") errors.push(`severity.${code}: off would hide that advisories went unchecked; write anomalies.source: off to ask no advisory source`);
      else if (s === "failure" || s === "warning" || s === "notice" || s === "off") config.severity[code] = s;
      else errors.push(`severity.${code}: expected failure, warning, notice or off, got ${show(s)}`);
    }]))),
    anomalies: (v) => section(v, "anomalies", errors, {
      source: (s) => {
        // YAML 1.1 read `off` as false; soup.yml is read as YAML 1.2, where it is the string "off". Both mean off.
        if (s === "osv" || s === "off") config.anomalies.source = s;
        else if (s === false) config.anomalies.source = "off";
        else errors.push(`anomalies.source: expected osv or off, got ${show(s)}`);
      },
      unavailable: (s) => {
        // "off" is refused: a source that cannot be asked must show, or the gate would pass on no answer.
        if (s === "failure" || s === "warning" || s === "notice") unavailable = s;
        else errors.push(`anomalies.unavailable: expected failure, warning or notice, got ${show(s)}`);
      },
    }),
    approval: (v) => section(v, "approval", errors, {
      required: (b) => { const x = bool(b, "approval.required", errors); if (x !== undefined) config.approval.required = x; },
      teams: (p) => { const list = stringList(p, "approval.teams", errors, false); if (list) config.approval.teams = list; },
      users: (p) => { const list = stringList(p, "approval.users", errors, false); if (list) config.approval.users = list; },
      permission: (p) => {
        if (p === null) return;
        if (typeof p === "string" && (APPROVAL_PERMISSIONS as readonly string[]).includes(p)) config.approval.permission = p as ApprovalPermission;
        else errors.push(`approval.permission: expected one of ${APPROVAL_PERMISSIONS.join(", ")} or null, got ${show(p)}`);
      },
      allow_authors: (b) => { const x = bool(b, "approval.allow_authors", errors); if (x !== undefined) config.approval.allow_authors = x; },
    }),
  };
  for (const [key, value] of Object.entries(raw)) {
    const handle = Object.hasOwn(sections, key) ? sections[key] : undefined;
    if (handle) handle(value);
    else errors.push(`${showKey(key)}: unknown key (known: ${Object.keys(sections).filter((k) => k !== "_extends").join(", ")})`);
  }
  if (unavailable) {
    const set = isObject(raw.severity) && Object.hasOwn(raw.severity, "anomaly-check-unavailable") ? config.severity["anomaly-check-unavailable"] : undefined;
    if (set !== undefined && set !== unavailable) errors.push(`anomalies.unavailable (${unavailable}) and severity.anomaly-check-unavailable (${set}) disagree: set it in one place`);
    else config.severity["anomaly-check-unavailable"] = unavailable;
  }
  if (errors.length === 0) return { ok: true, config };
  // One message lists every bad key, but a file of a million bad keys must not make a million-line message.
  const listed = errors.length > MAX_ERRORS ? [...errors.slice(0, MAX_ERRORS - 1), `…and ${errors.length - MAX_ERRORS + 1} more problems`] : errors;
  return { ok: false, errors: listed, config };
}

/** Bounds that keep a hostile policy cheap to apply: no list or glob of the policy is ever near them. */
export const MAX_LIST_ITEMS = 1000;
export const MAX_TEXT_LENGTH = 1000;
const MAX_ERRORS = 50;

function section(value: unknown, name: string, errors: string[], keys: Record<string, (v: unknown) => void>): void {
  if (value === null) return;
  if (!isObject(value)) {
    errors.push(`${name}: expected a mapping, got ${show(value)}`);
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    const handle = Object.hasOwn(keys, key) ? keys[key] : undefined;
    if (handle) handle(v);
    else errors.push(`${name}.${showKey(key)}: unknown key (known: ${Object.keys(keys).join(", ")})`);
  }
}

function ignoreRules(value: unknown, errors: string[]): IgnoreRule[] | undefined {
  if (value === null) return [];
  if (!Array.isArray(value)) {
    errors.push(`ignore: expected a list of { ecosystem, name, reason }, got ${show(value)}`);
    return undefined;
  }
  if (value.length > MAX_LIST_ITEMS) {
    errors.push(`ignore: at most ${MAX_LIST_ITEMS} rules, got ${value.length}: use globs such as "@types/*"`);
    return undefined;
  }
  const rules: IgnoreRule[] = [];
  // A YAML alias repeats one mapping by reference: it is checked once, however often the list names it.
  const checked = new Map<object, IgnoreRule | undefined>();
  value.forEach((item, i) => {
    const where = `ignore[${i}]`;
    if (!isObject(item)) return void errors.push(`${where}: expected { ecosystem, name, reason }, got ${show(item)}`);
    if (checked.has(item)) {
      const seen = checked.get(item);
      if (seen) rules.push(seen);
      return;
    }
    const rule: IgnoreRule = { name: "", reason: "" };
    const before = errors.length;
    for (const [key, v] of Object.entries(item)) {
      if (key === "ecosystem") {
        if (typeof v === "string" && (ECOSYSTEMS as readonly string[]).includes(v)) rule.ecosystem = v as Ecosystem;
        else errors.push(`${where}.ecosystem: expected ${ECOSYSTEMS.join(" or ")}, got ${show(v)}`);
      } else if (key === "name" || key === "reason") {
        if (typeof v !== "string" || v.trim() === "") errors.push(`${where}.${key}: expected a non-empty string, got ${show(v)}`);
        else if (v.length > MAX_TEXT_LENGTH) errors.push(`${where}.${key}: at most ${MAX_TEXT_LENGTH} characters, got ${show(v)}`);
        else if (key === "name" && usesExtendedGlob(v)) errors.push(`${where}.name: ${show(v)} ${EXTENDED_GLOB}`);
        else rule[key] = v.trim();
      } else errors.push(`${where}.${showKey(key)}: unknown key (known: ecosystem, name, reason)`);
    }
    if (!Object.hasOwn(item, "name")) errors.push(`${where}.name: missing — which package needs no record?`);
    // An auditor asks why a shipped package has no SOUP record: the reason is the answer, so it is required.
    if (!Object.hasOwn(item, "reason")) errors.push(`${where}.reason: missing — say why this package needs no record`);
    // Only a complete rule ignores anything: a broken one leaves its package checked (fail closed).
    const complete = errors.length === before;
    checked.set(item, complete ? rule : undefined);
    if (complete) rules.push(rule);
  });
  return rules;
}

const EXTENDED_GLOB = "uses extended glob syntax, which soup-gate does not read: write plain globs (*, **, ?, [a-z], {a,b})";

function stringList(value: unknown, name: string, errors: string[], nonEmpty: boolean, globs = false): string[] | undefined {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || !list.every((s) => typeof s === "string" && s.trim() !== "")) {
    errors.push(`${name}: expected a string or a list of strings, got ${show(value)}`);
    return undefined;
  }
  const long = list.find((s: string) => s.length > MAX_TEXT_LENGTH);
  if (long !== undefined) {
    errors.push(`${name}: each entry has at most ${MAX_TEXT_LENGTH} characters, got ${show(long)}`);
    return undefined;
  }
  const extended = globs ? list.find((s: string) => usesExtendedGlob(s)) : undefined;
  if (extended !== undefined) {
    errors.push(`${name}: ${show(extended)} ${EXTENDED_GLOB}`);
    return undefined;
  }
  if (list.length > MAX_LIST_ITEMS) {
    errors.push(`${name}: at most ${MAX_LIST_ITEMS} entries, got ${list.length}`);
    return undefined;
  }
  if (nonEmpty && list.length === 0) {
    errors.push(`${name}: must name at least one folder`);
    return undefined;
  }
  return list.map((s: string) => trimChar(s.trim().replace(/^\.\//, ""), "/", "end"));
}

function bool(value: unknown, name: string, errors: string[]): boolean | undefined {
  if (typeof value === "boolean") return value;
  errors.push(`${name}: expected true or false, got ${show(value)}`);
  return undefined;
}

function days(value: unknown, name: string, errors: string[], min: number): number | undefined {
  const days = typeof value === "number" ? readWholeDays(value, min) : undefined;
  if (days === undefined) errors.push(`${name}: expected ${describeDays(min)}, got ${show(value)}`);
  return days;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return quoteValue(value);
}

/** A key as written, cut short: keys come from the file too. */
function showKey(key: string): string {
  return key.length <= MAX_QUOTED ? key : `${key.slice(0, MAX_QUOTED - 1)}…`;
}
