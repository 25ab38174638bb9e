// Grading. Every item is all-or-nothing: an interviewer does not give half marks for naming one
// of the two things an L4 balancer cannot see. Responses point at options by their index in the
// content file, so the same response grades the same way in the browser and on the server.
import { z } from "zod";
import type { ItemType } from "./quiz-items";

export const quizResponseSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("choice"), selected: z.array(z.int().min(0).max(15)).max(16) }).strict(),
  z.object({ kind: z.literal("order"), order: z.array(z.int().min(0).max(15)).max(16) }).strict(),
]);
export type QuizResponse = z.infer<typeof quizResponseSchema>;

/** The part of an item grading needs. */
export interface GradableItem {
  type: ItemType;
  options: ReadonlyArray<{ correct: boolean }>;
}

export function correctIndices(item: GradableItem): number[] {
  return item.options.flatMap((o, i) => (o.correct ? [i] : []));
}

/** Why a response cannot be graded against this item, or null when it can. */
export function responseProblem(item: GradableItem, response: QuizResponse): string | null {
  const n = item.options.length;
  if (item.type === "ordering") {
    if (response.kind !== "order") return "an ordering item needs the submitted order";
    const seen = new Set(response.order);
    if (response.order.length !== n || seen.size !== n || response.order.some((i) => i >= n)) {
      return `the order must list each of the ${n} steps exactly once`;
    }
    return null;
  }
  if (response.kind !== "choice") return "this item needs the chosen options";
  const seen = new Set(response.selected);
  if (seen.size !== response.selected.length) return "an option is chosen twice";
  if (response.selected.some((i) => i >= n)) return "a chosen option does not exist";
  if (response.selected.length === 0) return "choose an answer";
  if (item.type !== "multiple" && response.selected.length !== 1) return "choose exactly one option";
  return null;
}

/** True when the response is exactly right; an ungradeable response is wrong. */
export function isCorrect(item: GradableItem, response: QuizResponse): boolean {
  if (responseProblem(item, response)) return false;
  if (response.kind === "order") return response.order.every((optionIndex, position) => optionIndex === position);
  const want = correctIndices(item);
  const got = [...response.selected].sort((a, b) => a - b);
  return got.length === want.length && got.every((v, i) => v === want[i]);
}

/** For ordering feedback: which positions already hold the right step. */
export function positionsInPlace(order: readonly number[]): boolean[] {
  return order.map((optionIndex, position) => optionIndex === position);
}

export interface Score {
  score: number;
  total: number;
  /** Rounded whole percent; 0 for an empty round rather than NaN. */
  percent: number;
}

export function scoreOf(results: readonly boolean[]): Score {
  const score = results.filter(Boolean).length;
  const total = results.length;
  return { score, total, percent: total === 0 ? 0 : Math.round((score / total) * 100) };
}
