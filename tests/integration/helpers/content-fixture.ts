// Real quiz items from content/, with a right and a wrong response for each, so the tests do
// not break when authors add or reorder questions.
import { randomUUID } from "node:crypto";
import { loadContent } from "@/lib/content/load";
import { buildCatalog } from "@/lib/progress/catalog";
import type { AttemptInput } from "@/lib/progress/inputs";
import type { PlayableItem } from "@/lib/progress/quiz-items";
import { categorySet } from "@/lib/progress/quiz-sets";
import { correctIndices, type QuizResponse } from "@/lib/progress/scoring";

export const tree = loadContent();
export const catalog = buildCatalog(tree);

export function rightResponse(item: PlayableItem): QuizResponse {
  return item.type === "ordering" ? { kind: "order", order: item.options.map((_, i) => i) } : { kind: "choice", selected: correctIndices(item) };
}

export function wrongResponse(item: PlayableItem): QuizResponse {
  if (item.type === "ordering") return { kind: "order", order: item.options.map((_, i) => i).reverse() };
  const wrong = item.options.findIndex((o) => !o.correct);
  return { kind: "choice", selected: [wrong] };
}

const category = tree.categories.find((c) => (categorySet(tree, c.slug)?.items.length ?? 0) >= 3);
if (!category) throw new Error("the content needs a category with at least three quiz items");
export const categorySlug = category.slug;
/** Three items about three different cards. */
export const items: PlayableItem[] = (categorySet(tree, categorySlug)?.items ?? [])
  .filter((item, i, all) => all.findIndex((x) => x.card === item.card) === i)
  .slice(0, 3);

/** An attempt answering items[0] and items[1] right and items[2] wrong. */
export function attemptInput(overrides: Partial<AttemptInput> = {}): AttemptInput {
  const [a, b, c] = items as [PlayableItem, PlayableItem, PlayableItem];
  return {
    id: randomUUID(),
    kind: "category",
    slug: categorySlug,
    startedAt: new Date(Date.now() - 120_000).toISOString(),
    finishedAt: new Date(Date.now() - 1_000).toISOString(),
    timeZone: "America/New_York",
    answers: [
      { itemId: a.id, response: rightResponse(a), timeMs: 4000 },
      { itemId: b.id, response: rightResponse(b), timeMs: 5000 },
      { itemId: c.id, response: wrongResponse(c), timeMs: 6000 },
    ],
    ...overrides,
  };
}
