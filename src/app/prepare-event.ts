import type { Octokit } from "../github/octokit.js";
import { retrySecondaryRateLimits } from "../github/retry-secondary-rate-limits.js";
import type { AppDeps } from "./app-deps.js";

/**
 * Wraps an event handler so that each event's Octokit retries GitHub's secondary rate limits (which
 * Probot only logs) before the handler makes its first request.
 */
export function prepareEvent<C extends { octokit: Octokit }>(deps: AppDeps, handle: (context: C) => Promise<void>): (context: C) => Promise<void> {
  return async (context) => {
    retrySecondaryRateLimits(context.octokit, { ...deps.retry, sleep: deps.sleep });
    await handle(context);
  };
}
