import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { bumpActivity, clampToNow } from "./activity";
import { applyQuizResult } from "./card-state";
import { updateCardState, type Tx } from "./card-store";
import type { Catalog } from "./catalog";
import { forbidden, isUniqueViolation, ProgressError } from "./errors";
import type { PredictionInput } from "./inputs";

export interface RecordedPrediction {
  id: string;
  scenario: string;
  card: string | null;
  correct: boolean;
  /** True when the card is now waiting in the review queue because the prediction failed. */
  queued: boolean;
  created: boolean;
}

async function existingFor(tx: Tx, userId: string, id: string): Promise<RecordedPrediction | null> {
  const row = await tx.labPrediction.findUnique({ where: { id } });
  if (!row) return null;
  if (row.userId !== userId) throw forbidden("lab prediction");
  return { id: row.id, scenario: row.scenario, card: row.card, correct: row.correct, queued: !row.correct && row.card !== null, created: false };
}

/**
 * A "predict, then run" outcome. A failed prediction about a card is a miss like a wrong quiz
 * answer: the card enters the review queue. Predictions without a card only count as activity.
 */
export async function applyPrediction(tx: Tx, userId: string, input: PredictionInput, catalog: Catalog, now: Date): Promise<RecordedPrediction> {
  const existing = await existingFor(tx, userId, input.id);
  if (existing) return existing;
  if (!catalog.scenarioKnown(input.scenario)) throw new ProgressError("UNKNOWN_CONTENT", `There is no lab scenario called "${input.scenario}".`, "scenario");
  if (input.card && !catalog.card(input.card)) throw new ProgressError("UNKNOWN_CONTENT", `There is no card called "${input.card}".`, "card");

  const at = clampToNow(input.predictedAt, now);
  if (input.card) await updateCardState(tx, userId, input.card, (prev) => applyQuizResult(prev, input.correct, at));
  const localDate = await bumpActivity(tx, userId, at, input.timeZone, { predictions: 1 });
  await tx.labPrediction.create({
    data: { id: input.id, userId, scenario: input.scenario, step: input.step ?? null, card: input.card ?? null, correct: input.correct, predictedAt: at, timeZone: input.timeZone, localDate },
  });
  return { id: input.id, scenario: input.scenario, card: input.card ?? null, correct: input.correct, queued: !input.correct && Boolean(input.card), created: true };
}

export async function recordPrediction(prisma: PrismaClient, userId: string, input: PredictionInput, catalog: Catalog, now = new Date()): Promise<RecordedPrediction> {
  try {
    return await prisma.$transaction((tx) => applyPrediction(tx, userId, input, catalog, now));
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const again = await existingFor(prisma, userId, input.id);
    if (!again) throw err;
    return again;
  }
}
