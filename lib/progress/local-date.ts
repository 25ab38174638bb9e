// Calendar dates in the learner's own time zone. A streak is about the learner's days, not
// UTC's: 23:30 in Honolulu and 00:30 the next morning are two days for them even though both
// fall on one UTC date. Dates are plain "YYYY-MM-DD" strings so they compare and sort as text.
import { z } from "zod";

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** True for zones the runtime's Intl database knows (IANA names such as "Europe/Berlin", or "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .refine(isValidTimeZone, { message: "must be an IANA time zone such as Europe/Berlin (send Intl.DateTimeFormat().resolvedOptions().timeZone)" });

export const localDateSchema = z.string().regex(datePattern, "must be a date as YYYY-MM-DD");

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of `instant` on a wall clock in `timeZone`. */
export function localDateIn(instant: Date, timeZone: string): string {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    // formatToParts rather than a locale's date string: no locale guarantees YYYY-MM-DD order.
    fmt = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, fmt);
  }
  const parts = Object.fromEntries(fmt.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function toUtcNoon(date: string): number {
  if (!datePattern.test(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  // Noon keeps the arithmetic clear of any leap-second or rounding edge at midnight.
  return Date.UTC(y, m - 1, d, 12);
}

/** Calendar arithmetic on a date string; no time zone is involved (a day is a day). */
export function addDays(date: string, days: number): string {
  return new Date(toUtcNoon(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcNoon(to) - toUtcNoon(from)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday, for laying dates out on a calendar grid. */
export function weekdayOf(date: string): number {
  return new Date(toUtcNoon(date)).getUTCDay();
}
