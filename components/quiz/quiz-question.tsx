"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { isCorrect, responseProblem, type QuizResponse } from "@/lib/progress/scoring";
import { itemTypeLabels, type PlayerItem } from "@/lib/progress/quiz-items";
import { AnswerFeedback } from "./answer-feedback";
import { ChoiceOptions } from "./choice-options";
import { OrderingList } from "./ordering-list";

interface QuizQuestionProps {
  item: PlayerItem;
  /** Called once, when the learner checks an answer; the parent records it. */
  onAnswer: (response: QuizResponse, correct: boolean) => void;
  onNext: () => void;
  isLast: boolean;
  /** False for the very first question, so opening the page does not jump past the header. */
  autoFocus: boolean;
}

/** One item: answer, check, read the feedback, move on. Remounted per item (keyed by id). */
export function QuizQuestion({ item, onAnswer, onNext, isLast, autoFocus }: QuizQuestionProps) {
  const [selected, setSelected] = useState<number[]>([]);
  const [order, setOrder] = useState<number[]>(() => item.startOrder ?? item.options.map((_, i) => i));
  const [checked, setChecked] = useState<{ response: QuizResponse; correct: boolean } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const nextButton = useRef<HTMLButtonElement>(null);
  const legend = useRef<HTMLLegendElement>(null);

  // A new question takes focus so keyboard and screen-reader users start reading it at once.
  useEffect(() => {
    if (autoFocus) legend.current?.focus();
  }, [autoFocus]);
  useEffect(() => {
    if (checked) nextButton.current?.focus();
  }, [checked]);

  function check(event: FormEvent) {
    event.preventDefault();
    if (checked) return;
    const response: QuizResponse = item.type === "ordering" ? { kind: "order", order } : { kind: "choice", selected };
    const why = responseProblem(item, response);
    if (why) {
      setProblem(item.type === "multiple" ? "Choose at least one option, then check." : "Choose an option, then check.");
      return;
    }
    setProblem(null);
    const correct = isCorrect(item, response);
    setChecked({ response, correct });
    onAnswer(response, correct);
  }

  const problemId = `problem-${item.id}`;
  return (
    <div>
      <form onSubmit={check} noValidate>
        <fieldset aria-describedby={problem ? problemId : undefined}>
          <legend ref={legend} tabIndex={-1} className="mb-4 text-lg font-semibold leading-snug focus:outline-none">
            <span className="mb-1 block text-xs font-semibold tracking-wide text-brand-700 uppercase dark:text-brand-500">{itemTypeLabels[item.type]}</span>
            {item.prompt}
          </legend>
          {item.type === "ordering" ? (
            <OrderingList item={item} order={order} onChange={setOrder} revealed={checked !== null} />
          ) : (
            <ChoiceOptions item={item} selected={selected} onChange={setSelected} revealed={checked !== null} />
          )}
        </fieldset>
        {problem && (
          <p id={problemId} role="alert" className="mt-3 text-sm font-medium text-red-800 dark:text-red-300">
            {problem}
          </p>
        )}
        {!checked && (
          <button type="submit" className="mt-5 inline-flex h-11 w-full items-center justify-center rounded-md bg-brand-700 px-5 text-sm font-semibold text-white hover:bg-brand-800 sm:w-auto">
            Check answer
          </button>
        )}
      </form>
      <p className="sr-only" aria-live="polite">
        {checked ? (checked.correct ? "Correct." : "Not quite. The explanation follows.") : ""}
      </p>
      {checked && (
        <AnswerFeedback
          item={item}
          response={checked.response}
          correct={checked.correct}
          next={
            <button ref={nextButton} type="button" onClick={onNext} className="inline-flex h-11 items-center justify-center rounded-md bg-brand-700 px-5 text-sm font-semibold text-white hover:bg-brand-800">
              {isLast ? "See your score" : "Next question"}
            </button>
          }
        />
      )}
    </div>
  );
}
