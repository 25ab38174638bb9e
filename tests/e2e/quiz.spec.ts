// The quiz player on its own: ordering by keyboard, feedback for chosen and correct options,
// accessibility and a phone-sized screen. Signed out, so results stay in the browser.
import { expect, test, type Page } from "@playwright/test";
import { loadContent } from "@/lib/content/load";
import { categorySet, quizHref } from "@/lib/progress/quiz-sets";
import { scrambledOrder } from "@/lib/progress/shuffle";
import { expectNoSeriousA11yViolations } from "./helpers/axe";

const tree = loadContent();
// The category round whose first ordering item comes earliest, but not first: arriving on a
// later question also shows that focus moves to it.
const candidates = tree.categories.flatMap((c) => {
  const set = categorySet(tree, c.slug);
  const index = set?.items.findIndex((i) => i.type === "ordering") ?? -1;
  return set && index >= 0 ? [{ set, index, item: set.items[index]! }] : [];
});
const target = candidates.sort((a, b) => a.index - b.index).find((c) => c.index > 0) ?? candidates[0]!;

/** Skips ahead by choosing the first option of each earlier question, keyboard only. */
async function skipTo(page: Page, index: number) {
  for (let n = 0; n < index; n++) {
    const first = page.locator("form input").first();
    if (await first.count()) {
      await first.focus();
      await page.keyboard.press("Space");
    }
    await page.getByRole("button", { name: "Check answer" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Next question" })).toBeFocused();
    await page.keyboard.press("Enter");
  }
}

test.describe("quiz player", () => {
  test("an ordering item is put right with the keyboard alone, and the feedback explains every step", async ({ page }) => {
    await page.goto(quizHref("category", target.set.slug));
    await skipTo(page, target.index);
    const { item } = target;
    await expect(page.locator("form legend")).toContainText(item.prompt.slice(0, 40));
    if (target.index > 0) await expect(page.locator("form legend")).toBeFocused();

    let order = scrambledOrder(item.options.length, item.id);
    for (let position = 0; position < order.length; position++) {
      const from = order.indexOf(position);
      const text = item.options[position]!.text;
      for (let step = from; step > position; step--) {
        if (step === from) await page.getByRole("button", { name: `Move “${text}” up` }).focus();
        await page.keyboard.press("Enter");
        await expect(page.getByText(`Moved “${text}” to position ${step} of ${order.length}.`)).toBeAttached();
        // Focus follows the step so Enter keeps moving it; at the top it moves to the step's other button.
        await expect(page.getByRole("button", { name: step - 1 === 0 ? `Move “${text}” down` : `Move “${text}” up` })).toBeFocused();
      }
      order = [...order.slice(0, position), position, ...order.slice(position).filter((x) => x !== position)];
    }
    await page.getByRole("button", { name: "Check answer" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "✓ Correct" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "The right order, and why" })).toBeVisible();
    for (const option of item.options) await expect(page.getByText(option.explanation.trim().slice(0, 60))).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("a wrong choice shows why it is wrong and why the right one is right; the round fits a phone", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    const set = categorySet(tree, target.set.slug!)!;
    const first = set.items[0]!;
    await page.goto(quizHref("category", set.slug));
    if (first.type === "ordering") {
      await page.getByRole("button", { name: "Check answer" }).click();
    } else {
      const wrong = first.options.findIndex((o) => !o.correct);
      await page.getByRole(first.type === "multiple" ? "checkbox" : "radio", { name: first.options[wrong]!.text, exact: true }).check();
      await page.getByRole("button", { name: "Check answer" }).click();
      await expect(page.getByText("Your answer:", { exact: false }).first()).toBeVisible();
      await expect(page.getByText(first.options[wrong]!.explanation.trim().slice(0, 60))).toBeVisible();
      const right = first.options.find((o) => o.correct)!;
      await expect(page.getByText(right.explanation.trim().slice(0, 60))).toBeVisible();
    }
    await expect(page.getByRole("heading", { name: "✗ Not quite" })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(page);
  });

  test("checking without an answer says what to do instead of grading", async ({ page }) => {
    const set = tree.categories.map((c) => categorySet(tree, c.slug)!).find((s) => s.items[0] && s.items[0].type !== "ordering")!;
    await page.goto(quizHref("category", set.slug));
    await page.getByRole("button", { name: "Check answer" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(/Choose (an option|at least one option), then check\./);
    await expect(page.getByText("Question 1 of", { exact: false })).toBeVisible();
  });

  test("unknown rounds are 404 and the index lists every round", async ({ page }) => {
    expect((await page.goto("/quizzes/category/no-such-category"))?.status()).toBe(404);
    await page.goto("/quizzes");
    await expect(page.getByRole("link", { name: /Mixed practice/ })).toBeVisible();
    for (const c of tree.categories.filter((c) => (categorySet(tree, c.slug)?.items.length ?? 0) > 0)) {
      await expect(page.getByRole("link", { name: new RegExp(`^${c.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) })).toBeVisible();
    }
    await page.getByRole("link", { name: /Mixed practice/ }).click();
    await expect(page.getByText("Question 1 of 10")).toBeVisible();
  });
});
