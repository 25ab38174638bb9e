import Link from "next/link";
import type { ReactNode } from "react";
import type { PlayerItem } from "@/lib/progress/quiz-items";
import type { QuizResponse } from "@/lib/progress/scoring";

interface AnswerFeedbackProps {
  item: PlayerItem;
  response: QuizResponse;
  correct: boolean;
  /** The "next" button, placed right under the verdict so keyboard users reach it in one step. */
  next: ReactNode;
}

function Explanation({ label, tone, text, children }: { label: string; tone: "good" | "bad" | "plain"; text: string; children: string }) {
  const colors = { good: "border-emerald-600 dark:border-emerald-500", bad: "border-red-600 dark:border-red-500", plain: "border-slate-300 dark:border-slate-600" }[tone];
  return (
    <li className={`border-l-4 pl-3 ${colors}`}>
      <p className="text-sm font-semibold">
        {label}: <span className="font-normal">{text}</span>
      </p>
      <p className="mt-1 text-slate-700 dark:text-slate-300">{children}</p>
    </li>
  );
}

/** The verdict, then the explanation for what the learner chose and for the right answer. */
export function AnswerFeedback({ item, response, correct, next }: AnswerFeedbackProps) {
  const chosen = response.kind === "choice" ? response.selected : [];
  const shown = item.options.map((o, i) => ({ ...o, i })).filter((o) => item.type !== "ordering" && (o.correct || chosen.includes(o.i)));
  const others = item.options.map((o, i) => ({ ...o, i })).filter((o) => item.type !== "ordering" && !o.correct && !chosen.includes(o.i));
  return (
    <section aria-labelledby={`verdict-${item.id}`} className="mt-6 rounded-xl border border-slate-200 p-4 dark:border-slate-700">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id={`verdict-${item.id}`} className={`text-lg font-semibold ${correct ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}>
          {correct ? "✓ Correct" : "✗ Not quite"}
        </h3>
        {next}
      </div>
      {item.type === "ordering" ? (
        <>
          <h4 className="mt-4 font-semibold">The right order, and why</h4>
          <ol className="mt-2 space-y-3">
            {item.options.map((o, i) => (
              <Explanation key={i} label={`${i + 1}`} tone="plain" text={o.text}>
                {o.explanation}
              </Explanation>
            ))}
          </ol>
        </>
      ) : (
        <ul className="mt-4 space-y-3">
          {shown.map((o) => (
            <Explanation key={o.i} label={o.correct ? (chosen.includes(o.i) ? "Your answer (correct)" : "Correct answer") : "Your answer"} tone={o.correct ? "good" : "bad"} text={o.text}>
              {o.explanation}
            </Explanation>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium text-brand-700 dark:text-brand-500">Why not the other options</summary>
          <ul className="mt-3 space-y-3">
            {others.map((o) => (
              <Explanation key={o.i} label="Option" tone="plain" text={o.text}>
                {o.explanation}
              </Explanation>
            ))}
          </ul>
        </details>
      )}
      <p className="mt-4 flex flex-wrap gap-x-4 gap-y-2 text-sm">
        <Link href={`/questions/${item.card}`} className="font-medium text-brand-700 underline dark:text-brand-500">
          Study the card: {item.cardTitle}
        </Link>
        {item.scenario && (
          <Link href={item.scenario.href} className="font-medium text-brand-700 underline dark:text-brand-500">
            {item.type === "predict" ? "Now run it in the lab and see what really happens" : "See it live in the lab"}
          </Link>
        )}
      </p>
    </section>
  );
}
