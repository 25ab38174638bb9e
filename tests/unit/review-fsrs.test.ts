import { describe, expect, it } from "vitest";
import { applyQuizResult, applyRating, isDue } from "@/lib/progress/card-state";
import { fromSnapshot, FsrsState, newSnapshot, previewDue, scheduleNext, toSnapshot } from "@/lib/progress/fsrs-scheduler";
import { buildQueue } from "@/lib/progress/review-cards";

const t0 = new Date("2025-05-01T10:00:00Z");
const minutes = (a: string | Date, b: Date) => Math.round((new Date(a).getTime() - b.getTime()) / 60_000);

describe("FSRS wiring (ts-fsrs)", () => {
  it("a new card: Again in 1 min, Hard in 6, Good in 10 (learning steps), Easy graduates to days", () => {
    const s = newSnapshot(t0);
    expect(minutes(scheduleNext(s, 1, t0).due, t0)).toBe(1);
    expect(minutes(scheduleNext(s, 2, t0).due, t0)).toBe(6);
    expect(minutes(scheduleNext(s, 3, t0).due, t0)).toBe(10);
    const easy = scheduleNext(s, 4, t0);
    expect(easy.state).toBe(FsrsState.Review);
    expect(minutes(easy.due, t0)).toBeGreaterThanOrEqual(24 * 60);
  });

  it("the button preview equals what rating actually schedules", () => {
    const s = scheduleNext(newSnapshot(t0), 3, t0);
    const later = new Date(t0.getTime() + 10 * 60_000);
    const preview = previewDue(s, later);
    for (const r of [1, 2, 3, 4] as const) expect(preview[r].toISOString()).toBe(scheduleNext(s, r, later).due);
  });

  it("snapshots round-trip losslessly", () => {
    const s = scheduleNext(scheduleNext(newSnapshot(t0), 3, t0), 3, new Date(t0.getTime() + 600_000));
    expect(toSnapshot(fromSnapshot(s))).toEqual(s);
    expect(s.reps).toBe(2);
    expect(s.lastReview).not.toBeNull();
  });
});

describe("card states", () => {
  it("a quiz miss queues the card due now and marks it learning", () => {
    const state = applyQuizResult(undefined, false, t0);
    expect(state).toMatchObject({ status: "learning", inQueue: true, quizMissed: 1 });
    expect(state.fsrs.due).toBe(t0.toISOString());
    expect(isDue(state, t0)).toBe(true);
  });

  it("a first correct answer makes a card known without queueing it; it never clears an open miss", () => {
    const known = applyQuizResult(undefined, true, t0);
    expect(known).toMatchObject({ status: "known", inQueue: false, quizCorrect: 1 });
    const missed = applyQuizResult(undefined, false, t0);
    expect(applyQuizResult(missed, true, t0).status).toBe("learning");
  });

  it("a miss on a scheduled card brings it forward but keeps its memory", () => {
    const reviewed = applyRating(applyQuizResult(undefined, false, t0), 4, t0).state;
    const later = new Date(t0.getTime() + 3_600_000);
    const missed = applyQuizResult(reviewed, false, later);
    expect(missed.fsrs.due).toBe(later.toISOString());
    expect(missed.fsrs.stability).toBe(reviewed.fsrs.stability);
    expect(missed.fsrs.reps).toBe(reviewed.fsrs.reps);
  });

  it("ratings: Good in learning steps stays learning; graduating with Good/Easy is known; Again is learning", () => {
    const queued = applyQuizResult(undefined, false, t0);
    const good = applyRating(queued, 3, t0);
    expect(good).toMatchObject({ applied: true, state: { status: "learning" } });
    const t1 = new Date(good.state.fsrs.due);
    const graduated = applyRating(good.state, 3, t1);
    expect(graduated.state.fsrs.state).toBe(FsrsState.Review);
    expect(graduated.state.status).toBe("known");
    expect(applyRating(graduated.state, 1, new Date(graduated.state.fsrs.due)).state.status).toBe("learning");
  });

  it("an older rating than the last review is kept out of the schedule", () => {
    const reviewed = applyRating(undefined, 3, t0).state;
    const stale = applyRating(reviewed, 1, new Date(t0.getTime() - 60_000));
    expect(stale.applied).toBe(false);
    expect(stale.state).toEqual(reviewed);
  });
});

describe("review queue", () => {
  it("lists due cards most overdue first and reports the next due time", () => {
    const content = (slug: string) => (slug === "gone" ? undefined : { card: slug, title: slug, shortAnswer: "…", category: "c" });
    const at = (m: number) => new Date(t0.getTime() + m * 60_000);
    const entry = (card: string, dueMin: number, inQueue = true) => ({ card, status: "learning" as const, inQueue, fsrs: { ...newSnapshot(at(dueMin)) } });
    const queue = buildQueue([entry("b", -5), entry("a", -10), entry("later", 30), entry("off", -60, false), entry("gone", -1)], content, t0);
    expect(queue.due.map((c) => c.card)).toEqual(["a", "b"]);
    expect(queue.queued).toBe(3);
    expect(queue.nextDueAt).toBe(at(30).toISOString());
  });
});
