import "server-only";
import { loadContent, type ContentTree, type QuestionCard } from "./load";

// Content is read from disk once per process (each build worker); a broken file throws a
// ContentError that names the file, the field and the problem, which fails `next build`.
let tree: ContentTree | undefined;
export function content(): ContentTree {
  tree ??= loadContent();
  return tree;
}

export function questionBySlug(slug: string) {
  return content().questions.find((q) => q.slug === slug);
}

export function topicBySlug(slug: string) {
  return content().topics.find((t) => t.slug === slug);
}

export function categoryBySlug(slug: string) {
  return content().categories.find((c) => c.slug === slug);
}

export function tagBySlug(slug: string) {
  return content().tags.find((t) => t.slug === slug);
}

export function questionsInCategory(category: string): QuestionCard[] {
  return content().questions.filter((q) => q.category === category);
}

/** The cards before and after this one in its category's reading order. */
export function neighbours(card: QuestionCard): { previous?: QuestionCard; next?: QuestionCard } {
  const list = questionsInCategory(card.category);
  const i = list.findIndex((q) => q.slug === card.slug);
  return { previous: i > 0 ? list[i - 1] : undefined, next: i >= 0 ? list[i + 1] : undefined };
}

export function tagTitle(slug: string): string {
  return tagBySlug(slug)?.title ?? slug;
}
