import type { ChainedEntry, ChainHead } from "./entry.js";

export interface WitnessCheck {
  /** The stored hash of every witnessed entry the rows reached. */
  tap(rows: AsyncIterable<ChainedEntry>): AsyncIterable<ChainedEntry>;
  /** One line per witness the store does not match; `chainIntact` says whether the rows were read to the end. */
  problems(chainIntact: boolean): string[];
}

/**
 * Checks the chain heads GitHub's check runs hold against the store, in the same single pass over the
 * rows as the chain's own verification. A store rewritten from some entry on — recomputed hashes and
 * all, so that the chain itself is intact — no longer has the hash a run witnessed for that entry.
 */
export function checkWitnesses(witnesses: readonly ChainHead[]): WitnessCheck {
  const wanted = new Set(witnesses.map((w) => w.seq));
  const stored = new Map<number, string>();
  let last = 0;
  return {
    async *tap(rows) {
      for await (const row of rows) {
        if (wanted.has(row.seq)) stored.set(row.seq, row.hash);
        last = Math.max(last, row.seq);
        yield row;
      }
    },
    problems(chainIntact) {
      const problems: string[] = [];
      for (const witness of witnesses) {
        const hash = stored.get(witness.seq);
        if (hash === witness.hash) continue;
        if (hash !== undefined) {
          problems.push(`entry ${witness.seq} is not what GitHub witnessed: the store holds hash ${hash}, the check run ${witness.hash}; the history was rewritten at or before entry ${witness.seq}`);
        } else if (chainIntact) {
          problems.push(`entry ${witness.seq}, which a check run witnessed (hash ${witness.hash}), is not in the store, whose last entry is ${last}: entries were removed`);
        } else {
          problems.push(`entry ${witness.seq} could not be compared with its witness: the chain breaks before it`);
        }
      }
      return problems;
    },
  };
}
