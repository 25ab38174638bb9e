"use client";

import { useCallback, useRef, useState } from "react";
import { newClientId, browserTimeZone } from "@/lib/progress/client-id";
import { previewDue, ratingLabels, type RatingValue } from "@/lib/progress/fsrs-scheduler";
import type { RatingInput } from "@/lib/progress/inputs";
import type { ReviewQueue } from "@/lib/progress/review-cards";
import { Flashcard } from "./flashcard";
import { RatingButtons } from "./rating-buttons";
import { RelativeTime } from "./relative-time";
import { ReviewDone } from "./review-done";

/** Where ratings go: the account's API, or this browser's store. */
export interface ReviewBackend {
  rate(input: RatingInput): Promise<{ due: string }>;
  reload(): Promise<ReviewQueue>;
}

interface Outcome {
  title: string;
  rating: RatingValue;
  due: string;
}

/** Works through the due cards one at a time: question → answer → rating → next. */
export function ReviewSession({ initial, backend }: { initial: ReviewQueue; backend: ReviewBackend }) {
  const [queue, setQueue] = useState(initial);
  const [position, setPosition] = useState(0);
  const [revealedAt, setRevealedAt] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [laterDue, setLaterDue] = useState<string[]>([]);
  // Reused after a failed request so a retry cannot be counted twice.
  const pendingId = useRef<string | null>(null);

  const card = queue.due[position];
  const reviewed = position;

  const rate = useCallback(
    async (rating: RatingValue) => {
      if (!card || busy) return;
      pendingId.current ??= newClientId();
      setBusy(true);
      setError(null);
      try {
        const { due } = await backend.rate({ id: pendingId.current, card: card.card, rating, reviewedAt: new Date().toISOString(), timeZone: browserTimeZone() });
        pendingId.current = null;
        setOutcome({ title: card.title, rating, due });
        setLaterDue((list) => [...list, due]);
        setPosition((p) => p + 1);
        setRevealedAt(null);
      } catch (err) {
        setError(err instanceof Error ? err.message : "The rating could not be saved.");
      } finally {
        setBusy(false);
      }
    },
    [backend, busy, card],
  );

  async function checkAgain() {
    try {
      setQueue(await backend.reload());
      setPosition(0);
      setLaterDue([]);
      setOutcome(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : "The queue could not be loaded.");
    }
  }

  const nextDue = [queue.nextDueAt, ...laterDue].filter((d): d is string => d !== null).sort()[0] ?? null;
  return (
    <div className="max-w-3xl space-y-4">
      <p role="status" className="text-sm text-slate-700 dark:text-slate-200">
        {outcome && (
          <>
            Rated “{ratingLabels[outcome.rating]}”: back <RelativeTime iso={outcome.due} />.
          </>
        )}
      </p>
      {error && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {error} Your rating was not saved; rate again to retry.
        </p>
      )}
      {card ? (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Card {position + 1} of {queue.due.length} due
          </p>
          <Flashcard card={card} revealed={revealedAt !== null} onReveal={() => setRevealedAt(Date.now())} autoFocus={position > 0} />
          {revealedAt !== null && <RatingButtons preview={previewDue(card.fsrs, new Date(revealedAt))} now={revealedAt} disabled={busy} onRate={(r) => void rate(r)} />}
        </>
      ) : (
        <ReviewDone reviewed={reviewed} queued={Math.max(queue.queued, laterDue.length)} nextDueAt={nextDue} onCheck={() => void checkAgain()} />
      )}
    </div>
  );
}
