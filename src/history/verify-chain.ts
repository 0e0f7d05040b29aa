import { chainHash, GENESIS_HASH } from "./chain-hash.js";
import type { ChainedEntry, ChainHead } from "./entry.js";
import { UnreadableEntryError } from "./unreadable-entry-error.js";

export type ChainProblem = "hash-mismatch" | "missing" | "inserted" | "duplicate" | "out-of-order" | "unreadable";

export type ChainVerdict =
  | { intact: true; count: number; head: ChainHead | undefined }
  | { intact: false; seq: number; problem: ChainProblem; message: string; intactUpTo: number };

/**
 * Re-computes the chain over every stored row, in number order, and stops at the first that does not
 * follow from the ones before it: a number skipped (entries removed), a number twice, an entry whose hash
 * does not match (changed, moved, or the chain before it rewritten), an entry that was slipped in (the
 * entry after it still carries the hash it had one place earlier), a row that is not JSON. Rows it cannot
 * read for another reason (the database is down) are not a verdict: the error goes to the caller.
 */
export async function verifyChain(rows: AsyncIterable<ChainedEntry>): Promise<ChainVerdict> {
  let previous: ChainHead = { seq: 0, hash: GENESIS_HASH };
  let beforePrevious: string | undefined;
  let count = 0;
  const broken = (seq: number, problem: ChainProblem, message: string): ChainVerdict => ({ intact: false, seq, problem, message, intactUpTo: previous.seq });
  const gap = (seq: number) => {
    const first = previous.seq + 1;
    const missing = seq - first === 1 ? `entry ${first} is` : `entries ${first} to ${seq - 1} are`;
    return broken(first, "missing", `${missing} missing: the numbering jumps from ${previous.seq} to ${seq}, so ${seq - first === 1 ? "it was" : "they were"} removed`);
  };
  try {
    for await (const row of rows) {
      if (!Number.isSafeInteger(row.seq) || row.seq < 1) {
        return broken(previous.seq + 1, "out-of-order", `a row after entry ${previous.seq} has the number ${String(row.seq)}; entries are numbered from 1`);
      }
      if (row.seq === previous.seq && count > 0) return broken(row.seq, "duplicate", `entry ${row.seq} appears twice: one of the two was inserted`);
      if (row.seq <= previous.seq) return broken(row.seq, "out-of-order", `entry ${row.seq} comes after entry ${previous.seq}`);
      if (row.seq > previous.seq + 1) return gap(row.seq);
      if (chainHash(previous.hash, row.seq, row.entry) !== row.hash) {
        if (beforePrevious !== undefined && chainHash(beforePrevious, row.seq - 1, row.entry) === row.hash) {
          return broken(previous.seq, "inserted", `entry ${previous.seq} was inserted: entry ${row.seq} still carries the hash it had as entry ${row.seq - 1}`);
        }
        return broken(
          row.seq,
          "hash-mismatch",
          `entry ${row.seq} does not match its hash: it was changed or moved, or an entry before it was removed, inserted or rewritten`,
        );
      }
      beforePrevious = previous.hash;
      previous = { seq: row.seq, hash: row.hash };
      count++;
    }
  } catch (error) {
    if (!(error instanceof UnreadableEntryError)) throw error;
    if (error.seq > previous.seq + 1) return gap(error.seq);
    if (error.seq === previous.seq && count > 0) return broken(error.seq, "duplicate", `entry ${error.seq} appears twice: one of the two was inserted`);
    return broken(error.seq, "unreadable", `entry ${error.seq} cannot be read: ${error.detail}`);
  }
  return { intact: true, count, head: count > 0 ? previous : undefined };
}

/** The one line `history verify` prints. */
export function describeVerdict(verdict: ChainVerdict, where: string): string {
  if (!verdict.intact) {
    const before = verdict.intactUpTo > 0 ? ` Entries 1 to ${verdict.intactUpTo} are intact.` : "";
    return `History in ${where} broken at entry ${verdict.seq}: ${verdict.message}.${before}`;
  }
  if (!verdict.head) return `History in ${where} intact: no entries yet.`;
  const count = `${verdict.count} ${verdict.count === 1 ? "entry" : "entries"}`;
  return `History in ${where} intact: ${count}, numbered 1 to ${verdict.head.seq} without a gap; head ${verdict.head.seq} ${verdict.head.hash}.`;
}
