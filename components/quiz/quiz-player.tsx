"use client";

import { useRef, useState } from "react";
import { browserTimeZone, newClientId } from "@/lib/progress/client-id";
import type { LocalAttempt } from "@/lib/progress/local-store";
import type { PlayerItem } from "@/lib/progress/quiz-items";
import type { QuizKind } from "@/lib/progress/quiz-sets";
import { scoreOf, type QuizResponse } from "@/lib/progress/scoring";
import { QuizProgress } from "./quiz-progress";
import { QuizQuestion } from "./quiz-question";
import { QuizSummary } from "./quiz-summary";
import { useSaveAttempt } from "./use-save-attempt";

interface QuizPlayerProps {
  kind: QuizKind;
  slug?: string;
  title: string;
  items: PlayerItem[];
}

interface Round {
  id: string;
  retryOf?: string;
  items: PlayerItem[];
  startedAt: number;
  /** Not focused on arrival: the first question of the first round. */
  fresh: boolean;
}

interface Answer {
  response: QuizResponse;
  correct: boolean;
  timeMs: number;
}

function newRound(items: PlayerItem[], retryOf?: string, fresh = false): Round {
  return { id: newClientId(), retryOf, items, startedAt: Date.now(), fresh };
}

/** Plays a round item by item, then scores it, saves it and offers a retry of the misses. */
export function QuizPlayer({ kind, slug, title, items }: QuizPlayerProps) {
  const [round, setRound] = useState<Round>(() => newRound(items, undefined, true));
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [finishedAt, setFinishedAt] = useState<number | null>(null);
  const shownAt = useRef<number>(0);
  const lastAttempt = useRef<{ attempt: LocalAttempt; graded: Array<{ card: string; correct: boolean }> } | null>(null);
  const { state: saveState, save } = useSaveAttempt();

  const item = round.items[index];
  const correctSoFar = Object.values(answers).filter((a) => a.correct).length;

  function start(next: Round) {
    setRound(next);
    setIndex(0);
    setAnswers({});
    setFinishedAt(null);
    shownAt.current = 0;
  }

  function record(current: PlayerItem, response: QuizResponse, correct: boolean) {
    // Time on an item runs from when it appeared (or the round began) to the check.
    const since = shownAt.current || round.startedAt;
    setAnswers((prev) => ({ ...prev, [current.id]: { response, correct, timeMs: Math.max(0, Date.now() - since) } }));
  }

  function next() {
    shownAt.current = Date.now();
    if (index + 1 < round.items.length) {
      setIndex(index + 1);
      return;
    }
    const end = Date.now();
    setFinishedAt(end);
    const answered = round.items.flatMap((it) => {
      const a = answers[it.id];
      return a ? [{ item: it, ...a }] : [];
    });
    const score = scoreOf(answered.map((a) => a.correct));
    const attempt: LocalAttempt = {
      title,
      score: score.score,
      total: score.total,
      input: {
        id: round.id,
        kind,
        slug: kind === "mixed" ? undefined : slug,
        retryOf: round.retryOf,
        startedAt: new Date(round.startedAt).toISOString(),
        finishedAt: new Date(end).toISOString(),
        timeZone: browserTimeZone(),
        answers: answered.map((a) => ({ itemId: a.item.id, response: a.response, timeMs: a.timeMs })),
      },
    };
    lastAttempt.current = { attempt, graded: answered.map((a) => ({ card: a.item.card, correct: a.correct })) };
    save(attempt, lastAttempt.current.graded);
  }

  if (round.items.length === 0) return null;

  if (finishedAt !== null) {
    const results = round.items.map((it) => answers[it.id]?.correct ?? false);
    const missed = round.items.filter((it) => !answers[it.id]?.correct);
    return (
      <QuizSummary
        score={scoreOf(results)}
        durationMs={finishedAt - round.startedAt}
        missed={missed}
        save={saveState}
        onRetrySave={() => lastAttempt.current && save(lastAttempt.current.attempt, lastAttempt.current.graded)}
        onRetryMissed={() => start(newRound(missed, round.id))}
        onRestart={() => start(newRound(items))}
      />
    );
  }

  if (!item) return null;
  return (
    <div className="max-w-3xl">
      {round.retryOf && <p className="mb-3 text-sm font-medium text-brand-700 dark:text-brand-500">Retrying the {round.items.length} you missed</p>}
      <QuizProgress position={index + 1} total={round.items.length} correct={correctSoFar} />
      <QuizQuestion
        key={`${round.id}-${item.id}`}
        item={item}
        isLast={index + 1 === round.items.length}
        autoFocus={!(round.fresh && index === 0)}
        onAnswer={(response, correct) => record(item, response, correct)}
        onNext={next}
      />
    </div>
  );
}
