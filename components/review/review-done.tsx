import Link from "next/link";
import { RelativeTime } from "./relative-time";

/** Nothing due: say when the next card is, or how to fill the queue. */
export function ReviewDone({ reviewed, queued, nextDueAt, onCheck }: { reviewed: number; queued: number; nextDueAt: string | null; onCheck: () => void }) {
  return (
    <section className="rounded-xl border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
      <h2 className="text-lg font-semibold">{reviewed > 0 ? `All caught up: ${reviewed} reviewed` : queued > 0 ? "Nothing is due right now" : "Your review queue is empty"}</h2>
      <div className="mx-auto mt-2 max-w-prose text-slate-600 dark:text-slate-300">
        {nextDueAt ? (
          <p>
            Next card due <RelativeTime iso={nextDueAt} />.
          </p>
        ) : (
          <p>Quiz questions you miss (and lab predictions that surprise you) are scheduled here.</p>
        )}
      </div>
      <div className="mt-5 flex flex-col justify-center gap-3 sm:flex-row">
        {queued > 0 && (
          <button type="button" onClick={onCheck} className="inline-flex h-10 items-center justify-center rounded-md border border-slate-300 px-4 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
            Check for due cards
          </button>
        )}
        <Link href="/quizzes" className="inline-flex h-10 items-center justify-center rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800">
          Take a quiz
        </Link>
      </div>
    </section>
  );
}
