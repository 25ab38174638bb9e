import Link from "next/link";
import type { QuestionCard } from "@/lib/content/load";
import { DifficultyBadge } from "./difficulty-badge";

/** A list of question cards as links: the question, its difficulty and the start of the answer. */
export function QuestionList({ questions, showAnswer = true }: { questions: QuestionCard[]; showAnswer?: boolean }) {
  return (
    <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
      {questions.map((q) => (
        <li key={q.slug}>
          <Link href={`/questions/${q.slug}`} className="block p-4 hover:bg-slate-50 dark:hover:bg-slate-900">
            <span className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{q.title}</span>
              <DifficultyBadge difficulty={q.difficulty} />
            </span>
            {showAnswer && <span className="mt-1 line-clamp-2 block text-sm text-slate-600 dark:text-slate-400">{q.shortAnswer}</span>}
          </Link>
        </li>
      ))}
    </ul>
  );
}
