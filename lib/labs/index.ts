import "server-only";
import { cache } from "react";
import { content } from "@/lib/content";
import path from "node:path";
import { defaultLabsDir, loadScenarios, type Scenario } from "./load";

// Scenarios are read once per build worker, after the rest of the content (so a card a
// prediction names must exist). Any problem throws and fails `next build`.
// LAYERLAB_LAB_DRAFTS=1 also serves content/labs/drafts/ (writers preview unfinished scenarios
// there without tripping the content check's "every named scenario exists" rule).
let scenarios: Scenario[] | undefined;
export const allScenarios = cache((): Scenario[] => {
  if (scenarios) return scenarios;
  const options = { cards: new Set(content().questions.map((q) => q.slug)) };
  const published = loadScenarios(defaultLabsDir, options);
  const drafts = process.env.LAYERLAB_LAB_DRAFTS === "1" ? loadScenarios(path.join(defaultLabsDir, "drafts"), options) : [];
  scenarios = [...published, ...drafts.filter((d) => !published.some((p) => p.slug === d.slug))].sort((a, b) => a.order - b.order);
  return scenarios;
});

export function scenarioBySlug(slug: string): Scenario | undefined {
  return allScenarios().find((s) => s.slug === slug);
}

export interface ScenarioBacklinks {
  cards: Array<{ slug: string; title: string }>;
  topics: Array<{ slug: string; title: string }>;
}

/** Every card and deep dive that names this scenario, so the lab page can link back. */
export function backlinksFor(slug: string): ScenarioBacklinks {
  const tree = content();
  return {
    cards: tree.questions.filter((q) => q.scenario === slug).map((q) => ({ slug: q.slug, title: q.title })),
    topics: tree.topics.filter((t) => t.scenarios.includes(slug)).map((t) => ({ slug: t.slug, title: t.title })),
  };
}
