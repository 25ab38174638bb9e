// Which items make up a practice round. Pure over the content tree so pages, the server's
// scoring and the tests all agree on what "the TLS quiz" or "the sticky-sessions quiz" means.
import type { ContentTree } from "@/lib/content/load";
import type { PlayableItem } from "./quiz-items";
import { shuffled } from "./shuffle";

export const quizKinds = ["category", "topic", "mixed"] as const;
export type QuizKind = (typeof quizKinds)[number];

export interface QuizSet {
  kind: QuizKind;
  slug?: string;
  title: string;
  summary: string;
  items: PlayableItem[];
}

export const mixedRoundSize = 10;

/** Bank items, then `extra` ("predict, then run" items from the lab scenarios). */
function allItems(tree: ContentTree, extra: readonly PlayableItem[]): PlayableItem[] {
  return [...tree.quizzes.flatMap((q) => q.items), ...extra];
}

/** Items whose card is in the category, whichever bank they were written in. */
export function categorySet(tree: ContentTree, slug: string, extra: readonly PlayableItem[] = []): QuizSet | null {
  const category = tree.categories.find((c) => c.slug === slug);
  if (!category) return null;
  const cards = new Set(tree.questions.filter((q) => q.category === slug).map((q) => q.slug));
  const items = allItems(tree, extra).filter((item) => cards.has(item.card));
  return { kind: "category", slug, title: category.title, summary: category.summary, items };
}

/** Items from a bank written for the topic, plus items about the cards the topic lists as related. */
export function topicSet(tree: ContentTree, slug: string, extra: readonly PlayableItem[] = []): QuizSet | null {
  const topic = tree.topics.find((t) => t.slug === slug);
  if (!topic) return null;
  const related = new Set(topic.related);
  const items = [
    ...tree.quizzes.flatMap((bank) => bank.items.filter((item) => bank.topic === slug || related.has(item.card))),
    ...extra.filter((item) => related.has(item.card)),
  ];
  return { kind: "topic", slug, title: topic.title, summary: topic.summary, items };
}

/** A fresh random round across every bank. */
export function mixedSet(tree: ContentTree, size = mixedRoundSize, random: () => number = Math.random, extra: readonly PlayableItem[] = []): QuizSet {
  return {
    kind: "mixed",
    title: "Mixed practice",
    summary: `${size} questions drawn at random from every quiz bank.`,
    items: shuffled(allItems(tree, extra), random).slice(0, size),
  };
}

export function quizSetFor(tree: ContentTree, kind: QuizKind, slug: string | undefined, extra: readonly PlayableItem[] = []): QuizSet | null {
  if (kind === "mixed") return { kind, title: "Mixed practice", summary: "Every quiz bank.", items: allItems(tree, extra) };
  if (!slug) return null;
  return kind === "category" ? categorySet(tree, slug, extra) : topicSet(tree, slug, extra);
}

export function quizHref(kind: QuizKind, slug?: string): string {
  return kind === "mixed" ? "/quizzes/mixed" : `/quizzes/${kind}/${slug}`;
}

export interface QuizSetSummary {
  kind: QuizKind;
  slug: string;
  title: string;
  summary: string;
  count: number;
  href: string;
}

/** Every non-empty category and topic round, in the content's own order. */
export function listQuizSets(tree: ContentTree, extra: readonly PlayableItem[] = []): { categories: QuizSetSummary[]; topics: QuizSetSummary[] } {
  const summarize = (set: QuizSet | null): QuizSetSummary[] =>
    set && set.items.length > 0 && set.slug
      ? [{ kind: set.kind, slug: set.slug, title: set.title, summary: set.summary, count: set.items.length, href: quizHref(set.kind, set.slug) }]
      : [];
  return {
    categories: tree.categories.flatMap((c) => summarize(categorySet(tree, c.slug, extra))),
    topics: tree.topics.flatMap((t) => summarize(topicSet(tree, t.slug, extra))),
  };
}
