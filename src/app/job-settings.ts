import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

/** How the App works its stored jobs (see src/jobs/). */
export interface JobSettings {
  /** How long a claim on a job holds before another process may take it over; renewed while working. */
  leaseMs: number;
  /** How often to look for due work (a job left by a stopped process, a retry); undefined: never. */
  pollMs: number | undefined;
  /** Jobs worked at once from polling. */
  concurrency: number;
  /** The wait after a failed attempt, doubled with each further failure up to five minutes. */
  retryBaseMs: number;
  /** A check of this App still in progress this long after its first attempt is completed as a failure. */
  stuckMinutes: number;
  /** This process, as its leases name it. */
  owner: string;
}

export const DEFAULT_STUCK_MINUTES = 15;

/** The settings of a running App: `SOUP_GATE_STUCK_MINUTES` (default 15), the rest fixed. */
export function readJobSettings(env: Readonly<Record<string, string | undefined>>): JobSettings {
  const text = env.SOUP_GATE_STUCK_MINUTES?.trim();
  const stuckMinutes = text ? Number(text) : DEFAULT_STUCK_MINUTES;
  if (!Number.isFinite(stuckMinutes) || stuckMinutes <= 0) {
    throw new Error(`SOUP_GATE_STUCK_MINUTES must be a number of minutes above 0 (it is "${text}"): how long a check may stay in progress before soup-gate completes it as a failure`);
  }
  return { leaseMs: 30_000, pollMs: 1_000, concurrency: 4, retryBaseMs: 5_000, stuckMinutes, owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}` };
}

/** The wait before the next attempt after `attempts` failed ones: the base, doubled each time, at most five minutes. */
export function retryDelayMs(settings: Pick<JobSettings, "retryBaseMs">, attempts: number): number {
  return Math.min(settings.retryBaseMs * 2 ** Math.max(0, attempts - 1), 300_000);
}
