import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";
import type { HistoryEntry } from "./entry.js";

/** The "previous hash" of entry 1. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * The hash of entry `seq`: sha256, as 64 lower-case hex digits, of the previous entry's hash (its 64 hex
 * digits) immediately followed by the canonical JSON of `{ "entry": …, "seq": … }`, as UTF-8. Hashing
 * the number too means an entry moved to another place in the chain no longer matches.
 */
export function chainHash(previousHash: string, seq: number, entry: HistoryEntry): string {
  return createHash("sha256").update(previousHash).update(canonicalJson({ seq, entry })).digest("hex");
}
