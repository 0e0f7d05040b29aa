import type { AffectedPackage, AffectedRange, Advisory, RangeEvent, Score } from "./advisory.js";

export type OsvOutcome = { ok: true; advisory: Advisory } | { ok: false; reason: string };

const EVENT_KINDS = ["introduced", "fixed", "last_affected", "limit"] as const;

/**
 * Validates one OSV record (JSON from the API or a file, or YAML as the PyPA database keeps them) at the
 * boundary. What soup-gate needs must have the schema's type; anything else is ignored. A record that
 * breaks the schema where it matters is refused with the reason, so that it is never read as "affects
 * nothing".
 */
export function readOsv(value: unknown): OsvOutcome {
  if (!isObject(value)) return refuse("it is not an object");
  const id = value.id;
  const modified = value.modified;
  if (typeof id !== "string" || id.trim() === "") return refuse(`"id" is missing`);
  if (typeof modified !== "string" || modified.trim() === "") return refuse(`${id}: "modified" is missing`);

  const aliases = strings(value.aliases);
  if (aliases === undefined) return refuse(`${id}: "aliases" must be a list of ids`);
  const scores = readScores(value.severity);
  if (scores === undefined) return refuse(`${id}: "severity" must be a list of { type, score }`);
  const affected: AffectedPackage[] = [];
  if (value.affected !== undefined && value.affected !== null) {
    if (!Array.isArray(value.affected)) return refuse(`${id}: "affected" must be a list`);
    for (const [i, entry] of value.affected.entries()) {
      const read = readAffected(entry);
      if (typeof read === "string") return refuse(`${id}: affected[${i}]: ${read}`);
      affected.push(read);
    }
  }

  const advisory: Advisory = { id: id.trim(), modified, aliases, scores, affected };
  if (typeof value.withdrawn === "string" && value.withdrawn.trim() !== "") advisory.withdrawn = value.withdrawn;
  if (typeof value.summary === "string" && value.summary.trim() !== "") advisory.summary = value.summary.trim();
  if (typeof value.details === "string" && value.details.trim() !== "") advisory.details = value.details;
  const database = isObject(value.database_specific) ? value.database_specific.severity : undefined;
  if (typeof database === "string" && database.trim() !== "") advisory.databaseSeverity = database.trim();
  return { ok: true, advisory };
}

function readAffected(entry: unknown): AffectedPackage | string {
  if (!isObject(entry)) return "not an object";
  const pkg = entry.package;
  // An entry without a package (some databases describe only git ranges) affects no registry package.
  const ecosystem = isObject(pkg) && typeof pkg.ecosystem === "string" ? pkg.ecosystem : "";
  const name = isObject(pkg) && typeof pkg.name === "string" ? pkg.name : "";
  const versions = strings(entry.versions);
  if (versions === undefined) return `"versions" must be a list of strings`;
  const ranges: AffectedRange[] = [];
  if (entry.ranges !== undefined && entry.ranges !== null) {
    if (!Array.isArray(entry.ranges)) return `"ranges" must be a list`;
    for (const [i, range] of entry.ranges.entries()) {
      if (!isObject(range) || typeof range.type !== "string" || !Array.isArray(range.events)) return `ranges[${i}] must have a "type" and a list of "events"`;
      const events: RangeEvent[] = [];
      for (const event of range.events) {
        const kind = isObject(event) ? EVENT_KINDS.find((k) => typeof event[k] === "string") : undefined;
        if (!kind || !isObject(event)) return `ranges[${i}]: each event must be one of introduced, fixed, last_affected or limit, with a version string`;
        events.push({ [kind]: event[kind] } as RangeEvent);
      }
      ranges.push({ type: range.type, events });
    }
  }
  const scores = readScores(entry.severity) ?? [];
  const own = [entry.ecosystem_specific, entry.database_specific].map((o) => (isObject(o) ? o.severity : undefined)).find((s): s is string => typeof s === "string" && s.trim() !== "");
  return { ecosystem, name, ranges, versions, scores, ...(own ? { severity: own.trim() } : {}) };
}

function readScores(value: unknown): Score[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  const scores: Score[] = [];
  for (const item of value) {
    if (isObject(item) && typeof item.type === "string" && typeof item.score === "string") scores.push({ type: item.type, score: item.score });
  }
  return scores;
}

function strings(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) return undefined;
  return value as string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function refuse(reason: string): OsvOutcome {
  return { ok: false, reason };
}
