/** "Question 3 of 10" with a bar, and the running score. */
export function QuizProgress({ position, total, correct }: { position: number; total: number; correct: number }) {
  return (
    <div className="mb-6">
      <div className="flex items-baseline justify-between text-sm text-slate-600 dark:text-slate-300">
        <span>
          Question {position} of {total}
        </span>
        <span>{correct} correct so far</span>
      </div>
      {/* Decorative: the text above already says where the learner is. */}
      <div className="mt-2 h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700" aria-hidden="true">
        <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${((position - 1) / total) * 100}%` }} />
      </div>
    </div>
  );
}
