import { describeError } from "../github/describe-error.js";
import type { ChainHead, HistoryEntry } from "../history/entry.js";
import type { HistoryStore } from "../history/store.js";

/** Where the history writer says what it lost or retries: a Probot context's log, or the App's. */
export interface HistoryLog {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** How often, and how far apart, an entry the store refused is tried again. */
export interface HistoryRetry {
  /** Tries after the first; default 8. */
  retries?: number;
  /** The wait before the first retry, doubled for each next one; default 1 s (so about 4 minutes in all). */
  firstDelayMs?: number;
}

/**
 * Appends the App's decisions to the history. Writing the history never decides a check: `append` never
 * rejects. When the store cannot be written, the entry's kind, repository, pull request and head are logged,
 * and the entry is tried again in the background with a doubling wait; only after the last try is it given
 * up, logged in full so that it can be put on record by hand. An entry the store refuses as malformed is a
 * bug, not a fault of the store: it is logged in full and not tried again.
 */
export interface HistoryWriter {
  /** The chain head after this entry, or undefined when it could not be written now. */
  append(entry: HistoryEntry, log: HistoryLog): Promise<ChainHead | undefined>;
  /** Resolves once every entry waiting for a retry is written or given up (tests, shutdown). */
  settled(): Promise<void>;
}

export function createHistoryWriter(store: () => Promise<HistoryStore>, sleep: (ms: number) => Promise<void>, retry: HistoryRetry = {}): HistoryWriter {
  const retries = retry.retries ?? 8;
  const firstDelayMs = retry.firstDelayMs ?? 1000;
  const pending = new Set<Promise<void>>();

  const tryOnce = async (entry: HistoryEntry): Promise<{ head: ChainHead } | { error: unknown; malformed: boolean }> => {
    try {
      return { head: await (await store()).append(entry) };
    } catch (error) {
      return { error, malformed: error instanceof TypeError || error instanceof RangeError };
    }
  };

  const retryLater = async (entry: HistoryEntry, log: HistoryLog): Promise<void> => {
    for (let attempt = 1; attempt <= retries; attempt++) {
      await sleep(firstDelayMs * 2 ** (attempt - 1));
      const result = await tryOnce(entry);
      if ("head" in result) {
        log.warn({ ...about(entry), seq: result.head.seq, attempt }, `history: the ${entry.kind} entry was written on try ${attempt + 1}, as entry ${result.head.seq}`);
        return;
      }
      const last = attempt === retries || result.malformed;
      if (last) {
        log.error({ ...about(entry), entry, err: result.error }, `history: the ${entry.kind} entry of ${describe(entry)} is LOST after ${attempt + 1} tries: ${describeError(result.error)}`);
        return;
      }
      log.error({ ...about(entry), attempt, err: result.error }, `history: the ${entry.kind} entry of ${describe(entry)} could not be written (try ${attempt + 1}), trying again: ${describeError(result.error)}`);
    }
  };

  return {
    async append(entry, log) {
      const result = await tryOnce(entry);
      if ("head" in result) return result.head;
      if (result.malformed || retries === 0) {
        log.error({ ...about(entry), entry, err: result.error }, `history: the ${entry.kind} entry of ${describe(entry)} is LOST, the store refused it: ${describeError(result.error)}`);
        return undefined;
      }
      log.error({ ...about(entry), err: result.error }, `history: the ${entry.kind} entry of ${describe(entry)} could not be written, trying again in the background: ${describeError(result.error)}`);
      const background = retryLater(entry, log).finally(() => pending.delete(background));
      pending.add(background);
      return undefined;
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

function about(entry: HistoryEntry) {
  return { history: entry.kind, repository: entry.repository, pr: entry.pullRequest, head: entry.headSha };
}

function describe(entry: HistoryEntry): string {
  return `${entry.repository}#${entry.pullRequest} at ${entry.headSha.slice(0, 7)}`;
}
