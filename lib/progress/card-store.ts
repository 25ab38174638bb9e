import "server-only";
import type { CardProgress, Prisma } from "@/lib/generated/prisma/client";
import type { CardState, CardStatus } from "./card-state";

// CardProgress rows ↔ CardState. The FSRS columns are ts-fsrs's Card field by field.

export type Tx = Prisma.TransactionClient;

export function rowToState(row: CardProgress): CardState {
  return {
    status: row.status as CardStatus,
    inQueue: row.inQueue,
    quizCorrect: row.quizCorrect,
    quizMissed: row.quizMissed,
    fsrs: {
      due: row.due.toISOString(),
      stability: row.stability,
      difficulty: row.difficulty,
      elapsedDays: row.elapsedDays,
      scheduledDays: row.scheduledDays,
      learningSteps: row.learningSteps,
      reps: row.reps,
      lapses: row.lapses,
      state: row.state,
      lastReview: row.lastReview ? row.lastReview.toISOString() : null,
    },
  };
}

function stateToColumns(state: CardState) {
  const f = state.fsrs;
  return {
    status: state.status,
    inQueue: state.inQueue,
    quizCorrect: state.quizCorrect,
    quizMissed: state.quizMissed,
    due: new Date(f.due),
    stability: f.stability,
    difficulty: f.difficulty,
    elapsedDays: f.elapsedDays,
    scheduledDays: f.scheduledDays,
    learningSteps: f.learningSteps,
    reps: f.reps,
    lapses: f.lapses,
    state: f.state,
    lastReview: f.lastReview ? new Date(f.lastReview) : null,
  };
}

export async function loadCardState(tx: Tx, userId: string, card: string): Promise<CardState | undefined> {
  const row = await tx.cardProgress.findUnique({ where: { userId_card: { userId, card } } });
  return row ? rowToState(row) : undefined;
}

export async function saveCardState(tx: Tx, userId: string, card: string, state: CardState): Promise<void> {
  const columns = stateToColumns(state);
  await tx.cardProgress.upsert({ where: { userId_card: { userId, card } }, create: { userId, card, ...columns }, update: columns });
}

/** Reads, changes and writes one card inside the caller's transaction. */
export async function updateCardState(tx: Tx, userId: string, card: string, change: (previous: CardState | undefined) => CardState): Promise<CardState> {
  const next = change(await loadCardState(tx, userId, card));
  await saveCardState(tx, userId, card, next);
  return next;
}
