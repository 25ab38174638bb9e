// The one next step the dashboard suggests. Order of priority: cards due for review (forgetting
// is the most urgent), then the first unseen card of the least-mastered category, offered as
// its lab when the card links a scenario the learner has not started, then a mixed quiz.
import type { ContentTree } from "@/lib/content/load";
import type { CardStatus } from "./card-state";
import type { Mastery } from "./mastery";
import { scenarioHref } from "./player-items";

export interface Recommendation {
  kind: "review" | "card" | "lab" | "quiz";
  title: string;
  href: string;
  reason: string;
}

export interface RecommendInput {
  tree: ContentTree;
  statuses: ReadonlyMap<string, CardStatus>;
  categories: readonly Mastery[];
  dueNow: number;
  startedScenarios: ReadonlySet<string>;
}

export function recommendNext({ tree, statuses, categories, dueNow, startedScenarios }: RecommendInput): Recommendation {
  if (dueNow > 0) {
    return { kind: "review", title: `Review ${dueNow} due ${dueNow === 1 ? "card" : "cards"}`, href: "/review", reason: "Reviewing just before you would forget is the cheapest way to keep what you learned." };
  }
  // Stable sort keeps the content's own order among equally mastered categories.
  const weakest = [...categories].filter((c) => c.known < c.total).sort((a, b) => a.percent - b.percent);
  const scenarios = new Set(tree.scenarios);
  for (const category of weakest) {
    const card = tree.questions.find((q) => q.category === category.slug && (statuses.get(q.slug) ?? "new") === "new");
    if (!card) continue;
    const reason = `${category.title} is your least-mastered category (${category.known} of ${category.total} cards known).`;
    if (card.scenario && scenarios.has(card.scenario) && !startedScenarios.has(card.scenario)) {
      return { kind: "lab", title: `Run the ${card.scenario.replaceAll("-", " ")} lab`, href: scenarioHref(card.scenario), reason };
    }
    return { kind: "card", title: card.title, href: `/questions/${card.slug}`, reason };
  }
  const learning = tree.questions.find((q) => statuses.get(q.slug) === "learning");
  if (learning) return { kind: "card", title: learning.title, href: `/questions/${learning.slug}`, reason: "You are still learning this card; reread it before it comes up for review." };
  return { kind: "quiz", title: "Take a mixed quiz", href: "/quizzes/mixed", reason: "You know every card; a mixed round keeps them fresh." };
}
