import type { ChainHead } from "./entry.js";

const WITNESS = /soup-gate history: entry (\d+) sha256 ([0-9a-f]{64})/g;

/**
 * The line written into a `SOUP records` run after its evaluation's entry: the chain head then. GitHub keeps
 * it apart from the store, so a store rewritten later no longer matches what its runs say.
 */
export function formatWitness(head: ChainHead): string {
  return `soup-gate history: entry ${head.seq} sha256 ${head.hash}`;
}

/** Every witness line in a text (a check run's output), in order. */
export function findWitnesses(text: string): ChainHead[] {
  return [...text.matchAll(WITNESS)].map((m) => ({ seq: Number(m[1]), hash: m[2]! }));
}
