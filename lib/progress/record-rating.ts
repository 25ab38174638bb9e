import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { bumpActivity, clampToNow } from "./activity";
import { applyRating, type CardStatus } from "./card-state";
import { loadCardState, saveCardState, type Tx } from "./card-store";
import type { Catalog } from "./catalog";
import { forbidden, isUniqueViolation, ProgressError } from "./errors";
import type { RatingInput } from "./inputs";

export interface RecordedRating {
  id: string;
  card: string;
  rating: number;
  /** When the card is due next (after this rating, or as it already was if the rating was stale). */
  due: string;
  status: CardStatus;
  applied: boolean;
  created: boolean;
}

async function existingFor(tx: Tx, userId: string, id: string): Promise<RecordedRating | null> {
  const row = await tx.cardReview.findUnique({ where: { id } });
  if (!row) return null;
  if (row.userId !== userId) throw forbidden("review rating");
  const card = await tx.cardProgress.findUnique({ where: { userId_card: { userId, card: row.card } }, select: { status: true } });
  return { id: row.id, card: row.card, rating: row.rating, due: row.dueAfter.toISOString(), status: (card?.status ?? "learning") as CardStatus, applied: row.applied, created: false };
}

/** Applies one Again/Hard/Good/Easy rating with FSRS inside the caller's transaction. */
export async function applyRatingInput(tx: Tx, userId: string, input: RatingInput, catalog: Catalog, now: Date): Promise<RecordedRating> {
  const existing = await existingFor(tx, userId, input.id);
  if (existing) return existing;
  if (!catalog.card(input.card)) throw new ProgressError("UNKNOWN_CONTENT", `There is no card called "${input.card}".`, "card");

  const at = clampToNow(input.reviewedAt, now);
  const { state, applied } = applyRating(await loadCardState(tx, userId, input.card), input.rating, at);
  await saveCardState(tx, userId, input.card, state);
  const dueAfter = new Date(state.fsrs.due);
  const localDate = await bumpActivity(tx, userId, at, input.timeZone, { reviews: 1 });
  await tx.cardReview.create({
    data: { id: input.id, userId, card: input.card, rating: input.rating, reviewedAt: at, applied, dueAfter, timeZone: input.timeZone, localDate },
  });
  return { id: input.id, card: input.card, rating: input.rating, due: dueAfter.toISOString(), status: state.status, applied, created: true };
}

export async function recordRating(prisma: PrismaClient, userId: string, input: RatingInput, catalog: Catalog, now = new Date()): Promise<RecordedRating> {
  try {
    return await prisma.$transaction((tx) => applyRatingInput(tx, userId, input, catalog, now));
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const again = await existingFor(prisma, userId, input.id);
    if (!again) throw err;
    return again;
  }
}
