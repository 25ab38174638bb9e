import { describe, expect, it } from "vitest";
import { attemptInputSchema, mergeInputSchema, type AttemptInput } from "@/lib/progress/inputs";
import {
  addLocalAttempt,
  addLocalRating,
  addLocalScenarioStep,
  emptyLocalProgress,
  hasLocalEvents,
  loadLocalProgress,
  localReviewQueue,
  localStorageKey,
  saveLocalProgress,
  toMergeInput,
  withoutMerged,
} from "@/lib/progress/local-store";

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

const attempt = (id: string, finishedAt = "2025-05-01T10:05:00.000Z"): AttemptInput => ({
  id,
  kind: "category",
  slug: "fundamentals",
  startedAt: "2025-05-01T10:00:00.000Z",
  finishedAt,
  timeZone: "Europe/Berlin",
  answers: [
    { itemId: "item-a", response: { kind: "choice", selected: [0] }, timeMs: 1000 },
    { itemId: "item-b", response: { kind: "choice", selected: [1] }, timeMs: 2000 },
  ],
});
const ids = ["6f1c1a8e-3a5b-4b7e-9d1e-0a1b2c3d4e5f", "0b4a9c6e-2f1d-4e8a-b7c3-5d6e7f8a9b0c", "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"] as const;
const graded = [
  { card: "card-a", correct: true },
  { card: "card-b", correct: false },
];
const content = (slug: string) => ({ card: slug, title: slug, shortAnswer: "…", category: "c" });

describe("anonymous progress in the browser", () => {
  it("records an attempt once per id and applies its answers to the cards", () => {
    const local = { title: "Fundamentals", score: 1, total: 2, input: attempt(ids[0]) };
    const once = addLocalAttempt(emptyLocalProgress(), local, graded);
    const twice = addLocalAttempt(once, local, graded);
    expect(twice).toBe(once);
    expect(once.attempts).toHaveLength(1);
    expect(once.cards["card-a"]).toMatchObject({ status: "known", inQueue: false });
    expect(once.cards["card-b"]).toMatchObject({ status: "learning", inQueue: true });
    expect(localReviewQueue(once, content, new Date("2025-05-01T10:06:00Z")).due.map((c) => c.card)).toEqual(["card-b"]);
  });

  it("rates cards locally with the same FSRS as the server, once per rating id", () => {
    const p = addLocalAttempt(emptyLocalProgress(), { title: "F", score: 1, total: 2, input: attempt(ids[0]) }, graded);
    const rating = { id: ids[1], card: "card-b", rating: 3 as const, reviewedAt: "2025-05-01T10:06:00.000Z", timeZone: "Europe/Berlin" };
    const first = addLocalRating(p, rating);
    expect(Date.parse(first.state.fsrs.due) - Date.parse(rating.reviewedAt)).toBe(10 * 60_000);
    const again = addLocalRating(first.progress, rating);
    expect(again.progress.ratings).toHaveLength(1);
    expect(again.state).toEqual(first.state);
  });

  it("survives a reload through storage, and sets unreadable data aside instead of deleting it", () => {
    const storage = memoryStorage();
    const p = addLocalScenarioStep(emptyLocalProgress(), { scenario: "tls-modes", step: "start", completedAt: "2025-05-01T10:00:00.000Z", timeZone: "UTC" });
    saveLocalProgress(storage, p);
    expect(loadLocalProgress(storage)).toEqual(p);
    const broken = memoryStorage({ [localStorageKey]: "{not json" });
    expect(loadLocalProgress(broken)).toEqual(emptyLocalProgress());
    expect(broken.data.get(`${localStorageKey}.unreadable`)).toBe("{not json");
  });

  it("builds a merge payload the server's schema accepts", () => {
    let p = addLocalAttempt(emptyLocalProgress(), { title: "F", score: 1, total: 2, input: attempt(ids[0]) }, graded);
    p = addLocalRating(p, { id: ids[1], card: "card-b", rating: 1, reviewedAt: "2025-05-01T10:06:00.000Z", timeZone: "Europe/Berlin" }).progress;
    const payload = toMergeInput(p);
    expect(mergeInputSchema.parse(JSON.parse(JSON.stringify(payload)))).toEqual(payload);
  });

  it("after a merge drops exactly what was sent, keeping events recorded meanwhile", () => {
    const first = addLocalAttempt(emptyLocalProgress(), { title: "F", score: 1, total: 2, input: attempt(ids[0]) }, graded);
    const sent = toMergeInput(first);
    const meanwhile = addLocalAttempt(first, { title: "F", score: 1, total: 2, input: attempt(ids[2], "2025-05-01T11:00:00.000Z") }, graded);
    const rest = withoutMerged(meanwhile, sent);
    expect(rest.attempts.map((a) => a.input.id)).toEqual([ids[2]]);
    expect(withoutMerged(first, sent)).toEqual(emptyLocalProgress());
    expect(hasLocalEvents(withoutMerged(first, sent))).toBe(false);
  });
});

describe("attempt input validation", () => {
  it("accepts a well-formed attempt", () => {
    expect(attemptInputSchema.safeParse(attempt(ids[0])).success).toBe(true);
  });

  it.each([
    ["a non-UUID id", { id: "1" }, "id"],
    ["an unknown time zone", { timeZone: "Mars/Base" }, "timeZone"],
    ["an end before the start", { finishedAt: "2025-05-01T09:00:00.000Z" }, "finishedAt"],
    ["a category quiz without slug", { slug: undefined }, "slug"],
    ["no answers", { answers: [] }, "answers"],
    ["an item answered twice", { answers: [attempt(ids[0]).answers[0], attempt(ids[0]).answers[0]] }, "answers"],
    ["extra fields", { score: 100 }, ""],
  ])("rejects %s", (_label, change, path) => {
    const result = attemptInputSchema.safeParse({ ...attempt(ids[0]), ...change });
    expect(result.success).toBe(false);
    if (path) expect(result.error?.issues.map((i) => i.path.join("."))).toContain(path);
  });
});

describe("merging in batches", () => {
  it("sends the oldest events first, across kinds, and each batch fits the server's limits", () => {
    let p = emptyLocalProgress();
    const minute = (m: number) => new Date(Date.UTC(2025, 4, 1, 10, m)).toISOString();
    for (let m = 0; m < 6; m++) {
      const id = `${String(m).padStart(8, "0")}-3a5b-4b7e-9d1e-0a1b2c3d4e5f`;
      if (m % 2 === 0) p = addLocalAttempt(p, { title: "F", score: 1, total: 2, input: attempt(id, minute(m)) }, graded);
      else p = addLocalRating(p, { id, card: "card-b", rating: 3, reviewedAt: minute(m), timeZone: "UTC" }).progress;
    }
    const first = toMergeInput(p, 3);
    expect(first.attempts.map((a) => a.finishedAt)).toEqual([minute(0), minute(2)]);
    expect(first.ratings.map((r) => r.reviewedAt)).toEqual([minute(1)]);
    const rest = withoutMerged(p, first);
    const second = toMergeInput(rest, 3);
    expect([...second.attempts.map((a) => a.finishedAt), ...second.ratings.map((r) => r.reviewedAt)].sort()).toEqual([minute(3), minute(4), minute(5)]);
    expect(hasLocalEvents(withoutMerged(rest, second))).toBe(false);
    expect(mergeInputSchema.safeParse(toMergeInput(p)).success).toBe(true);
  });
});
