import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers/axe";
import { signUp, uniqueEmail } from "./helpers/accounts";

const publicPages = ["/", "/learn", "/quizzes", "/labs", "/review", "/signin", "/signup"];

test.describe("the shell", () => {
  for (const path of publicPages) {
    test(`${path} passes an accessibility scan`, async ({ page }) => {
      await page.goto(path);
      await expect(page.locator("main h1").first()).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });
  }

  test("the dashboard passes an accessibility scan when signed in", async ({ page }) => {
    await signUp(page, uniqueEmail("a11y"));
    await expectNoSeriousA11yViolations(page);
  });

  test("every page fits a phone without sideways scrolling", async ({ page }) => {
    for (const path of publicPages) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} overflows horizontally`).toBeLessThanOrEqual(0);
    }
  });

  test("the header navigation reaches every section by keyboard", async ({ page, isMobile }) => {
    await page.goto("/");
    if (isMobile) {
      const menu = page.getByRole("button", { name: "Menu" });
      await menu.focus();
      await page.keyboard.press("Enter");
      await expect(menu).toHaveAttribute("aria-expanded", "true");
    }
    for (const label of ["Learn", "Quizzes", "Labs", "Review", "Dashboard"]) {
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label }).last()).toBeVisible();
    }
    const learn = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Learn" }).last();
    await learn.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/learn$/);
  });

  test("the theme follows the system, then remembers the learner's choice", async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: "dark" });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.getByRole("button", { name: "Switch to light theme" }).click();
    await expect(page.locator("html")).not.toHaveClass(/dark/);
    await page.reload();
    await expect(page.locator("html")).not.toHaveClass(/dark/);
    await context.close();
  });

  test("the skip link moves focus to the main content", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
  });
});
