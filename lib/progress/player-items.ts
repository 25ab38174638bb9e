// Turns content items into what the browser plays: card titles for the "study this card" link,
// a scrambled start for ordering items, and the lab scenario when one exists to run.
import type { ContentTree } from "@/lib/content/load";
import type { PlayableItem, PlayerItem } from "./quiz-items";
import { scrambledOrder } from "./shuffle";

export function scenarioHref(slug: string, step?: string): string {
  return `/labs/${slug}${step ? `?step=${encodeURIComponent(step)}` : ""}`;
}

export function toPlayerItems(tree: ContentTree, items: readonly PlayableItem[]): PlayerItem[] {
  const cards = new Map(tree.questions.map((q) => [q.slug, q]));
  const scenarios = new Set(tree.scenarios);
  return items.map((item) => {
    const card = cards.get(item.card);
    // A prediction names its scenario; any other item borrows its card's. Either is shown only
    // once content/labs has it, so no link ever leads to a missing lab.
    const slug = item.type === "predict" ? item.scenario : card?.scenario;
    const step = item.type === "predict" ? item.step : undefined;
    const scenario = slug && scenarios.has(slug) ? { slug, step, href: scenarioHref(slug, step) } : undefined;
    return {
      id: item.id,
      type: item.type,
      prompt: item.prompt,
      card: item.card,
      cardTitle: card?.title ?? item.card,
      options: item.options.map((o) => ({ text: o.text, correct: o.correct, explanation: o.explanation })),
      startOrder: item.type === "ordering" ? scrambledOrder(item.options.length, item.id) : undefined,
      scenario,
    };
  });
}
