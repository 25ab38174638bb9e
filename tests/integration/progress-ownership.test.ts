// Learner A can neither read nor change learner B's records, through any id-addressed operation.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDashboard } from "@/lib/progress/dashboard-data";
import { ProgressError } from "@/lib/progress/errors";
import { mergeProgress } from "@/lib/progress/merge-progress";
import { getAttempt, listAttempts } from "@/lib/progress/read-attempts";
import { recordAttempt } from "@/lib/progress/record-attempt";
import { recordPrediction } from "@/lib/progress/record-prediction";
import { recordRating } from "@/lib/progress/record-rating";
import { readReviewQueue } from "@/lib/progress/review-queue";
import { attemptInput, catalog, items } from "./helpers/content-fixture";
import { createLearner, openTestDatabase, type TestDatabase } from "./helpers/test-db";

let t: TestDatabase;
let a: { id: string };
let b: { id: string };
let attemptOfA: string;
let ratingOfA: string;
const zone = "Europe/London";

beforeAll(async () => {
  t = openTestDatabase("ownership");
  a = await createLearner(t.prisma, "a");
  b = await createLearner(t.prisma, "b");
  attemptOfA = (await recordAttempt(t.prisma, a.id, attemptInput(), catalog)).attempt.id;
  ratingOfA = randomUUID();
  await recordRating(t.prisma, a.id, { id: ratingOfA, card: items[2]!.card, rating: 3, reviewedAt: new Date().toISOString(), timeZone: zone }, catalog);
});
afterAll(() => t.close());

async function expectForbidden(promise: Promise<unknown>) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProgressError);
  expect(err).toMatchObject({ code: "FORBIDDEN", status: 403 });
}

async function snapshotOfA() {
  return {
    attempts: await t.prisma.quizAttempt.findMany({ where: { userId: a.id }, include: { answers: true }, orderBy: { id: "asc" } }),
    cards: await t.prisma.cardProgress.findMany({ where: { userId: a.id }, orderBy: { card: "asc" } }),
    reviews: await t.prisma.cardReview.findMany({ where: { userId: a.id } }),
    activity: await t.prisma.dailyActivity.findMany({ where: { userId: a.id } }),
  };
}

describe("ownership", () => {
  it("B cannot read A's attempt by id (403), and an unknown id is 404", async () => {
    await expectForbidden(getAttempt(t.prisma, b.id, attemptOfA));
    await expect(getAttempt(t.prisma, b.id, randomUUID())).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 });
    expect((await getAttempt(t.prisma, a.id, attemptOfA)).id).toBe(attemptOfA);
  });

  it("B's lists, queue and dashboard contain nothing of A's", async () => {
    expect(await listAttempts(t.prisma, b.id)).toEqual([]);
    expect((await readReviewQueue(t.prisma, b.id, catalog)).queued).toBe(0);
    const dashboard = await readDashboard(t.prisma, b.id, catalog);
    expect(dashboard.hasProgress).toBe(false);
    expect(dashboard.totals).toMatchObject({ known: 0, learning: 0, attempts: 0, reviews: 0 });
  });

  it("B cannot overwrite A's attempt, rating or prediction by reusing their ids (403), and A's data is untouched", async () => {
    const before = await snapshotOfA();
    await expectForbidden(recordAttempt(t.prisma, b.id, attemptInput({ id: attemptOfA }), catalog));
    await expectForbidden(recordRating(t.prisma, b.id, { id: ratingOfA, card: items[0]!.card, rating: 1, reviewedAt: new Date().toISOString(), timeZone: zone }, catalog));
    const predictionOfA = randomUUID();
    await recordPrediction(t.prisma, a.id, { id: predictionOfA, scenario: "sticky-sessions", card: items[0]!.card, correct: true, predictedAt: new Date().toISOString(), timeZone: zone }, catalog);
    await expectForbidden(recordPrediction(t.prisma, b.id, { id: predictionOfA, scenario: "sticky-sessions", correct: false, predictedAt: new Date().toISOString(), timeZone: zone }, catalog));
    const after = await snapshotOfA();
    expect(after.attempts).toEqual(before.attempts);
    expect(after.reviews).toEqual(before.reviews);
    expect(after.cards.map((c) => [c.card, c.status, c.due.toISOString()])).toEqual(before.cards.map((c) => [c.card, c.status, c.due.toISOString()]));
    expect(await t.prisma.quizAttempt.count({ where: { userId: b.id } })).toBe(0);
    expect(await t.prisma.cardProgress.count({ where: { userId: b.id } })).toBe(0);
  });

  it("a merge carrying A's ids into B's account skips them and changes nothing of A's", async () => {
    const before = await snapshotOfA();
    const report = await mergeProgress(t.prisma, b.id, { attempts: [attemptInput({ id: attemptOfA })], ratings: [], predictions: [], scenarioSteps: [] }, catalog);
    expect(report.attempts).toEqual({ stored: 0, alreadyThere: 0, skipped: 1 });
    expect(await snapshotOfA()).toEqual(before);
    expect(await t.prisma.quizAttempt.count({ where: { userId: b.id } })).toBe(0);
  });
});
