/**
 * The longest review interval or warning period soup-gate accepts: a century. Beyond it no review
 * schedule means anything, and a date computed from it would leave the calendar (`Invalid time value`).
 */
export const MAX_DAYS = 36_500;

/** What a whole number of days must be, for the message that refuses one: "a whole number of days from 1 to 36500 (100 years)". */
export function describeDays(min: number): string {
  return `a whole number of days from ${min} to ${MAX_DAYS} (100 years)`;
}

/**
 * A number of days from a policy (a YAML number) or a record (the digits it was written as), or
 * undefined when it is not a whole number from `min` to MAX_DAYS. The one place that bounds them.
 */
export function readWholeDays(value: unknown, min: number): number | undefined {
  const days = typeof value === "number" ? value : typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  return Number.isInteger(days) && days >= min && days <= MAX_DAYS ? days : undefined;
}
