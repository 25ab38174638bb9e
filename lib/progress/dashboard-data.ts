import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { calendarCells, type CalendarCell } from "./activity-calendar";
import type { CardStatus } from "./card-state";
import type { Catalog } from "./catalog";
import { localDateIn } from "./local-date";
import { categoryGroups, masteryOf, topicGroups, type Mastery } from "./mastery";
import { recommendNext, type Recommendation } from "./recommend";
import { readReviewQueue } from "./review-queue";
import { computeStreak, type Streak } from "./streak";

export interface ScorePoint {
  id: string;
  title: string;
  finishedAt: string;
  localDate: string;
  score: number;
  total: number;
  percent: number;
}

export interface DashboardData {
  hasProgress: boolean;
  /** The zone of the learner's latest activity: the dashboard's "today" is read on that clock. */
  timeZone: string;
  today: string;
  totals: { known: number; learning: number; new: number; cards: number; attempts: number; reviews: number };
  categories: Mastery[];
  topics: Mastery[];
  scoreTrend: ScorePoint[];
  calendar: CalendarCell[];
  activeDaysShown: number;
  streak: Streak;
  review: { dueNow: number; queued: number; nextDueAt: string | null };
  recommendation: Recommendation;
}

const trendLength = 20;

/** Everything the dashboard draws, read from the learner's own rows only. */
export async function readDashboard(prisma: PrismaClient, userId: string, catalog: Catalog, now = new Date()): Promise<DashboardData> {
  const [cards, attempts, attemptCount, reviewCount, activity, steps, queue] = await Promise.all([
    prisma.cardProgress.findMany({ where: { userId }, select: { card: true, status: true } }),
    // First tries only: a retry holds just the missed items and would make the trend jump.
    prisma.quizAttempt.findMany({ where: { userId, retryOf: null }, orderBy: { finishedAt: "desc" }, take: trendLength }),
    prisma.quizAttempt.count({ where: { userId } }),
    prisma.cardReview.count({ where: { userId } }),
    prisma.dailyActivity.findMany({ where: { userId }, orderBy: { updatedAt: "desc" } }),
    prisma.scenarioStep.findMany({ where: { userId }, select: { scenario: true }, distinct: ["scenario"] }),
    readReviewQueue(prisma, userId, catalog, now),
  ]);

  const tree = catalog.tree;
  const statuses = new Map(cards.filter((c) => catalog.card(c.card)).map((c) => [c.card, c.status as CardStatus]));
  const categories = masteryOf(categoryGroups(tree), statuses);
  const topics = masteryOf(topicGroups(tree), statuses);
  const count = (s: CardStatus) => [...statuses.values()].filter((v) => v === s).length;
  const known = count("known");
  const learning = count("learning");

  const timeZone = activity[0]?.timeZone ?? "UTC";
  const today = localDateIn(now, timeZone);
  const perDay = new Map(activity.map((a) => [a.date, a.quizAnswers + a.reviews + a.labSteps + a.predictions]));
  const calendar = calendarCells(perDay, today);

  return {
    hasProgress: cards.length > 0 || attemptCount > 0 || activity.length > 0,
    timeZone,
    today,
    totals: { known, learning, new: tree.questions.length - known - learning, cards: tree.questions.length, attempts: attemptCount, reviews: reviewCount },
    categories,
    topics,
    scoreTrend: attempts.reverse().map((a) => ({
      id: a.id,
      title: a.title,
      finishedAt: a.finishedAt.toISOString(),
      localDate: a.localDate,
      score: a.score,
      total: a.total,
      percent: a.total ? Math.round((a.score / a.total) * 100) : 0,
    })),
    calendar,
    activeDaysShown: calendar.filter((c) => c.count > 0).length,
    streak: computeStreak(perDay.keys(), today),
    review: { dueNow: queue.due.length, queued: queue.queued, nextDueAt: queue.nextDueAt },
    recommendation: recommendNext({ tree, statuses, categories, dueNow: queue.due.length, startedScenarios: new Set(steps.map((s) => s.scenario)) }),
  };
}
