import "server-only";
import type { Tx } from "./card-store";
import { localDateIn } from "./local-date";

export interface ActivityDelta {
  quizAnswers?: number;
  reviews?: number;
  labSteps?: number;
  predictions?: number;
}

/**
 * Counts activity on the learner's local date of `at`. Called inside the transaction that
 * stores the event itself, so an event stored once is counted once. The zone is remembered per
 * day: it is the zone the learner was in, and the dashboard uses the latest as "home".
 */
export async function bumpActivity(tx: Tx, userId: string, at: Date, timeZone: string, delta: ActivityDelta): Promise<string> {
  const date = localDateIn(at, timeZone);
  const inc = {
    quizAnswers: { increment: delta.quizAnswers ?? 0 },
    reviews: { increment: delta.reviews ?? 0 },
    labSteps: { increment: delta.labSteps ?? 0 },
    predictions: { increment: delta.predictions ?? 0 },
  };
  await tx.dailyActivity.upsert({
    where: { userId_date: { userId, date } },
    create: {
      userId,
      date,
      timeZone,
      quizAnswers: delta.quizAnswers ?? 0,
      reviews: delta.reviews ?? 0,
      labSteps: delta.labSteps ?? 0,
      predictions: delta.predictions ?? 0,
    },
    update: { ...inc, timeZone },
  });
  return date;
}

/** Event times come from the browser; one from the future (a wrong clock) is taken as now. */
export function clampToNow(iso: string, now: Date): Date {
  const at = new Date(iso);
  return at.getTime() > now.getTime() ? now : at;
}
