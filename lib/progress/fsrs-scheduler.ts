// The one place ts-fsrs is configured. Server and browser (anonymous learners) schedule with the
// same parameters, so a review done signed-out and merged later lands on the same due date.
import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card, type Grade } from "ts-fsrs";
import { z } from "zod";

// Defaults: 90% target retention and the (1m, 10m) learning steps. Fuzz stays off so the due
// time shown on the rating button is exactly the one that gets stored.
export const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: true }));

export const ratingSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type RatingValue = z.infer<typeof ratingSchema>;

export const ratingLabels: Record<RatingValue, "Again" | "Hard" | "Good" | "Easy"> = { 1: "Again", 2: "Hard", 3: "Good", 4: "Easy" };

/** ts-fsrs's Card as plain JSON (ISO dates), for the database mapping, the wire and localStorage. */
export const fsrsSnapshotSchema = z.object({
  due: z.iso.datetime(),
  stability: z.number().min(0),
  difficulty: z.number().min(0),
  elapsedDays: z.int().min(0),
  scheduledDays: z.int().min(0),
  learningSteps: z.int().min(0),
  reps: z.int().min(0),
  lapses: z.int().min(0),
  state: z.int().min(State.New).max(State.Relearning),
  lastReview: z.iso.datetime().nullable(),
});
export type FsrsSnapshot = z.infer<typeof fsrsSnapshotSchema>;

export function toSnapshot(card: Card): FsrsSnapshot {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ? card.last_review.toISOString() : null,
  };
}

export function fromSnapshot(s: FsrsSnapshot): Card {
  return {
    due: new Date(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: s.elapsedDays,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state as State,
    last_review: s.lastReview ? new Date(s.lastReview) : undefined,
  };
}

/** A card FSRS has never seen, due at `at`. */
export function newSnapshot(at: Date): FsrsSnapshot {
  return toSnapshot(createEmptyCard(at));
}

export function scheduleNext(s: FsrsSnapshot, rating: RatingValue, at: Date): FsrsSnapshot {
  return toSnapshot(scheduler.next(fromSnapshot(s), at, rating as Grade).card);
}

/** When each rating would bring the card back, for the labels on the rating buttons. */
export function previewDue(s: FsrsSnapshot, at: Date): Record<RatingValue, Date> {
  const preview = scheduler.repeat(fromSnapshot(s), at);
  return {
    1: preview[Rating.Again].card.due,
    2: preview[Rating.Hard].card.due,
    3: preview[Rating.Good].card.due,
    4: preview[Rating.Easy].card.due,
  };
}

export { State as FsrsState };
