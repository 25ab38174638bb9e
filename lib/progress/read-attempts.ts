import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { forbidden, ProgressError } from "./errors";
import { summarizeAttempt, type AttemptSummary } from "./record-attempt";

/** The learner's own attempts, newest first. */
export async function listAttempts(prisma: PrismaClient, userId: string, limit = 20): Promise<AttemptSummary[]> {
  const rows = await prisma.quizAttempt.findMany({ where: { userId }, orderBy: { finishedAt: "desc" }, take: limit, include: { answers: true } });
  return rows.map(summarizeAttempt);
}

/** One attempt by id: 404 when there is none, 403 when it is someone else's. */
export async function getAttempt(prisma: PrismaClient, userId: string, id: string): Promise<AttemptSummary> {
  const row = await prisma.quizAttempt.findUnique({ where: { id }, include: { answers: true } });
  if (!row) throw new ProgressError("NOT_FOUND", "There is no quiz attempt with this id.");
  if (row.userId !== userId) throw forbidden("quiz attempt");
  return summarizeAttempt(row);
}
