import type { ChainHead, ChainedEntry, HistoryEntry, HistoryEntryKind } from "./entry.js";

/** Which entries to read; every field narrows, absent fields do not. */
export interface HistoryFilter {
  /** Only these repositories (`owner/name`, any case): what a signed-in user may see. Absent: all; empty: none. */
  repositories?: readonly string[];
  /** One repository (`owner/name`, any case). */
  repository?: string;
  /**
   * A package name, compared per ecosystem (npm exactly, PyPI names PEP 503-normalised): the evaluations
   * whose changes name it, and the approvals, refusals, revocations and invalidations in the same
   * repository of a digest such an evaluation had — who approved that change, or tried to.
   */
  package?: string;
  /** Approvals, refusals and revocations by this login, and invalidations of approvals it gave (any case, `@` allowed). */
  approver?: string;
  /** Only these kinds. Empty: none. */
  kinds?: readonly HistoryEntryKind[];
  /**
   * `YYYY-MM-DD` (a whole day in UTC) or an ISO timestamp with a zone, both inclusive. Anything else makes
   * `list` reject with a RangeError whose message can be shown as it is.
   */
  since?: string;
  until?: string;
}

/**
 * The audit trail: append-only and hash-chained. SQLite (embedded, the default) and PostgreSQL (several
 * replicas) implement it with one schema and the same behaviour (`openHistoryStore`). Failures of the
 * database reject with a `DatabaseError` that names the store (password masked) and the cause.
 */
export interface HistoryStore {
  /**
   * Appends one entry at the end of the chain; concurrent appends, from any process, serialise. An entry
   * it cannot file (no valid time, repository not `owner/name`, …) is refused with a TypeError or
   * RangeError, and nothing is written.
   */
  append(entry: HistoryEntry): Promise<ChainHead>;
  /** The last entry's number and hash; undefined while the chain is empty. */
  head(): Promise<ChainHead | undefined>;
  /** Entries matching the filter, oldest first. */
  list(filter?: HistoryFilter): Promise<ChainedEntry[]>;
  /**
   * Every stored row in number order, as stored, for `history verify`: nothing re-computed or skipped. A
   * row whose data is not a JSON object ends the iteration with an `UnreadableEntryError` carrying its number.
   */
  scan(): AsyncIterable<ChainedEntry>;
  close(): Promise<void>;
}
