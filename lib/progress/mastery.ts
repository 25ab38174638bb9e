// Mastery: for a group of cards (a category, or a topic's related cards), how many the learner
// knows, is learning, or has not met. Shown as counts, not a blended score, so every bar on the
// dashboard is a number the learner can check card by card.
import type { ContentTree } from "@/lib/content/load";
import type { CardStatus } from "./card-state";

export interface CardGroup {
  slug: string;
  title: string;
  cards: string[];
}

export interface Mastery {
  slug: string;
  title: string;
  known: number;
  learning: number;
  new: number;
  total: number;
  /** Share of the group's cards that are known, in whole percent. */
  percent: number;
}

export function masteryOf(groups: readonly CardGroup[], statuses: ReadonlyMap<string, CardStatus>): Mastery[] {
  return groups
    .filter((g) => g.cards.length > 0)
    .map((g) => {
      const counts = { known: 0, learning: 0, new: 0 };
      for (const card of g.cards) counts[statuses.get(card) ?? "new"] += 1;
      const total = g.cards.length;
      return { slug: g.slug, title: g.title, ...counts, total, percent: Math.round((counts.known / total) * 100) };
    });
}

export function categoryGroups(tree: ContentTree): CardGroup[] {
  return tree.categories.map((c) => ({ slug: c.slug, title: c.title, cards: tree.questions.filter((q) => q.category === c.slug).map((q) => q.slug) }));
}

export function topicGroups(tree: ContentTree): CardGroup[] {
  const known = new Set(tree.questions.map((q) => q.slug));
  return tree.topics.map((t) => ({ slug: t.slug, title: t.title, cards: t.related.filter((slug) => known.has(slug)) }));
}
