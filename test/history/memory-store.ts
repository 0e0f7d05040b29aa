import { createHash } from "node:crypto";
import type { ChainHead, ChainedEntry, EvaluationEntry, HistoryEntry } from "../../src/history/entry.js";
import type { HistoryFilter, HistoryStore } from "../../src/history/store.js";
import { nameKey } from "../../src/names.js";

/**
 * A `HistoryStore` in memory, for unit tests of what reads the store: the filters as `store.ts` describes
 * them, entries chained by a sha256 of the previous hash and the entry. The browser test uses the real one.
 */
export class MemoryStore implements HistoryStore {
  readonly entries: ChainedEntry[] = [];
  /** Filters the store was asked for, in order: tests check that access is narrowed before the store is read. */
  readonly asked: HistoryFilter[] = [];

  async append(entry: HistoryEntry): Promise<ChainHead> {
    const previous = this.entries[this.entries.length - 1]?.hash ?? "0".repeat(64);
    const seq = this.entries.length + 1;
    const hash = createHash("sha256").update(previous).update(JSON.stringify({ seq, entry })).digest("hex");
    this.entries.push({ seq, hash, entry });
    return { seq, hash };
  }

  async head(): Promise<ChainHead | undefined> {
    const last = this.entries[this.entries.length - 1];
    return last && { seq: last.seq, hash: last.hash };
  }

  async list(filter: HistoryFilter = {}): Promise<ChainedEntry[]> {
    this.asked.push(filter);
    const digests = new Set<string>();
    if (filter.package !== undefined) {
      for (const { entry } of this.entries) if (entry.kind === "evaluation" && namesPackage(entry, filter.package)) digests.add(`${entry.repository.toLowerCase()}\0${entry.digest}`);
    }
    return this.entries.filter(({ entry }) => matches(entry, filter, digests));
  }

  async *scan(): AsyncIterable<ChainedEntry> {
    yield* this.entries;
  }

  async close(): Promise<void> {}
}

function matches(entry: HistoryEntry, filter: HistoryFilter, digests: ReadonlySet<string>): boolean {
  const repository = entry.repository.toLowerCase();
  if (filter.repositories && !filter.repositories.some((r) => r.toLowerCase() === repository)) return false;
  if (filter.repository && filter.repository.toLowerCase() !== repository) return false;
  if (filter.kinds && !filter.kinds.includes(entry.kind)) return false;
  if (filter.since && entry.at.slice(0, filter.since.length) < filter.since) return false;
  if (filter.until && entry.at.slice(0, filter.until.length) > filter.until) return false;
  if (filter.package !== undefined) {
    // The evaluations that name the package, and the decisions on a digest such an evaluation had.
    const decided = entry.kind === "evaluation" ? [] : entry.kind === "invalidation" ? [entry.fromDigest, entry.toDigest] : [entry.digest];
    if (entry.kind === "evaluation" ? !namesPackage(entry, filter.package) : !decided.some((d) => digests.has(`${repository}\0${d}`))) return false;
  }
  if (filter.approver !== undefined) {
    const by = entry.kind === "invalidation" ? entry.approver : entry.kind === "evaluation" ? undefined : entry.actor;
    if (by?.toLowerCase() !== filter.approver.replace(/^@/, "").toLowerCase()) return false;
  }
  return true;
}

function namesPackage(entry: EvaluationEntry, name: string): boolean {
  return entry.changes.some((c) => nameKey(c.ecosystem, c.name) === nameKey(c.ecosystem, name));
}
