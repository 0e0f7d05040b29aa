import { BlobCache } from "./github/blob-cache.js";
import { PullRequestQueue } from "./github/pull-request-queue.js";
import type { RetryOptions } from "./github/retry-secondary-rate-limits.js";

/**
 * What every event handler of one App process shares: a cache keyed by content and a per-PR queue. Nothing
 * else lives in memory; each event reads the rest from GitHub, so replicas and restarts agree.
 */
export interface EventDeps {
  blobs: BlobCache;
  queue: PullRequestQueue;
  /** The clock, read once per event. */
  now: () => Date;
  retry: RetryOptions;
}

export function createEventDeps(options: Partial<EventDeps> = {}): EventDeps {
  return { blobs: options.blobs ?? new BlobCache(), queue: options.queue ?? new PullRequestQueue(), now: options.now ?? (() => new Date()), retry: options.retry ?? {} };
}

/** One pull request's work is queued under this key, whichever event brought it. */
export function queueKey(repo: { owner: string; repo: string }, number: number): string {
  return `${repo.owner}/${repo.repo}#${number}`;
}
