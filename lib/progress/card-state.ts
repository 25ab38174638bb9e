// What one learner knows about one card, and how evidence changes it. Shared by the server and
// the browser's anonymous store so both reach the same state from the same events.
//
// Status rules:
// - new: no evidence yet.
// - known: answered right with no open miss, or rated Good/Easy in review once FSRS has
//   graduated the card out of its learning steps (state Review).
// - learning: missed in a quiz or a lab prediction, or still inside FSRS's (re)learning steps.
//   A correct quiz answer alone never clears a miss; the review queue has to.
import { FsrsState, newSnapshot, scheduleNext, type FsrsSnapshot, type RatingValue } from "./fsrs-scheduler";

export const cardStatuses = ["new", "learning", "known"] as const;
export type CardStatus = (typeof cardStatuses)[number];

export interface CardState {
  status: CardStatus;
  inQueue: boolean;
  fsrs: FsrsSnapshot;
  quizCorrect: number;
  quizMissed: number;
}

export function initialCardState(at: Date): CardState {
  return { status: "new", inQueue: false, fsrs: newSnapshot(at), quizCorrect: 0, quizMissed: 0 };
}

/**
 * A quiz answer or a lab prediction. A miss puts the card in the review queue due now: FSRS's
 * "Again" would hide it for its first learning step, but a learner who just got it wrong should
 * be able to review it straight away. A card already scheduled keeps its memory state and is
 * only brought forward, so the next rating still sees its history.
 */
export function applyQuizResult(previous: CardState | undefined, correct: boolean, at: Date): CardState {
  const state = previous ?? initialCardState(at);
  if (correct) {
    return { ...state, quizCorrect: state.quizCorrect + 1, status: state.status === "new" ? "known" : state.status };
  }
  const fsrs = state.inQueue
    ? { ...state.fsrs, due: new Date(Math.min(Date.parse(state.fsrs.due), at.getTime())).toISOString() }
    : newSnapshot(at);
  return { ...state, quizMissed: state.quizMissed + 1, status: "learning", inQueue: true, fsrs };
}

export interface RatingOutcome {
  state: CardState;
  /** False when the rating is older than the card's last review and so was recorded but not scheduled. */
  applied: boolean;
}

/**
 * A review rating. Ratings can arrive out of order when a signed-out learner's reviews merge
 * into an account that reviewed the same card later; FSRS cannot schedule backwards in time, so
 * an older rating is kept in the log but leaves the schedule alone.
 */
export function applyRating(previous: CardState | undefined, rating: RatingValue, at: Date): RatingOutcome {
  const state = previous ?? initialCardState(at);
  const last = state.fsrs.lastReview ? Date.parse(state.fsrs.lastReview) : null;
  if (last !== null && at.getTime() < last) return { state, applied: false };
  const fsrs = scheduleNext(state.fsrs, rating, at);
  const graduated = rating >= 3 && fsrs.state === FsrsState.Review;
  return { state: { ...state, fsrs, inQueue: true, status: graduated ? "known" : "learning" }, applied: true };
}

export function isDue(state: Pick<CardState, "inQueue" | "fsrs">, now: Date): boolean {
  return state.inQueue && Date.parse(state.fsrs.due) <= now.getTime();
}
