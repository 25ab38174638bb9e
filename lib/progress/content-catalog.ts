import "server-only";
import { loadContent } from "@/lib/content/load";
import { loadScenarios } from "@/lib/labs/load";
import { buildCatalog, type Catalog } from "./catalog";
import { predictItemsFrom } from "./predict-items";

// Content only changes with a deploy, so the server reads and indexes it once per process.
let cached: Catalog | undefined;

export function contentCatalog(): Catalog {
  if (!cached) {
    const tree = loadContent();
    const cards = new Set(tree.questions.map((q) => q.slug));
    const scenarios = loadScenarios(undefined, { cards });
    cached = buildCatalog(tree, predictItemsFrom(scenarios, (slug) => cards.has(slug)));
  }
  return cached;
}
