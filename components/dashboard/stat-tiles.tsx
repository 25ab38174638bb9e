import Link from "next/link";
import { RelativeTime } from "@/components/review/relative-time";
import type { DashboardData } from "@/lib/progress/dashboard-data";

function Tile({ label, value, children }: { label: string; value: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-slate-200 p-4 dark:border-slate-700">
      <dt className="text-sm text-slate-600 dark:text-slate-300">{label}</dt>
      <dd className="mt-1 text-2xl font-bold">{value}</dd>
      {children && <dd className="mt-1 text-sm text-slate-600 dark:text-slate-300">{children}</dd>}
    </div>
  );
}

/** The headline numbers: streak, review queue, cards known, rounds taken. */
export function StatTiles({ data }: { data: DashboardData }) {
  const { streak, review, totals } = data;
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <Tile label="Streak" value={`${streak.current} ${streak.current === 1 ? "day" : "days"}`}>
        {streak.current > 0 && !streak.activeToday ? "Study today to keep it going. " : ""}Longest: {streak.longest}.
      </Tile>
      <Tile label="Due for review" value={String(review.dueNow)}>
        {review.dueNow > 0 ? (
          <Link href="/review" className="font-medium text-brand-700 underline dark:text-brand-500">
            Review now
          </Link>
        ) : review.nextDueAt ? (
          <>
            Next <RelativeTime iso={review.nextDueAt} />
          </>
        ) : (
          "Nothing scheduled."
        )}
      </Tile>
      <Tile label="Cards known" value={`${totals.known} / ${totals.cards}`}>
        {totals.learning} learning.
      </Tile>
      <Tile label="Quiz rounds" value={String(totals.attempts)}>
        {totals.reviews} {totals.reviews === 1 ? "review" : "reviews"} rated.
      </Tile>
    </dl>
  );
}
