import { describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { calendarCells } from "@/lib/progress/activity-calendar";
import type { CardStatus } from "@/lib/progress/card-state";
import { categoryGroups, masteryOf } from "@/lib/progress/mastery";
import { recommendNext } from "@/lib/progress/recommend";

describe("mastery", () => {
  it("counts known, learning and unseen cards per group", () => {
    const statuses = new Map<string, CardStatus>([
      ["a", "known"],
      ["b", "learning"],
    ]);
    expect(masteryOf([{ slug: "g", title: "G", cards: ["a", "b", "c", "d"] }, { slug: "empty", title: "E", cards: [] }], statuses)).toEqual([
      { slug: "g", title: "G", known: 1, learning: 1, new: 2, total: 4, percent: 25 },
    ]);
  });
});

describe("recommendation", () => {
  const tree = loadContent();
  const categories = (statuses: Map<string, CardStatus>) => masteryOf(categoryGroups(tree), statuses);

  it("sends the learner to review first when cards are due", () => {
    const statuses = new Map<string, CardStatus>();
    expect(recommendNext({ tree, statuses, categories: categories(statuses), dueNow: 2, startedScenarios: new Set() })).toMatchObject({ kind: "review", href: "/review" });
  });

  it("otherwise suggests the first unseen card of the least-mastered category", () => {
    // Without labs, so the card itself is the suggestion rather than its scenario.
    const noLabs = { ...tree, scenarios: [] };
    const first = tree.categories[0]?.slug;
    const statuses = new Map<string, CardStatus>(tree.questions.filter((q) => q.category === first).map((q) => [q.slug, "known"]));
    const next = recommendNext({ tree: noLabs, statuses, categories: categories(statuses), dueNow: 0, startedScenarios: new Set() });
    expect(next.kind).toBe("card");
    const card = tree.questions.find((q) => next.href === `/questions/${q.slug}`);
    expect(card?.category).not.toBe(first);
    expect(statuses.has(card?.slug ?? "")).toBe(false);
  });

  it("offers the card's lab instead when its scenario exists and was not started", () => {
    const statuses = new Map<string, CardStatus>();
    const next = recommendNext({ tree, statuses, categories: categories(statuses), dueNow: 0, startedScenarios: new Set() });
    const card = tree.questions.find((q) => q.category === tree.categories[0]?.slug);
    expect(card?.scenario && tree.scenarios.includes(card.scenario)).toBeTruthy();
    expect(next).toMatchObject({ kind: "lab", href: `/labs/${card!.scenario}` });
  });

  it("suggests a mixed quiz once every card is known", () => {
    const statuses = new Map<string, CardStatus>(tree.questions.map((q) => [q.slug, "known"]));
    expect(recommendNext({ tree, statuses, categories: categories(statuses), dueNow: 0, startedScenarios: new Set() }).kind).toBe("quiz");
  });
});

describe("activity calendar", () => {
  it("lays out whole weeks ending with today's, shading by the busiest day", () => {
    const cells = calendarCells(
      new Map([
        ["2025-05-07", 8],
        ["2025-05-06", 2],
        ["2025-05-08", 99],
      ]),
      "2025-05-07",
      2,
    );
    expect(cells).toHaveLength(14);
    expect(cells[0]).toMatchObject({ date: "2025-04-27", week: 0, weekday: 0 });
    expect(cells.find((c) => c.date === "2025-05-07")).toMatchObject({ count: 8, level: 4, weekday: 3 });
    expect(cells.find((c) => c.date === "2025-05-06")).toMatchObject({ count: 2, level: 1 });
    expect(cells.find((c) => c.date === "2025-05-08")).toMatchObject({ future: true, count: 0, level: 0 });
  });
});
