"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import type { ReviewCard } from "@/lib/progress/review-cards";

interface FlashcardProps {
  card: ReviewCard;
  revealed: boolean;
  onReveal: () => void;
  /** Don't pull focus on page load; do once the learner is working through cards. */
  autoFocus: boolean;
}

/** The question, then (on request) its 30-second answer. */
export function Flashcard({ card, revealed, onReveal, autoFocus }: FlashcardProps) {
  const reveal = useRef<HTMLButtonElement>(null);
  const answer = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (autoFocus) reveal.current?.focus();
  }, [autoFocus, card.card]);
  useEffect(() => {
    if (revealed) answer.current?.focus();
  }, [revealed]);

  return (
    <article aria-labelledby={`q-${card.card}`} className="rounded-xl border border-slate-200 p-5 dark:border-slate-700">
      <p className="text-xs font-semibold tracking-wide text-brand-700 uppercase dark:text-brand-500">Question</p>
      <h2 id={`q-${card.card}`} className="mt-1 text-xl font-semibold leading-snug">
        {card.title}
      </h2>
      {!revealed ? (
        <button
          ref={reveal}
          type="button"
          onClick={onReveal}
          className="mt-6 inline-flex h-11 w-full items-center justify-center rounded-md bg-brand-700 px-5 text-sm font-semibold text-white hover:bg-brand-800 sm:w-auto"
        >
          Show answer
        </button>
      ) : (
        <div className="mt-6 border-t border-slate-200 pt-4 dark:border-slate-700">
          <h3 ref={answer} tabIndex={-1} className="text-xs font-semibold tracking-wide text-brand-700 uppercase focus:outline-none dark:text-brand-500">
            Short answer
          </h3>
          <p className="mt-2 leading-relaxed">{card.shortAnswer}</p>
          <Link href={`/questions/${card.card}`} className="mt-3 inline-block text-sm font-medium text-brand-700 underline dark:text-brand-500">
            Open the full card
          </Link>
        </div>
      )}
    </article>
  );
}
