import { nameKey } from "../names.js";
import type { HistoryEntry, HistoryEntryKind } from "./entry.js";
import { normaliseEntryTime } from "./time-bound.js";

const KINDS: ReadonlySet<HistoryEntryKind> = new Set(["evaluation", "approval", "refusal", "revocation", "invalidation"]);
const REPOSITORY = /^[\w.-]+\/[\w.-]+$/;

/** The filter columns of one entry (see `HistoryTables`), and the packages an evaluation checked. */
export interface EntryIndex {
  kind: HistoryEntryKind;
  at: string;
  repository_key: string;
  pull_request: number;
  approver: string | null;
  digest: string | null;
  to_digest: string | null;
  packages: Array<{ ecosystem: string; name_key: string }>;
}

/**
 * Checks what every entry needs and derives its filter columns. A malformed entry is a bug in the caller:
 * it is refused whole rather than stored with columns that would hide it from a filter.
 */
export function indexEntry(entry: HistoryEntry): EntryIndex {
  if (!KINDS.has(entry.kind)) throw new TypeError(`unknown history entry kind "${String(entry.kind)}"`);
  if (typeof entry.repository !== "string" || !REPOSITORY.test(entry.repository)) throw new TypeError(`an entry's repository must be owner/name, not "${entry.repository}"`);
  if (!Number.isSafeInteger(entry.pullRequest) || entry.pullRequest <= 0) throw new TypeError(`an entry's pull request must be a positive number, not ${entry.pullRequest}`);
  if (typeof entry.actor !== "string" || entry.actor === "") throw new TypeError("an entry needs an actor");
  const base = { kind: entry.kind, at: normaliseEntryTime(entry.at), repository_key: entry.repository.toLowerCase(), pull_request: entry.pullRequest };
  switch (entry.kind) {
    case "evaluation": {
      const packages = new Map(entry.changes.map((c) => [`${c.ecosystem}\n${nameKey(c.ecosystem, c.name)}`, { ecosystem: c.ecosystem, name_key: nameKey(c.ecosystem, c.name) }]));
      return { ...base, approver: null, digest: entry.digest, to_digest: null, packages: [...packages.values()] };
    }
    case "approval":
    case "refusal":
    case "revocation":
      return { ...base, approver: entry.actor.toLowerCase(), digest: entry.digest, to_digest: null, packages: [] };
    case "invalidation":
      return { ...base, approver: entry.approver.toLowerCase(), digest: entry.fromDigest, to_digest: entry.toDigest, packages: [] };
  }
}
