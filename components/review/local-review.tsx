"use client";

import { useMemo, useState } from "react";
import { addLocalRating, localReviewQueue, loadLocalProgress, type LocalProgress } from "@/lib/progress/local-store";
import type { ReviewCardContent } from "@/lib/progress/review-cards";
import { ReviewSession, type ReviewBackend } from "./review-session";
import { useLocalProgress } from "./use-local-progress";

/** Review for a signed-out learner: the queue and ratings live in this browser until sign-in. */
export function LocalReview({ cards }: { cards: ReviewCardContent[] }) {
  const { progress, update } = useLocalProgress();
  const byCard = useMemo(() => new Map(cards.map((c) => [c.card, c])), [cards]);
  // The session works from the queue as it was when the page opened; "check again" re-reads it.
  const [openedAt] = useState(() => new Date());
  const backend = useMemo<ReviewBackend>(
    () => ({
      async rate(input) {
        let due = "";
        update((p: LocalProgress) => {
          const { progress: next, state } = addLocalRating(p, input);
          due = state.fsrs.due;
          return next;
        });
        return { due };
      },
      async reload() {
        return localReviewQueue(loadLocalProgress(localStorage), (slug) => byCard.get(slug), new Date());
      },
    }),
    [update, byCard],
  );
  if (!progress) return <p role="status">Loading your review queue from this browser…</p>;
  // ReviewSession reads `initial` once; later store changes (its own ratings) don't reshuffle it.
  return <ReviewSession initial={localReviewQueue(progress, (slug) => byCard.get(slug), openedAt)} backend={backend} />;
}
