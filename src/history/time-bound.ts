import { addDays, isIsoDate } from "../core/dates.js";

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A `since`/`until` filter as a UTC bound on entry times (stored as UTC ISO, which compare as text). */
export interface TimeBound {
  at: string;
  /** `<` rather than `<=`: an `until` day is taken whole, up to the next midnight UTC. */
  exclusive: boolean;
}

/**
 * `YYYY-MM-DD` (a whole day, UTC: `since` from its first moment, `until` to its last) or an ISO timestamp
 * with a zone (`2026-11-26T09:30:00Z`, `…+01:00`), both inclusive. Anything else is a RangeError whose
 * message can be shown as it is.
 */
export function parseTimeBound(text: string, side: "since" | "until"): TimeBound {
  if (isIsoDate(text)) {
    return side === "since" ? { at: `${text}T00:00:00.000Z`, exclusive: false } : { at: `${addDays(text, 1)}T00:00:00.000Z`, exclusive: true };
  }
  const time = TIMESTAMP.test(text) ? new Date(text) : undefined;
  if (!time || Number.isNaN(time.getTime()) || !isIsoDate(text.slice(0, 10))) {
    throw new RangeError(`${side} must be a date as YYYY-MM-DD or a timestamp such as 2026-11-26T09:30:00Z, not "${text}"`);
  }
  return { at: time.toISOString(), exclusive: false };
}

/** An entry's `at` as stored: UTC ISO with milliseconds. */
export function normaliseEntryTime(at: string): string {
  const time = TIMESTAMP.test(at) ? new Date(at) : undefined;
  if (!time || Number.isNaN(time.getTime())) throw new RangeError(`the entry's time must be an ISO timestamp with a zone, not "${at}"`);
  return time.toISOString();
}
