// What a flashcard on /review needs, built the same way for an account's queue (server) and a
// signed-out learner's queue (browser).
import type { CardStatus } from "./card-state";
import type { FsrsSnapshot } from "./fsrs-scheduler";

export interface ReviewCardContent {
  card: string;
  title: string;
  shortAnswer: string;
  category: string;
}

export interface ReviewCard extends ReviewCardContent {
  status: CardStatus;
  fsrs: FsrsSnapshot;
}

export interface ReviewQueue {
  /** Due now, most overdue first. */
  due: ReviewCard[];
  /** Every card in the queue, due or not. */
  queued: number;
  /** The earliest due time among cards not yet due, for "next card due at …". */
  nextDueAt: string | null;
}

export interface QueueEntry {
  card: string;
  status: CardStatus;
  inQueue: boolean;
  fsrs: FsrsSnapshot;
}

/** Splits queued cards into due now and later; entries whose card left the content are dropped. */
export function buildQueue(entries: readonly QueueEntry[], content: (slug: string) => ReviewCardContent | undefined, now: Date): ReviewQueue {
  const queued = entries.filter((e) => e.inQueue && content(e.card));
  const due = queued
    .filter((e) => Date.parse(e.fsrs.due) <= now.getTime())
    .sort((a, b) => Date.parse(a.fsrs.due) - Date.parse(b.fsrs.due))
    .map((e) => ({ ...(content(e.card) as ReviewCardContent), status: e.status, fsrs: e.fsrs }));
  const later = queued.map((e) => Date.parse(e.fsrs.due)).filter((t) => t > now.getTime());
  return { due, queued: queued.length, nextDueAt: later.length ? new Date(Math.min(...later)).toISOString() : null };
}
