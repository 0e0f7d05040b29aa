/** Calendar arithmetic on ISO dates (`YYYY-MM-DD`), in UTC so that a server's time zone never moves a deadline. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return toIsoDate(date) === text;
}

/** `isoDate` moved by `days`; callers bound `days` (see `MAX_DAYS`), so the result is always a real date. */
export function addDays(isoDate: string, days: number): string {
  return toIsoDate(new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The date part of an ISO timestamp; past the year 9999 it keeps the expanded form (`+010000-01-01`) that `Date.parse` reads back. */
export function toIsoDate(date: Date): string {
  const iso = date.toISOString();
  return iso.slice(0, iso.indexOf("T"));
}
