import "server-only";
import type { PrismaClient, QuizAnswer, QuizAttempt } from "@/lib/generated/prisma/client";
import { clampToNow, bumpActivity } from "./activity";
import { applyQuizResult } from "./card-state";
import { updateCardState, type Tx } from "./card-store";
import type { Catalog } from "./catalog";
import { forbidden, isUniqueViolation, ProgressError } from "./errors";
import type { AttemptInput } from "./inputs";
import { localDateIn } from "./local-date";
import { isCorrect, responseProblem, scoreOf } from "./scoring";

export interface AttemptSummary {
  id: string;
  kind: string;
  slug: string | null;
  retryOf: string | null;
  title: string;
  score: number;
  total: number;
  percent: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  localDate: string;
  answers: Array<{ itemId: string; card: string; correct: boolean; timeMs: number }>;
}

export interface RecordedAttempt {
  attempt: AttemptSummary;
  /** False when this id was already stored: the repeat changed nothing. */
  created: boolean;
}

export function summarizeAttempt(row: QuizAttempt & { answers: QuizAnswer[] }): AttemptSummary {
  return {
    id: row.id,
    kind: row.kind,
    slug: row.slug,
    retryOf: row.retryOf,
    title: row.title,
    score: row.score,
    total: row.total,
    percent: scoreOf(row.answers.map((a) => a.correct)).percent,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt.toISOString(),
    durationMs: row.durationMs,
    localDate: row.localDate,
    answers: [...row.answers].sort((a, b) => a.position - b.position).map((a) => ({ itemId: a.itemId, card: a.card, correct: a.correct, timeMs: a.timeMs })),
  };
}

async function existingFor(tx: Tx, userId: string, id: string): Promise<RecordedAttempt | null> {
  const row = await tx.quizAttempt.findUnique({ where: { id }, include: { answers: true } });
  if (!row) return null;
  if (row.userId !== userId) throw forbidden("quiz attempt");
  return { attempt: summarizeAttempt(row), created: false };
}

/**
 * Stores an attempt, grading every answer on the server (the browser's own grading is only for
 * instant feedback), and applies each answer to its card and to the day's activity. Runs inside
 * the caller's transaction. `lenient` (used by merges) drops answers to items that no longer
 * exist instead of refusing the whole attempt; it returns null when nothing is left.
 */
export async function applyAttempt(tx: Tx, userId: string, input: AttemptInput, catalog: Catalog, now: Date, lenient = false): Promise<RecordedAttempt | null> {
  const existing = await existingFor(tx, userId, input.id);
  if (existing) return existing;

  const title = catalog.setTitle(input.kind, input.slug);
  if (!title) throw new ProgressError("UNKNOWN_CONTENT", `There is no ${input.kind} quiz called "${input.slug}".`, "slug");

  const graded = input.answers.flatMap((answer, i) => {
    const item = catalog.item(answer.itemId);
    const problem = item ? responseProblem(item, answer.response) : `no quiz item "${answer.itemId}" exists`;
    if (!item || problem) {
      if (lenient) return [];
      throw new ProgressError(item ? "INVALID_INPUT" : "UNKNOWN_CONTENT", `answers.${i}: ${problem}`, `answers.${i}`);
    }
    return [{ ...answer, card: item.card, correct: isCorrect(item, answer.response) }];
  });
  if (graded.length === 0) return null;

  const finishedAt = clampToNow(input.finishedAt, now);
  const startedAt = new Date(Math.min(Date.parse(input.startedAt), finishedAt.getTime()));
  const { score, total } = scoreOf(graded.map((g) => g.correct));
  const row = await tx.quizAttempt.create({
    data: {
      id: input.id,
      userId,
      kind: input.kind,
      slug: input.kind === "mixed" ? null : (input.slug ?? null),
      retryOf: input.retryOf ?? null,
      title,
      score,
      total,
      startedAt,
      finishedAt,
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      timeZone: input.timeZone,
      localDate: localDateIn(finishedAt, input.timeZone),
      answers: {
        create: graded.map((g, position) => ({ itemId: g.itemId, card: g.card, position, response: JSON.stringify(g.response), correct: g.correct, timeMs: g.timeMs })),
      },
    },
    include: { answers: true },
  });
  for (const g of graded) await updateCardState(tx, userId, g.card, (prev) => applyQuizResult(prev, g.correct, finishedAt));
  await bumpActivity(tx, userId, finishedAt, input.timeZone, { quizAnswers: graded.length });
  return { attempt: summarizeAttempt(row), created: true };
}

/** One transaction per attempt: the attempt, its answers, card changes and activity, or nothing. */
export async function recordAttempt(prisma: PrismaClient, userId: string, input: AttemptInput, catalog: Catalog, now = new Date()): Promise<RecordedAttempt> {
  try {
    const result = await prisma.$transaction((tx) => applyAttempt(tx, userId, input, catalog, now));
    if (!result) throw new ProgressError("INVALID_INPUT", "The attempt has no answers that can be graded.", "answers");
    return result;
  } catch (err) {
    // Two identical submissions racing: the primary key let one in; the other reports that one.
    if (!isUniqueViolation(err)) throw err;
    const again = await existingFor(prisma, userId, input.id);
    if (!again) throw err;
    return again;
  }
}
