import type { Octokit } from "./octokit.js";

export interface RetryOptions {
  retries?: number;
  /** Longer waits than this are not worth holding a webhook for: the check fails and says "re-run". */
  maxWaitSeconds?: number;
  sleep: (ms: number) => Promise<void>;
}

interface HttpError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

/**
 * Retries requests that hit one of GitHub's secondary rate limits. Probot's throttling only logs those and
 * gives up (its `onSecondaryRateLimit` returns nothing), and Probot offers no option to change that for
 * `probot run`, so the app wraps every event's Octokit here: wait as long as `retry-after` says, or one
 * minute doubling each time as GitHub's documentation asks, at most `retries` times. Primary limits
 * (`x-ratelimit-remaining: 0`) stay with Probot's throttling, which already retries them.
 */
export function retrySecondaryRateLimits(octokit: Octokit, options: RetryOptions): void {
  const { retries = 3, maxWaitSeconds = 300, sleep } = options;
  octokit.hook.wrap("request", async (request, requestOptions) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await request(requestOptions);
      } catch (error) {
        const wait = secondaryLimitWait(error as HttpError, attempt);
        if (wait === undefined || attempt >= retries || wait > maxWaitSeconds) throw error;
        octokit.log.warn(`GitHub's secondary rate limit hit on ${requestOptions.method} ${requestOptions.url}: retrying in ${wait} s (${attempt + 1} of ${retries})`);
        await sleep(wait * 1000);
      }
    }
  });
}

/** Seconds to wait before retrying, or undefined when the error is not a secondary rate limit. */
export function secondaryLimitWait(error: HttpError, attempt: number): number | undefined {
  if (error.status !== 403 && error.status !== 429) return undefined;
  const headers = error.response?.headers ?? {};
  if (String(headers["x-ratelimit-remaining"]) === "0") return undefined;
  const retryAfter = headers["retry-after"] === undefined ? NaN : Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter;
  // A 403 that names no rate limit is a permission problem: waiting would not help.
  if (error.status === 429 || /secondary rate limit/i.test(error.message ?? "")) return 60 * 2 ** attempt;
  return undefined;
}
