/**
 * The history's tables. `history_entries` holds the chain; `entry` is the canonical JSON of the entry
 * exactly as hashed, and every other column except `seq` and `hash` is derived from it for filtering
 * (lower-cased where GitHub compares without case). `history_packages` lists each package an evaluation
 * checked, under its per-ecosystem name key, so that a package filter is an index look-up.
 */
export interface HistoryTables {
  history_entries: {
    seq: number;
    hash: string;
    kind: string;
    /** The entry's time as UTC ISO (`2026-11-26T09:30:00.000Z`): compares as text. */
    at: string;
    repository_key: string;
    pull_request: number;
    /** Lower-case login of whoever approved, refused or revoked, or whose approval a push invalidated. */
    approver: string | null;
    /** The digest the entry is about (for an invalidation, the one that was approved). */
    digest: string | null;
    /** An invalidation's new digest. */
    to_digest: string | null;
    entry: string;
  };
  history_packages: {
    seq: number;
    repository_key: string;
    digest: string;
    ecosystem: string;
    name_key: string;
  };
}
