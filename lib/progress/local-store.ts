// A signed-out learner's progress, kept in localStorage. It stores the same events the server
// accepts (attempts, ratings, predictions, scenario steps, each with its browser-made id) plus
// the card states they produce, computed with the same functions as the server. Merging on
// sign-in sends the events; the ids make that safe to repeat.
import { z } from "zod";
import { slugSchema } from "@/lib/content/schema";
import { applyQuizResult, applyRating, cardStatuses, type CardState } from "./card-state";
import { fsrsSnapshotSchema } from "./fsrs-scheduler";
import {
  attemptInputSchema,
  predictionInputSchema,
  ratingInputSchema,
  scenarioStepInputSchema,
  type AttemptInput,
  type MergeInput,
  type PredictionInput,
  type RatingInput,
  type ScenarioStepInput,
} from "./inputs";
import { buildQueue, type ReviewCardContent, type ReviewQueue } from "./review-cards";

export const localStorageKey = "layerlab.progress.v1";

const cardStateSchema = z.object({
  status: z.enum(cardStatuses),
  inQueue: z.boolean(),
  fsrs: fsrsSnapshotSchema,
  quizCorrect: z.int().min(0),
  quizMissed: z.int().min(0),
});

const localAttemptSchema = z.object({
  input: attemptInputSchema,
  title: z.string(),
  score: z.int().min(0),
  total: z.int().min(1),
});
export type LocalAttempt = z.infer<typeof localAttemptSchema>;

export const localProgressSchema = z.object({
  version: z.literal(1),
  attempts: z.array(localAttemptSchema),
  ratings: z.array(ratingInputSchema),
  predictions: z.array(predictionInputSchema),
  scenarioSteps: z.array(scenarioStepInputSchema),
  cards: z.record(slugSchema, cardStateSchema),
});
export type LocalProgress = z.infer<typeof localProgressSchema>;

export function emptyLocalProgress(): LocalProgress {
  return { version: 1, attempts: [], ratings: [], predictions: [], scenarioSteps: [], cards: {} };
}

type KeyValueStore = Pick<Storage, "getItem" | "setItem">;

/** Reads the store; unreadable data is set aside under a backup key rather than thrown away. */
export function loadLocalProgress(storage: KeyValueStore): LocalProgress {
  const raw = storage.getItem(localStorageKey);
  if (!raw) return emptyLocalProgress();
  try {
    return localProgressSchema.parse(JSON.parse(raw));
  } catch {
    storage.setItem(`${localStorageKey}.unreadable`, raw);
    return emptyLocalProgress();
  }
}

export function saveLocalProgress(storage: KeyValueStore, progress: LocalProgress): void {
  storage.setItem(localStorageKey, JSON.stringify(progress));
}

/** Adds a finished attempt (once per id) and applies each graded answer to its card. */
export function addLocalAttempt(p: LocalProgress, attempt: LocalAttempt, graded: ReadonlyArray<{ card: string; correct: boolean }>): LocalProgress {
  if (p.attempts.some((a) => a.input.id === attempt.input.id)) return p;
  const at = new Date(attempt.input.finishedAt);
  const cards = { ...p.cards };
  for (const g of graded) cards[g.card] = applyQuizResult(cards[g.card], g.correct, at);
  return { ...p, attempts: [...p.attempts, attempt], cards };
}

/** Adds a review rating (once per id); returns the card's new state. */
export function addLocalRating(p: LocalProgress, rating: RatingInput): { progress: LocalProgress; state: CardState } {
  const current = p.cards[rating.card];
  if (p.ratings.some((r) => r.id === rating.id) && current) return { progress: p, state: current };
  const { state } = applyRating(current, rating.rating, new Date(rating.reviewedAt));
  return { progress: { ...p, ratings: [...p.ratings, rating], cards: { ...p.cards, [rating.card]: state } }, state };
}

export function addLocalPrediction(p: LocalProgress, prediction: PredictionInput): LocalProgress {
  if (p.predictions.some((x) => x.id === prediction.id)) return p;
  const cards = prediction.card ? { ...p.cards, [prediction.card]: applyQuizResult(p.cards[prediction.card], prediction.correct, new Date(prediction.predictedAt)) } : p.cards;
  return { ...p, predictions: [...p.predictions, prediction], cards };
}

export function addLocalScenarioStep(p: LocalProgress, step: ScenarioStepInput): LocalProgress {
  if (p.scenarioSteps.some((s) => s.scenario === step.scenario && s.step === step.step)) return p;
  return { ...p, scenarioSteps: [...p.scenarioSteps, step] };
}

export function hasLocalEvents(p: LocalProgress): boolean {
  return p.attempts.length + p.ratings.length + p.predictions.length + p.scenarioSteps.length > 0;
}

/** Events per merge request: well inside the server's per-list limits, small enough to send quickly. */
export const mergeBatchSize = 400;

/**
 * The oldest `max` events, whatever their kind, as one merge request. Cutting by time rather
 * than per list keeps the server's chronological replay right across several requests.
 */
export function toMergeInput(p: LocalProgress, max = mergeBatchSize): MergeInput {
  type Tagged = { at: number } & ({ kind: "attempt"; e: AttemptInput } | { kind: "rating"; e: RatingInput } | { kind: "prediction"; e: PredictionInput } | { kind: "step"; e: ScenarioStepInput });
  const all: Tagged[] = [
    ...p.attempts.map((a): Tagged => ({ kind: "attempt", e: a.input, at: Date.parse(a.input.finishedAt) })),
    ...p.ratings.map((e): Tagged => ({ kind: "rating", e, at: Date.parse(e.reviewedAt) })),
    ...p.predictions.map((e): Tagged => ({ kind: "prediction", e, at: Date.parse(e.predictedAt) })),
    ...p.scenarioSteps.map((e): Tagged => ({ kind: "step", e, at: Date.parse(e.completedAt) })),
  ];
  const batch = all.sort((a, b) => a.at - b.at).slice(0, max);
  const input: MergeInput = { attempts: [], ratings: [], predictions: [], scenarioSteps: [] };
  for (const t of batch) {
    if (t.kind === "attempt") input.attempts.push(t.e);
    else if (t.kind === "rating") input.ratings.push(t.e);
    else if (t.kind === "prediction") input.predictions.push(t.e);
    else input.scenarioSteps.push(t.e);
  }
  return input;
}

/**
 * Drops what a successful merge sent. Events recorded meanwhile (another tab) stay for the next
 * merge; once nothing is left the derived card states go too, since the account now holds them.
 */
export function withoutMerged(p: LocalProgress, sent: MergeInput): LocalProgress {
  const attemptIds = new Set(sent.attempts.map((a) => a.id));
  const ratingIds = new Set(sent.ratings.map((r) => r.id));
  const predictionIds = new Set(sent.predictions.map((x) => x.id));
  const stepKeys = new Set(sent.scenarioSteps.map((s) => `${s.scenario}/${s.step}`));
  const rest: LocalProgress = {
    ...p,
    attempts: p.attempts.filter((a) => !attemptIds.has(a.input.id)),
    ratings: p.ratings.filter((r) => !ratingIds.has(r.id)),
    predictions: p.predictions.filter((x) => !predictionIds.has(x.id)),
    scenarioSteps: p.scenarioSteps.filter((s) => !stepKeys.has(`${s.scenario}/${s.step}`)),
  };
  return hasLocalEvents(rest) ? rest : emptyLocalProgress();
}

export function localReviewQueue(p: LocalProgress, content: (slug: string) => ReviewCardContent | undefined, now: Date): ReviewQueue {
  return buildQueue(
    Object.entries(p.cards).map(([card, state]) => ({ card, ...state })),
    content,
    now,
  );
}
