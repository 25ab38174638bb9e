"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import type { PlayerItem } from "@/lib/progress/quiz-items";
import type { Score } from "@/lib/progress/scoring";
import { SaveStatus } from "./save-status";
import type { SaveState } from "./use-save-attempt";

interface QuizSummaryProps {
  score: Score;
  durationMs: number;
  missed: PlayerItem[];
  save: SaveState;
  onRetrySave: () => void;
  onRetryMissed: () => void;
  onRestart: () => void;
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m ? `${m} min ${s} s` : `${s} s`;
}

/** The end of a round: the score, what was missed, and what to do next. */
export function QuizSummary({ score, durationMs, missed, save, onRetrySave, onRetryMissed, onRestart }: QuizSummaryProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const verdict = score.percent === 100 ? "Perfect round." : score.percent >= 70 ? "Solid." : "Worth another pass.";
  return (
    <section aria-labelledby="quiz-score" className="space-y-6">
      <div className="rounded-xl border border-slate-200 p-5 dark:border-slate-700">
        <h2 id="quiz-score" ref={heading} tabIndex={-1} className="text-2xl font-bold focus:outline-none">
          You scored {score.score} of {score.total} ({score.percent}%)
        </h2>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          {verdict} Time: {formatDuration(durationMs)}.
        </p>
        <div className="mt-3">
          <SaveStatus state={save} onRetry={onRetrySave} />
        </div>
      </div>
      <div className="flex flex-col gap-3 sm:flex-row">
        {missed.length > 0 && (
          <button type="button" onClick={onRetryMissed} className="inline-flex h-11 items-center justify-center rounded-md bg-brand-700 px-5 text-sm font-semibold text-white hover:bg-brand-800">
            Retry only what I missed ({missed.length})
          </button>
        )}
        <button type="button" onClick={onRestart} className="inline-flex h-11 items-center justify-center rounded-md border border-slate-300 px-5 text-sm font-semibold hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
          Start the round again
        </button>
        <Link href="/quizzes" className="inline-flex h-11 items-center justify-center rounded-md border border-slate-300 px-5 text-sm font-semibold hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
          All quizzes
        </Link>
      </div>
      {missed.length > 0 && (
        <div>
          <h3 className="font-semibold">Missed this round</h3>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Each one is now due in your{" "}
            <Link href="/review" className="font-medium text-brand-700 underline dark:text-brand-500">
              review queue
            </Link>
            .
          </p>
          <ul className="mt-3 space-y-2">
            {missed.map((item) => (
              <li key={item.id} className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
                <p>{item.prompt}</p>
                <Link href={`/questions/${item.card}`} className="mt-1 inline-block text-sm font-medium text-brand-700 underline dark:text-brand-500">
                  Study the card: {item.cardTitle}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
