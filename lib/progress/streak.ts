// Streak rules. A streak is the run of consecutive local dates with any activity. It is still
// alive until the learner's day ends: with activity yesterday but none yet today, the streak
// counts through yesterday (Duolingo and GitHub behave the same way), so opening the dashboard
// in the morning never shows a false zero.
import { addDays, daysBetween } from "./local-date";

export interface Streak {
  /** Consecutive active days ending today, or ending yesterday when today has no activity yet. */
  current: number;
  longest: number;
  activeToday: boolean;
  /** The last active date, if any. */
  lastActive: string | null;
}

/**
 * `dates` are local dates (each stored in the zone the learner was in at the time); `today` is
 * today's date in the zone the dashboard is read in. After a flight west a stored date can be
 * "tomorrow" relative to `today`; such a date counts as today rather than breaking the run.
 */
export function computeStreak(dates: Iterable<string>, today: string): Streak {
  const days = [...new Set(dates)].sort();
  const last = days.at(-1) ?? null;
  if (!last) return { current: 0, longest: 0, activeToday: false, lastActive: null };

  let longest = 1;
  let run = 1;
  for (let i = 1; i < days.length; i++) {
    run = daysBetween(days[i - 1] as string, days[i] as string) === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  }

  const anchor = last > today ? last : today;
  const active = new Set(days);
  const activeToday = active.has(anchor);
  let cursor = activeToday ? anchor : addDays(anchor, -1);
  let current = 0;
  while (active.has(cursor)) {
    current += 1;
    cursor = addDays(cursor, -1);
  }
  return { current, longest, activeToday, lastActive: last };
}
