import { expect, test } from "@playwright/test";
import { goodPassword, signIn, signUp, uniqueEmail } from "./helpers/accounts";

test.describe("accounts", () => {
  test("sign up → dashboard → sign out → sign in → wrong password shows the error", async ({ page }) => {
    const email = uniqueEmail("journey");
    await signUp(page, email);
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

    await signIn(page, email);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

    await signIn(page, email, "not the password 1");
    await expect(page.locator("form").getByRole("alert")).toHaveText("That email and password do not match an account.");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("a wrong password and an unknown email get the same message", async ({ page }) => {
    await signIn(page, uniqueEmail("nobody"), goodPassword);
    await expect(page.locator("form").getByRole("alert")).toHaveText("That email and password do not match an account.");
  });

  test("a duplicate email and a weak password are explained", async ({ page }) => {
    const email = uniqueEmail("dup");
    await signUp(page, email);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

    await page.goto("/signup");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(goodPassword);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.locator("form").getByRole("alert")).toContainText("An account with this email already exists");

    await page.getByLabel("Email").fill(uniqueEmail("weak"));
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.locator("form").getByRole("alert")).toContainText("That password is too weak");
    await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  });

  test("the dashboard and account API are refused when signed out", async ({ page, request }) => {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard/);
    const response = await request.get("/api/me");
    expect(response.status()).toBe(401);
    expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
  });

  test("the session cookie is httpOnly", async ({ page, context }) => {
    await signUp(page, uniqueEmail("cookie"));
    const session = (await context.cookies()).find((c) => c.name.includes("next-auth.session-token"));
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
  });

  test("sign-up rejects malformed bodies with a clear error", async ({ request }) => {
    const notJson = await request.post("/api/signup", { data: Buffer.from("{"), headers: { "content-type": "application/json" } });
    expect(notJson.status()).toBe(400);
    expect((await notJson.json()).error.code).toBe("INVALID_JSON");
    const badEmail = await request.post("/api/signup", { data: { email: "not-an-email", password: goodPassword } });
    expect(badEmail.status()).toBe(400);
    expect((await badEmail.json()).error).toMatchObject({ code: "INVALID_INPUT", field: "email" });
  });
});
