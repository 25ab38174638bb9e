// The activity calendar's cells: the last N weeks as columns of Sunday→Saturday, ending with the
// week that holds `today` (GitHub's contribution-graph layout).
import { addDays, weekdayOf } from "./local-date";

export interface CalendarCell {
  date: string;
  /** Column, 0 = oldest week. */
  week: number;
  /** Row, 0 = Sunday. */
  weekday: number;
  count: number;
  /** 0 (nothing) … 4 (busiest), relative to the busiest day shown. */
  level: 0 | 1 | 2 | 3 | 4;
  future: boolean;
}

export function calendarCells(counts: ReadonlyMap<string, number>, today: string, weeks = 16): CalendarCell[] {
  const lastSunday = addDays(today, -weekdayOf(today));
  const start = addDays(lastSunday, -7 * (weeks - 1));
  const days = Array.from({ length: weeks * 7 }, (_, i) => addDays(start, i));
  const max = Math.max(0, ...days.filter((d) => d <= today).map((d) => counts.get(d) ?? 0));
  return days.map((date, i) => {
    const future = date > today;
    const count = future ? 0 : (counts.get(date) ?? 0);
    const level = count === 0 || max === 0 ? 0 : (Math.min(4, Math.ceil((count / max) * 4)) as 1 | 2 | 3 | 4);
    return { date, week: Math.floor(i / 7), weekday: i % 7, count, level, future };
  });
}
