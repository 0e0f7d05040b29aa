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

/**
 * The settings of a running App: `SOUP_GATE_STUCK_MINUTES` (default 15), `SOUP_GATE_LEASE_SECONDS` (how
 * long a stopped replica's work waits for another, default 30) and `SOUP_GATE_RETRY_SECONDS` (the first
 * wait after a failed attempt, default 5).
 */
export function readJobSettings(env: Readonly<Record<string, string | undefined>>): JobSettings {
  const stuckMinutes = positive(env, "SOUP_GATE_STUCK_MINUTES", DEFAULT_STUCK_MINUTES, "how long a check may stay in progress before soup-gate completes it as a failure");
  const leaseSeconds = positive(env, "SOUP_GATE_LEASE_SECONDS", 30, "how long a replica's claim on a job holds before another replica may take it over");
  const retrySeconds = positive(env, "SOUP_GATE_RETRY_SECONDS", 5, "the first wait before a failed evaluation is tried again");
  return { leaseMs: leaseSeconds * 1000, pollMs: 1_000, concurrency: 4, retryBaseMs: retrySeconds * 1000, stuckMinutes, owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}` };
}

function positive(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, meaning: string): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a number above 0 (it is "${text}"): ${meaning}`);
  return value;
}

/** The wait before the next attempt after `attempts` failed ones: the base, doubled each time, at most five minutes. */
export function retryDelayMs(settings: Pick<JobSettings, "retryBaseMs">, attempts: number): number {
  return Math.min(settings.retryBaseMs * 2 ** Math.max(0, attempts - 1), 300_000);
}
