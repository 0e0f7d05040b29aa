import type { ChainHead, ChainedEntry, HistoryEntry, HistoryEntryKind } from "./entry.js";

/** Which entries to read; every field narrows, absent fields do not. */
export interface HistoryFilter {
  /** Only these repositories (`owner/name`): what a signed-in user may see. Absent: all. */
  repositories?: readonly string[];
  /** One repository. */
  repository?: string;
  /** A package name, compared per ecosystem (PyPI names PEP 503-normalised): entries whose changes name it. */
  package?: string;
  /** Entries by this login (approvals, refusals, revocations) or approvals given by it. */
  approver?: string;
  kinds?: readonly HistoryEntryKind[];
  /** ISO dates (`YYYY-MM-DD`) or timestamps, inclusive. */
  since?: string;
  until?: string;
}

/**
 * The audit trail: append-only and hash-chained. SQLite (embedded, the default) and PostgreSQL (several
 * replicas) implement it with one schema and the same behaviour.
 */
export interface HistoryStore {
  /** Appends one entry at the end of the chain; concurrent appends, from any process, serialise. */
  append(entry: HistoryEntry): Promise<ChainHead>;
  /** The last entry's number and hash; undefined while the chain is empty. */
  head(): Promise<ChainHead | undefined>;
  /** Entries matching the filter, oldest first. */
  list(filter?: HistoryFilter): Promise<ChainedEntry[]>;
  /** Every stored row in storage order, as stored, for `history verify`: nothing re-computed or skipped. */
  scan(): AsyncIterable<ChainedEntry>;
  close(): Promise<void>;
}
