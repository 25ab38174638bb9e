import { expect, test } from "@playwright/test";
import { loadContent } from "../../lib/content/load";
import { expectNoSeriousA11yViolations } from "./helpers/axe";

const tree = loadContent();

test.describe("study content", () => {
  test("a card shows the short answer first and the deep dive behind 'Go deeper'", async ({ page }) => {
    const card = tree.questions.find((q) => q.slug === "l4-vs-l7-load-balancer");
    expect(card).toBeDefined();
    await page.goto("/questions/l4-vs-l7-load-balancer");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(card!.title);
    await expect(page.getByRole("region", { name: "The 30-second answer" })).toContainText(card!.shortAnswer.slice(0, 60));

    const toggle = page.getByRole("button", { name: "Go deeper" });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    const firstHeading = page.locator(".prose-layerlab h2").first();
    await expect(firstHeading).toBeHidden();
    await toggle.click();
    await expect(page.getByRole("button", { name: "Hide the deep dive" })).toHaveAttribute("aria-expanded", "true");
    await expect(firstHeading).toBeVisible();

    const related = tree.questions.find((q) => q.slug === card!.related[0]);
    await page.getByRole("region", { name: "Related questions" }).getByRole("link", { name: related!.title }).click();
    await expect(page).toHaveURL(new RegExp(`/questions/${related!.slug}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(related!.title);
  });

  test("search for 'sticky' reaches the card by keyboard only", async ({ page }) => {
    await page.goto("/learn");
    const box = page.getByRole("combobox", { name: "Search questions and deep dives" });
    // The shortcut works once the page has hydrated; a key pressed before that does nothing.
    await expect(async () => {
      if (!(await box.isVisible())) await page.keyboard.press("/");
      await expect(box).toBeFocused({ timeout: 500 });
    }).toPass({ timeout: 10_000 });
    await page.keyboard.type("sticky");
    const options = page.getByRole("option");
    await expect(options.first()).toBeVisible();
    const titles = await options.locator("span.font-medium").allTextContents();
    const wanted = tree.questions.find((q) => q.slug === "sticky-sessions-l4-vs-l7")!.title;
    const target = titles.indexOf(wanted);
    expect(target, `results were: ${titles.join(" | ")}`).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < target; i += 1) await page.keyboard.press("ArrowDown");
    await expect(options.nth(target)).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/questions\/sticky-sessions-l4-vs-l7$/);
  });

  test("Ctrl-K opens search from any page and Escape closes it", async ({ page }) => {
    await page.goto("/");
    const dialog = page.getByRole("dialog", { name: "Search LayerLab" });
    await expect(async () => {
      if (!(await dialog.isVisible())) await page.keyboard.press("Control+k");
      await expect(dialog).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 10_000 });
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog", { name: "Search LayerLab" })).toBeHidden();
  });

  test("a topic page has a table of contents that jumps to its sections", async ({ page }) => {
    const topic = tree.topics[0]!;
    await page.goto(`/topics/${topic.slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(topic.title);
    const toc = page.getByRole("navigation", { name: "On this page" }).filter({ visible: true });
    const firstEntry = toc.getByRole("link").first();
    const href = await firstEntry.getAttribute("href");
    await firstEntry.click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    await expect(page.locator(`[id="${href!.slice(1)}"]`)).toBeInViewport();
  });

  test("every card, topic, category and tag page is built", async ({ request }) => {
    const paths = [
      ...tree.questions.map((q) => `/questions/${q.slug}`),
      ...tree.topics.map((t) => `/topics/${t.slug}`),
      ...tree.categories.map((c) => `/categories/${c.slug}`),
      ...tree.tags.map((t) => `/tags/${t.slug}`),
    ];
    for (const path of paths) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
    }
    expect((await request.get("/questions/no-such-card")).status()).toBe(404);
  });

  test("a card page and a topic page pass an accessibility scan", async ({ page }) => {
    await page.goto("/questions/tls-termination-vs-passthrough");
    await page.getByRole("button", { name: "Go deeper" }).click();
    await expectNoSeriousA11yViolations(page);
    await page.goto(`/topics/${tree.topics[0]!.slug}`);
    await expectNoSeriousA11yViolations(page);
    await page.goto("/learn");
    await expectNoSeriousA11yViolations(page);
  });
});
