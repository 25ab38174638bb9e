import { describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { toPlayerItems } from "@/lib/progress/player-items";
import { predictItemsFrom } from "@/lib/progress/predict-items";
import { predictItemSchema } from "@/lib/progress/quiz-items";
import { categorySet, listQuizSets, mixedSet, topicSet } from "@/lib/progress/quiz-sets";
import { isCorrect, responseProblem, scoreOf, type GradableItem } from "@/lib/progress/scoring";
import { scrambledOrder, seededRandom } from "@/lib/progress/shuffle";

const opt = (correct: boolean) => ({ correct });
const single: GradableItem = { type: "single", options: [opt(false), opt(true), opt(false)] };
const multiple: GradableItem = { type: "multiple", options: [opt(true), opt(false), opt(true), opt(false)] };
const trueFalse: GradableItem = { type: "true-false", options: [opt(false), opt(true)] };
const ordering: GradableItem = { type: "ordering", options: [opt(false), opt(false), opt(false), opt(false)] };

describe("grading", () => {
  it("single and true/false: exactly the correct option", () => {
    expect(isCorrect(single, { kind: "choice", selected: [1] })).toBe(true);
    expect(isCorrect(single, { kind: "choice", selected: [0] })).toBe(false);
    expect(isCorrect(trueFalse, { kind: "choice", selected: [1] })).toBe(true);
    expect(isCorrect(trueFalse, { kind: "choice", selected: [0] })).toBe(false);
  });

  it("multiple: all correct options and nothing else (no partial credit)", () => {
    expect(isCorrect(multiple, { kind: "choice", selected: [2, 0] })).toBe(true);
    expect(isCorrect(multiple, { kind: "choice", selected: [0] })).toBe(false);
    expect(isCorrect(multiple, { kind: "choice", selected: [0, 1, 2] })).toBe(false);
  });

  it("ordering: the listed order is the answer", () => {
    expect(isCorrect(ordering, { kind: "order", order: [0, 1, 2, 3] })).toBe(true);
    expect(isCorrect(ordering, { kind: "order", order: [1, 0, 2, 3] })).toBe(false);
  });

  it("refuses responses that cannot be graded, and grades them wrong", () => {
    expect(responseProblem(single, { kind: "choice", selected: [] })).toMatch(/choose/);
    expect(responseProblem(single, { kind: "choice", selected: [0, 1] })).toMatch(/exactly one/);
    expect(responseProblem(single, { kind: "choice", selected: [7] })).toMatch(/does not exist/);
    expect(responseProblem(multiple, { kind: "choice", selected: [0, 0] })).toMatch(/twice/);
    expect(responseProblem(ordering, { kind: "order", order: [0, 1, 1, 3] })).toMatch(/exactly once/);
    expect(responseProblem(ordering, { kind: "choice", selected: [0] })).toMatch(/order/);
    expect(responseProblem(single, { kind: "order", order: [0, 1, 2] })).toMatch(/chosen/);
    expect(isCorrect(ordering, { kind: "order", order: [0, 1, 2] })).toBe(false);
  });

  it("scores a round as whole percent, an empty round as 0", () => {
    expect(scoreOf([true, false, true])).toEqual({ score: 2, total: 3, percent: 67 });
    expect(scoreOf([])).toEqual({ score: 0, total: 0, percent: 0 });
  });
});

describe("ordering items start scrambled, the same way on server and browser", () => {
  it("is never the answer and is stable per item id", () => {
    for (let n = 2; n <= 7; n++) {
      for (const id of ["a", "tls-steps", "handshake-order", "x-1", "y-2"]) {
        const order = scrambledOrder(n, id);
        expect([...order].sort()).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(order.some((v, i) => v !== i)).toBe(true);
        expect(scrambledOrder(n, id)).toEqual(order);
      }
    }
  });
});

describe("quiz rounds from the real content", () => {
  const tree = loadContent();

  it("category rounds hold the items whose card is in the category", () => {
    const cards = new Map(tree.questions.map((q) => [q.slug, q.category]));
    for (const summary of listQuizSets(tree).categories) {
      const set = categorySet(tree, summary.slug);
      expect(set?.items.length).toBeGreaterThan(0);
      for (const item of set?.items ?? []) expect(cards.get(item.card)).toBe(summary.slug);
    }
    expect(categorySet(tree, "no-such-category")).toBeNull();
  });

  it("topic rounds hold items about the topic's related cards", () => {
    const topic = tree.topics.find((t) => t.related.length > 0);
    if (!topic) return;
    const set = topicSet(tree, topic.slug);
    for (const item of set?.items ?? []) expect(topic.related).toContain(item.card);
  });

  it("mixed rounds draw distinct items from every bank", () => {
    const set = mixedSet(tree, 10, seededRandom(42));
    expect(set.items).toHaveLength(10);
    expect(new Set(set.items.map((i) => i.id)).size).toBe(10);
  });

  it("links a lab only when the scenario exists", () => {
    const card = tree.questions.find((q) => q.scenario);
    const item = tree.quizzes.flatMap((q) => q.items).find((i) => i.card === card?.slug);
    if (!card?.scenario || !item) return;
    expect(toPlayerItems({ ...tree, scenarios: [] }, [item])[0]?.scenario).toBeUndefined();
    expect(toPlayerItems({ ...tree, scenarios: [card.scenario] }, [item])[0]?.scenario?.href).toBe(`/labs/${card.scenario}`);
  });
});

describe("predict, then run items", () => {
  const predict = {
    id: "predict-sticky-failover",
    type: "predict" as const,
    prompt: "The sticky backend dies. Where does the next request with the cookie go?",
    card: "sticky-session-failover",
    scenario: "sticky-sessions",
    step: "kill-backend",
    options: [
      { text: "To another healthy backend", correct: true, explanation: "The balancer re-picks when the pinned endpoint is down." },
      { text: "It fails with 503", explanation: "Only if no healthy endpoint is left in the cluster." },
    ],
  };

  it("validates the proposed shape and needs exactly one verified outcome", () => {
    expect(predictItemSchema.safeParse(predict).success).toBe(true);
    const twoCorrect = { ...predict, options: predict.options.map((o) => ({ ...o, correct: true })) };
    expect(predictItemSchema.safeParse(twoCorrect).success).toBe(false);
  });

  it("plays like single choice and links its own scenario step", () => {
    const item = predictItemSchema.parse(predict);
    expect(isCorrect(item, { kind: "choice", selected: [0] })).toBe(true);
    const tree = loadContent();
    const [player] = toPlayerItems({ ...tree, scenarios: ["sticky-sessions"] }, [item]);
    expect(player?.scenario).toEqual({ slug: "sticky-sessions", step: "kill-backend", href: "/labs/sticky-sessions?step=kill-backend" });
  });
});

describe("predict items come from lab scenario steps", () => {
  const scenario = {
    slug: "path-routing",
    title: "Route by path",
    steps: [
      {
        id: "route-by-path",
        title: "Route by path at L7",
        prediction: {
          question: "Request 2 asks for /api/orders. Which endpoints can serve it?",
          card: "path-based-routing",
          choices: [
            { text: "Only orders-1 or orders-2", correct: true, why: "The /api/orders route points at the orders cluster." },
            { text: "Any endpoint", correct: false, why: "Only an L4 listener would ignore the path." },
          ],
        },
      },
      { id: "no-prediction", title: "Just look" },
      { id: "no-card", title: "Guess", prediction: { question: "What happens next, do you think?", choices: [] } },
    ],
  };

  it("turns each step prediction with a known card into a valid predict item", () => {
    const items = predictItemsFrom([scenario], (slug) => slug === "path-based-routing");
    expect(items).toHaveLength(1);
    expect(predictItemSchema.parse(items[0])).toMatchObject({
      id: "predict-path-routing-route-by-path",
      card: "path-based-routing",
      scenario: "path-routing",
      step: "route-by-path",
      options: [{ explanation: "The /api/orders route points at the orders cluster." }, { correct: false }],
    });
    expect(items[0]?.prompt).toContain("Route by path at L7");
    expect(predictItemsFrom([scenario], () => false)).toEqual([]);
  });

  it("puts predict items into the rounds of their card's category and topics", () => {
    const tree = loadContent();
    const card = tree.questions.find((q) => tree.topics.some((t) => t.related.includes(q.slug)));
    if (!card) return;
    const items = predictItemsFrom([{ ...scenario, steps: [{ ...scenario.steps[0]!, prediction: { ...scenario.steps[0]!.prediction!, card: card.slug } }] }], () => true);
    expect(categorySet(tree, card.category, items)?.items.map((i) => i.id)).toContain(items[0]?.id);
    const topic = tree.topics.find((t) => t.related.includes(card.slug));
    expect(topicSet(tree, topic!.slug, items)?.items.map((i) => i.id)).toContain(items[0]?.id);
  });
});
