import Link from "next/link";
import type { QuizSetSummary } from "@/lib/progress/quiz-sets";

/** A grid of rounds to pick from. */
export function QuizSetList({ heading, sets }: { heading: string; sets: QuizSetSummary[] }) {
  if (sets.length === 0) return null;
  const id = `sets-${heading.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="mb-10">
      <h2 id={id} className="mb-4 text-xl font-semibold">
        {heading}
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {sets.map((set) => (
          <li key={set.href}>
            <Link
              href={set.href}
              className="flex h-full flex-col rounded-xl border border-slate-200 p-4 hover:border-brand-500 hover:bg-brand-50 dark:border-slate-700 dark:hover:bg-slate-900"
            >
              <span className="font-semibold">{set.title}</span>
              <span className="mt-1 flex-1 text-sm text-slate-600 dark:text-slate-300">{set.summary}</span>
              <span className="mt-3 text-sm font-medium text-brand-700 dark:text-brand-500">
                {set.count} {set.count === 1 ? "question" : "questions"} →
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
