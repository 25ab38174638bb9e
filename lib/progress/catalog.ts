// The content facts the progress code needs, indexed once: grading an answer needs its item,
// validating a rating needs the card to exist.
import type { ContentTree, QuestionCard } from "@/lib/content/load";
import type { PlayableItem } from "./quiz-items";
import { quizSetFor, type QuizKind } from "./quiz-sets";

export interface Catalog {
  tree: ContentTree;
  /** "Predict, then run" items derived from the lab scenarios. */
  predictItems: readonly PlayableItem[];
  item(id: string): PlayableItem | undefined;
  card(slug: string): QuestionCard | undefined;
  /** Title of a round, or null when the category/topic does not exist. */
  setTitle(kind: QuizKind, slug: string | undefined): string | null;
  /** Scenarios are only checked once content/labs has any; until then any slug is accepted. */
  scenarioKnown(slug: string): boolean;
}

export function buildCatalog(tree: ContentTree, extraItems: readonly PlayableItem[] = []): Catalog {
  const items = new Map<string, PlayableItem>();
  for (const bank of tree.quizzes) for (const item of bank.items) items.set(item.id, item);
  for (const item of extraItems) items.set(item.id, item);
  const cards = new Map(tree.questions.map((q) => [q.slug, q]));
  const scenarios = new Set(tree.scenarios);
  return {
    tree,
    predictItems: extraItems,
    item: (id) => items.get(id),
    card: (slug) => cards.get(slug),
    setTitle: (kind, slug) => quizSetFor(tree, kind, slug, extraItems)?.title ?? null,
    scenarioKnown: (slug) => scenarios.size === 0 || scenarios.has(slug),
  };
}
