// A submission repeated with the same id counts once; writes that belong together are atomic.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDashboard } from "@/lib/progress/dashboard-data";
import { mergeProgress } from "@/lib/progress/merge-progress";
import { recordAttempt } from "@/lib/progress/record-attempt";
import { recordPrediction } from "@/lib/progress/record-prediction";
import { recordRating } from "@/lib/progress/record-rating";
import { readReviewQueue } from "@/lib/progress/review-queue";
import { recordScenarioStep } from "@/lib/progress/scenario-steps";
import { attemptInput, catalog, categorySlug, items } from "./helpers/content-fixture";
import { createLearner, openTestDatabase, type TestDatabase } from "./helpers/test-db";

let t: TestDatabase;
beforeAll(() => {
  t = openTestDatabase("idempotency");
});
afterAll(() => t.close());

async function counts(userId: string) {
  const activity = await t.prisma.dailyActivity.findMany({ where: { userId } });
  return {
    attempts: await t.prisma.quizAttempt.count({ where: { userId } }),
    answers: await t.prisma.quizAnswer.count({ where: { attempt: { userId } } }),
    reviews: await t.prisma.cardReview.count({ where: { userId } }),
    predictions: await t.prisma.labPrediction.count({ where: { userId } }),
    steps: await t.prisma.scenarioStep.count({ where: { userId } }),
    quizAnswersCounted: activity.reduce((n, d) => n + d.quizAnswers, 0),
    reviewsCounted: activity.reduce((n, d) => n + d.reviews, 0),
    labStepsCounted: activity.reduce((n, d) => n + d.labSteps, 0),
  };
}

describe("one submission, counted once", () => {
  it("grades on the server and stores the attempt, its answers, card states and activity", async () => {
    const user = await createLearner(t.prisma, "grade");
    const { attempt, created } = await recordAttempt(t.prisma, user.id, attemptInput(), catalog);
    expect(created).toBe(true);
    expect(attempt).toMatchObject({ kind: "category", slug: categorySlug, score: 2, total: 3, percent: 67 });
    expect(attempt.answers.map((x) => x.correct)).toEqual([true, true, false]);
    const cards = await t.prisma.cardProgress.findMany({ where: { userId: user.id } });
    expect(Object.fromEntries(cards.map((c) => [c.card, c.status]))).toEqual({ [items[0]!.card]: "known", [items[1]!.card]: "known", [items[2]!.card]: "learning" });
    const queue = await readReviewQueue(t.prisma, user.id, catalog);
    expect(queue.due.map((c) => c.card)).toEqual([items[2]!.card]);
    expect(await counts(user.id)).toMatchObject({ attempts: 1, answers: 3, quizAnswersCounted: 3 });
  });

  it("the same attempt submitted again (sequentially and concurrently) is stored and counted once", async () => {
    const user = await createLearner(t.prisma, "double");
    const input = attemptInput();
    await recordAttempt(t.prisma, user.id, input, catalog);
    const again = await recordAttempt(t.prisma, user.id, input, catalog);
    expect(again.created).toBe(false);
    expect(again.attempt.score).toBe(2);
    const racing = attemptInput();
    const results = await Promise.all([1, 2, 3].map(() => recordAttempt(t.prisma, user.id, racing, catalog)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await counts(user.id)).toMatchObject({ attempts: 2, answers: 6, quizAnswersCounted: 6 });
    const card = await t.prisma.cardProgress.findUniqueOrThrow({ where: { userId_card: { userId: user.id, card: items[2]!.card } } });
    expect(card.quizMissed).toBe(2);
  });

  it("a repeated rating schedules the card once", async () => {
    const user = await createLearner(t.prisma, "rating");
    await recordAttempt(t.prisma, user.id, attemptInput(), catalog);
    const input = { id: randomUUID(), card: items[2]!.card, rating: 3 as const, reviewedAt: new Date().toISOString(), timeZone: "Asia/Tokyo" };
    const [first, second] = await Promise.all([recordRating(t.prisma, user.id, input, catalog), recordRating(t.prisma, user.id, input, catalog)]);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(first.due).toBe(second.due);
    const third = await recordRating(t.prisma, user.id, input, catalog);
    expect(third).toMatchObject({ created: false, due: first.due });
    const card = await t.prisma.cardProgress.findUniqueOrThrow({ where: { userId_card: { userId: user.id, card: items[2]!.card } } });
    expect(card.reps).toBe(1);
    expect(await counts(user.id)).toMatchObject({ reviews: 1, reviewsCounted: 1 });
  });

  it("a failed prediction queues its card once; a scenario step reported twice counts once", async () => {
    const user = await createLearner(t.prisma, "lab");
    const prediction = { id: randomUUID(), scenario: "sticky-sessions", step: "kill-backend", card: items[0]!.card, correct: false, predictedAt: new Date().toISOString(), timeZone: "UTC" };
    expect(await recordPrediction(t.prisma, user.id, prediction, catalog)).toMatchObject({ queued: true, created: true });
    expect(await recordPrediction(t.prisma, user.id, prediction, catalog)).toMatchObject({ created: false });
    expect((await readReviewQueue(t.prisma, user.id, catalog)).due.map((c) => c.card)).toEqual([items[0]!.card]);
    const step = { scenario: "sticky-sessions", step: "start-lab", completedAt: new Date().toISOString(), timeZone: "UTC" };
    await recordScenarioStep(t.prisma, user.id, step, catalog);
    const progress = await recordScenarioStep(t.prisma, user.id, step, catalog);
    expect(progress.steps.map((s) => s.step)).toEqual(["start-lab"]);
    expect(await counts(user.id)).toMatchObject({ predictions: 1, steps: 1, labStepsCounted: 1 });
  });

  it("an attempt that fails validation half-way writes nothing at all", async () => {
    const user = await createLearner(t.prisma, "atomic");
    const good = attemptInput();
    const bad = { ...good, answers: [...good.answers, { itemId: "no-such-item", response: { kind: "choice" as const, selected: [0] }, timeMs: 1 }] };
    await expect(recordAttempt(t.prisma, user.id, bad, catalog)).rejects.toMatchObject({ code: "UNKNOWN_CONTENT" });
    expect(await counts(user.id)).toMatchObject({ attempts: 0, answers: 0, quizAnswersCounted: 0 });
    expect(await t.prisma.cardProgress.count({ where: { userId: user.id } })).toBe(0);
  });

  it("a future timestamp from a wrong clock is taken as now", async () => {
    const user = await createLearner(t.prisma, "clock");
    const future = new Date(Date.now() + 86_400_000 * 3).toISOString();
    const { attempt } = await recordAttempt(t.prisma, user.id, attemptInput({ startedAt: future, finishedAt: future }), catalog);
    expect(Date.parse(attempt.finishedAt)).toBeLessThanOrEqual(Date.now());
  });
});

describe("merging anonymous progress", () => {
  it("stores everything once, however often the same payload is merged", async () => {
    const user = await createLearner(t.prisma, "merge");
    const attempt = attemptInput({ finishedAt: new Date(Date.now() - 60_000).toISOString() });
    const rating = { id: randomUUID(), card: items[2]!.card, rating: 4 as const, reviewedAt: new Date(Date.now() - 30_000).toISOString(), timeZone: "America/New_York" };
    const payload = { attempts: [attempt], ratings: [rating], predictions: [], scenarioSteps: [{ scenario: "tls-modes", step: "terminate", completedAt: new Date().toISOString(), timeZone: "UTC" }] };

    const first = await mergeProgress(t.prisma, user.id, payload, catalog);
    expect(first.attempts).toEqual({ stored: 1, alreadyThere: 0, skipped: 0 });
    expect(first.ratings).toEqual({ stored: 1, alreadyThere: 0, skipped: 0 });
    const afterFirst = await counts(user.id);
    const dashboardFirst = await readDashboard(t.prisma, user.id, catalog);

    const second = await mergeProgress(t.prisma, user.id, payload, catalog);
    expect(second.attempts).toEqual({ stored: 0, alreadyThere: 1, skipped: 0 });
    expect(second.ratings).toEqual({ stored: 0, alreadyThere: 1, skipped: 0 });
    expect(second.scenarioSteps).toEqual({ stored: 0, alreadyThere: 1, skipped: 0 });
    expect(await counts(user.id)).toEqual(afterFirst);
    const dashboardSecond = await readDashboard(t.prisma, user.id, catalog);
    expect(dashboardSecond.totals).toEqual(dashboardFirst.totals);
    expect(dashboardSecond.streak).toEqual(dashboardFirst.streak);

    // Replayed in order: the miss queued the card, then Easy graduated it.
    const card = await t.prisma.cardProgress.findUniqueOrThrow({ where: { userId_card: { userId: user.id, card: items[2]!.card } } });
    expect(card.status).toBe("known");
    expect(card.due.getTime()).toBeGreaterThan(Date.now());
  });

  it("keeps what the account already had and skips content that no longer exists", async () => {
    const user = await createLearner(t.prisma, "merge-existing");
    await recordAttempt(t.prisma, user.id, attemptInput(), catalog);
    const stale = attemptInput({ answers: [{ itemId: "removed-item", response: { kind: "choice", selected: [0] }, timeMs: 1 }] });
    const report = await mergeProgress(t.prisma, user.id, { attempts: [attemptInput(), stale], ratings: [], predictions: [], scenarioSteps: [] }, catalog);
    expect(report.attempts).toEqual({ stored: 1, alreadyThere: 0, skipped: 1 });
    expect(await counts(user.id)).toMatchObject({ attempts: 2, answers: 6 });
  });
});
