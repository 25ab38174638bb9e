// The progress journey end to end: quiz → dashboard → review → sign out and in, plus anonymous
// progress merging on sign-up and the API refusing other learners' records.
import { expect, test, type Page } from "@playwright/test";
import { loadContent } from "@/lib/content/load";
import { loadScenarios } from "@/lib/labs/load";
import { predictItemsFrom } from "@/lib/progress/predict-items";
import type { PlayableItem } from "@/lib/progress/quiz-items";
import { listQuizSets } from "@/lib/progress/quiz-sets";
import { scrambledOrder } from "@/lib/progress/shuffle";
import { expectNoSeriousA11yViolations } from "./helpers/axe";
import { signIn, signUp, uniqueEmail } from "./helpers/accounts";

const tree = loadContent();
const cards = new Set(tree.questions.map((q) => q.slug));
const predictItems = predictItemsFrom(loadScenarios(undefined, { cards }), (s) => cards.has(s));
const allItems: PlayableItem[] = [...tree.quizzes.flatMap((q) => q.items), ...predictItems];
// The shortest category round keeps the journey quick.
const round = [...listQuizSets(tree, predictItems).categories].sort((a, b) => a.count - b.count).find((s) => s.count >= 3)!;
const cardTitle = (slug: string) => tree.questions.find((q) => q.slug === slug)?.title ?? slug;

/** Answers the question on screen, keyboard only: right, or wrong when `miss` is set. */
async function answer(page: Page, miss: boolean): Promise<PlayableItem> {
  const legend = (await page.locator("form legend").innerText()).replace(/\s+/g, " ");
  const item = allItems.find((i) => legend.includes(i.prompt.replace(/\s+/g, " ")));
  expect(item, `no content item matches "${legend}"`).toBeDefined();
  const it = item!;
  if (it.type === "ordering") {
    let order = scrambledOrder(it.options.length, it.id);
    const target = miss ? order : it.options.map((_, i) => i);
    for (let position = 0; position < target.length && !miss; position++) {
      const from = order.indexOf(target[position]!);
      const text = it.options[target[position]!]!.text;
      for (let step = from; step > position; step--) {
        await page.getByRole("button", { name: `Move “${text}” up` }).focus();
        await page.keyboard.press("Enter");
      }
      order = [...order.slice(0, position), target[position]!, ...order.slice(position).filter((x) => x !== target[position])];
    }
  } else {
    const wanted = it.options.flatMap((o, i) => (miss ? (!o.correct ? [i] : []) : o.correct ? [i] : []));
    const picks = it.type === "multiple" || !miss ? wanted : wanted.slice(0, 1);
    for (const i of miss ? picks.slice(0, 1) : picks) {
      await page.getByRole(it.type === "multiple" ? "checkbox" : "radio", { name: it.options[i]!.text, exact: true }).focus();
      await page.keyboard.press("Space");
    }
  }
  await page.getByRole("button", { name: "Check answer" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: miss ? "✗ Not quite" : "✓ Correct" })).toBeVisible();
  return it;
}

/** Plays a whole round, missing the first question; returns the missed item and the right ones. */
async function playRound(page: Page, checkA11y = false) {
  const total = Number((await page.getByText(/^Question 1 of \d+$/).innerText()).match(/of (\d+)/)![1]);
  const right: PlayableItem[] = [];
  let missed: PlayableItem | undefined;
  for (let n = 1; n <= total; n++) {
    await expect(page.getByText(`Question ${n} of ${total}`, { exact: true })).toBeVisible();
    const item = await answer(page, n === 1);
    if (n === 1) missed = item;
    else right.push(item);
    if (checkA11y && n === 1) await expectNoSeriousA11yViolations(page);
    const next = page.getByRole("button", { name: n === total ? "See your score" : "Next question" });
    await expect(next).toBeFocused();
    await page.keyboard.press("Enter");
  }
  await expect(page.getByRole("heading", { name: `You scored ${total - 1} of ${total}`, exact: false })).toBeVisible();
  return { missed: missed!, right, total };
}

function expectedKnown(missed: PlayableItem, right: PlayableItem[]) {
  return new Set(right.map((i) => i.card).filter((c) => c !== missed.card)).size;
}

async function masteryRow(page: Page, title: string) {
  const figure = page.getByRole("figure", { name: "Mastery by category" });
  await figure.getByText("Show the numbers").click();
  return figure.getByRole("row").filter({ has: page.getByRole("cell", { name: title, exact: true }) });
}

test.describe("progress", () => {
  test("sign up → quiz → mastery changes → missed card is due → rate it → sign out and in → all still there", async ({ page }) => {
    const email = uniqueEmail("progress");
    await signUp(page, email);
    await expect(page.getByRole("heading", { name: "No progress yet" })).toBeVisible();

    await page.goto(round.href);
    const { missed, right } = await playRound(page, true);
    await expect(page.getByText("Saved to your account.")).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Retry only the miss, and get it right this time.
    await page.getByRole("button", { name: "Retry only what I missed (1)" }).click();
    await expect(page.getByText("Retrying the 1 you missed")).toBeVisible();
    await answer(page, false);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "You scored 1 of 1 (100%)" })).toBeVisible();
    await expect(page.getByText("Saved to your account.")).toBeVisible();

    await page.goto("/dashboard");
    const known = expectedKnown(missed, right);
    const row = await masteryRow(page, round.title);
    await expect(row.getByRole("cell").nth(1)).toHaveText(String(known));
    await expect(row.getByRole("cell").nth(2)).toHaveText("1");
    await expect(page.getByText("Due for review", { exact: true }).locator("..")).toContainText("1");
    await expect(page.getByRole("link", { name: "Review 1 due card" })).toBeVisible();
    await expect(page.getByText("Quiz rounds", { exact: true }).locator("..")).toContainText("2");
    await expect(page.getByText("Streak", { exact: true }).locator("..")).toContainText("1 day");
    await expect(page.getByRole("figure", { name: "Quiz score trend" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.goto("/review");
    await expect(page.getByRole("heading", { name: cardTitle(missed.card) })).toBeVisible();
    await page.getByRole("button", { name: "Show answer" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Short answer" })).toBeFocused();
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press("3");
    await expect(page.getByText(/Rated “Good”: back in 10 minutes/)).toBeVisible();
    await expect(page.getByRole("heading", { name: "All caught up: 1 reviewed" })).toBeVisible();
    await expect(page.getByText(/Next card due in 10 minutes/)).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await signIn(page, email);
    await expect(page).toHaveURL(/\/dashboard$/);
    const again = await masteryRow(page, round.title);
    await expect(again.getByRole("cell").nth(1)).toHaveText(String(known));
    await expect(page.getByText("Quiz rounds", { exact: true }).locator("..")).toContainText("2");
    await expect(page.getByText("Quiz rounds", { exact: true }).locator("..")).toContainText("1 review rated.");
    await expect(page.getByText("Due for review", { exact: true }).locator("..")).toContainText(/Next in 10 minutes|Next in 9 minutes/);

    await page.goto("/review");
    await expect(page.getByRole("heading", { name: "Nothing is due right now" })).toBeVisible();
    await expect(page.getByText(/Next card due in (9|10) minutes/)).toBeVisible();
  });

  test("progress made signed out moves into the new account once, nothing lost, nothing counted twice", async ({ page }) => {
    await page.goto(round.href);
    await expect(page.getByText("You are not signed in, so results stay in this browser.")).toBeVisible();
    const { missed } = await playRound(page);
    await expect(page.getByText("Saved in this browser.")).toBeVisible();

    await page.goto("/review");
    await expect(page.getByRole("heading", { name: cardTitle(missed.card) })).toBeVisible();
    await page.getByRole("button", { name: "Show answer" }).click();
    await page.keyboard.press("1");
    await expect(page.getByText(/Rated “Again”: back in 1 minute/)).toBeVisible();

    await signUp(page, uniqueEmail("merge"));
    await expect(page.getByText("Moved 1 quiz result, 1 review from this browser into your account.")).toBeVisible();
    await expect(page.getByText("Quiz rounds", { exact: true }).locator("..")).toContainText("1");
    await expect(page.getByText("Quiz rounds", { exact: true }).locator("..")).toContainText("1 review rated.");
    expect(await page.evaluate(() => localStorage.getItem("layerlab.progress.v1"))).toContain('"attempts":[]');

    await page.reload();
    await expect(page.getByText("Quiz rounds", { exact: true }).locator("..")).toContainText("1");
    await expect(page.getByText("Quiz rounds", { exact: true }).locator("..")).toContainText("1 review rated.");
  });

  test("the progress API refuses strangers, other learners' ids and bad input", async ({ page }) => {
    expect((await page.request.post("/api/quiz-attempts", { data: {} })).status()).toBe(401);
    expect((await page.request.get("/api/review")).status()).toBe(401);

    await signUp(page, uniqueEmail("owner"));
    await page.goto(round.href);
    await playRound(page);
    await expect(page.getByText("Saved to your account.")).toBeVisible();
    const [mine] = ((await (await page.request.get("/api/quiz-attempts")).json()) as { attempts: Array<{ id: string }> }).attempts;
    expect((await page.request.get(`/api/quiz-attempts/${mine!.id}`)).status()).toBe(200);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await signUp(page, uniqueEmail("stranger"));
    const foreign = await page.request.get(`/api/quiz-attempts/${mine!.id}`);
    expect(foreign.status()).toBe(403);
    expect((await foreign.json()).error.code).toBe("FORBIDDEN");

    const bad = await page.request.post("/api/review/ratings", { data: { id: "nope", card: "x", rating: 9, reviewedAt: "yesterday", timeZone: "Mars/Base" } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: "INVALID_INPUT", field: "id" });
  });
});
