import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers/axe";
import { signUp, uniqueEmail } from "./helpers/accounts";

// The live lab against the real engine (the e2e server starts it on 4199). Every test opens its
// own lab; leaving the page deletes it.

async function openLab(page: Page, slug: string, query = ""): Promise<string> {
  await page.goto(`/labs/${slug}${query}`);
  await expect(page.getByTestId("stream-status")).toHaveAttribute("data-status", "live", { timeout: 30_000 });
  const id = await page.getByTestId("lab-diagram").getAttribute("data-lab-id");
  expect(id).toMatch(/^lab_/);
  return id!;
}

async function count(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(testId).textContent())?.match(/\d+/)?.[0] ?? NaN);
}

/** Opens the inspector on request `n` of the newest run through `listener` (rows are newest first). */
async function inspect(page: Page, listener: string, n: number) {
  await page.getByRole("tab", { name: "Requests" }).click();
  const row = page.getByRole("row").filter({ hasText: listener }).filter({ has: page.getByRole("button", { name: new RegExp(`^Inspect request ${n} of run`) }) }).first();
  await row.getByRole("button").click();
  await expect(page.getByTestId("hop-client")).toContainText(`To listener${listener}`);
}

async function predictAndRun(page: Page, choice: string | null) {
  if (choice) {
    await page.getByLabel(choice).check();
    await page.getByRole("button", { name: "Lock in prediction" }).click();
  } else await page.getByRole("button", { name: "Skip the prediction" }).click();
  await page.getByRole("button", { name: "Run traffic" }).click();
}

test("path routing: requests reach the right endpoints; the inspector shows the path at L7 and only the 4-tuple at L4", async ({ page }) => {
  await openLab(page, "path-routing");
  await predictAndRun(page, "Only orders-1 or orders-2");
  await expect(page.getByTestId("step-done")).toBeVisible({ timeout: 15_000 });

  // The diagram: the users cluster picked four times and only users endpoints served them.
  await expect(page.getByTestId("cluster-picks-users")).toContainText("4");
  await expect(page.getByTestId("cluster-picks-orders")).toContainText("4");
  await expect(page.getByTestId("cluster-picks-everyone")).toContainText("0");
  await expect.poll(async () => (await count(page, "endpoint-requests-users-1")) + (await count(page, "endpoint-requests-users-2"))).toBe(4);
  await expect.poll(async () => (await count(page, "endpoint-requests-orders-1")) + (await count(page, "endpoint-requests-orders-2"))).toBe(4);

  await inspect(page, "edge-l7", 2);
  const l7 = page.getByTestId("hop-l7");
  await expect(l7).toContainText("GET /api/orders");
  await expect(l7).toContainText("orders-api (path-prefix) → cluster orders");
  await expect(page.getByTestId("hop-l4")).toContainText("Not on this path");

  // Step 2: the same mix through the L4 listener.
  await page.getByRole("button", { name: "Next step" }).click();
  await page.getByRole("tab", { name: "Traffic" }).click();
  await predictAndRun(page, "Wherever round robin points next — some land on a users endpoint");
  await expect(page.getByTestId("step-done")).toBeVisible({ timeout: 15_000 });
  await inspect(page, "edge-l4", 2);
  const l4 = page.getByTestId("hop-l4");
  await expect(l4).toContainText("L4 listener edge-l4");
  await expect(l4.locator('[data-field="4-tuple"] dd')).toHaveText(/^127\.0\.0\.\d+:\d+ → 127\.0\.0\.1:\d+$/);
  await expect(l4.locator('[data-field="Path"] dd')).toContainText("not visible");
  await expect(l4).not.toContainText("/api/orders");
  await expect(page.getByTestId("hop-l7")).toContainText("Not on this path");
  // The endpoint still received the path: L4 forwarded bytes it never read.
  await expect(page.getByTestId("hop-endpoint")).toContainText("GET /api/orders");
});

test("TLS modes: the lock ends at the L7 listener for terminate and at the endpoint for passthrough", async ({ page }) => {
  await openLab(page, "tls-modes");
  const encrypted = (id: string) => page.getByTestId(`edge-${id}`);
  // terminate: encrypted from the client to the listener, plain behind it.
  await expect(encrypted("client->listener:edge-terminate")).toHaveAttribute("data-encrypted", "true");
  await expect(encrypted("listener:edge-terminate->cluster:web")).toHaveAttribute("data-encrypted", "false");
  await expect(encrypted("cluster:web->endpoint:web-1")).toHaveAttribute("data-encrypted", "false");
  await expect(page.getByTestId("tls-ends-edge-terminate")).toContainText("TLS ends here");
  // passthrough: encrypted end to end; the endpoint ends TLS, not the listener.
  await expect(encrypted("client->listener:edge-passthrough")).toHaveAttribute("data-encrypted", "true");
  await expect(encrypted("listener:edge-passthrough->cluster:shop")).toHaveAttribute("data-encrypted", "true");
  await expect(encrypted("cluster:shop->endpoint:shop-tls")).toHaveAttribute("data-encrypted", "true");
  await expect(page.getByTestId("tls-ends-edge-passthrough")).toHaveCount(0);
  await expect(page.getByTestId("tls-ends-shop-tls")).toContainText("TLS ends here");
  await expect(page.getByTestId("lock-client->listener:edge-terminate")).toBeVisible();
  await expect(page.getByTestId("lock-cluster:web->endpoint:web-1")).toHaveCount(0);

  // And the real traffic agrees: decrypted at the listener, plain at the endpoint.
  await predictAndRun(page, null);
  await expect(page.getByTestId("run-summary")).toBeVisible({ timeout: 15_000 });
  await inspect(page, "edge-terminate", 1);
  await expect(page.getByTestId("hop-l7")).toContainText("TLS (terminated here)");
  await expect(page.getByTestId("hop-endpoint").locator('[data-field="Encrypted hop"] dd')).toHaveText(/^no/);
});

test("stopping an endpoint turns it unhealthy in both clusters; starting it brings it back", async ({ page }) => {
  await openLab(page, "health-check-mismatch");
  const tcpEdge = page.getByTestId("edge-cluster:pool-tcp->endpoint:app-1");
  const httpEdge = page.getByTestId("edge-cluster:pool-http->endpoint:app-1");
  await expect(httpEdge).toHaveAttribute("data-healthy", "true");
  await page.getByRole("tab", { name: "Faults" }).click();
  const faults = page.getByTestId("faults-app-1");
  await faults.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByTestId("health-app-1")).toHaveAttribute("data-health", "stopped");
  await expect(tcpEdge).toHaveAttribute("data-healthy", "false", { timeout: 10_000 });
  await expect(httpEdge).toHaveAttribute("data-healthy", "false", { timeout: 10_000 });
  await faults.getByRole("button", { name: "Start" }).click();
  await expect(tcpEdge).toHaveAttribute("data-healthy", "true", { timeout: 10_000 });
  await expect(httpEdge).toHaveAttribute("data-healthy", "true", { timeout: 10_000 });
  await expect(page.getByTestId("health-app-1")).toHaveAttribute("data-health", "healthy");
});

test("a dropped event stream reconnects and replays what it missed", async ({ page }) => {
  const labId = await openLab(page, "path-routing", "?instrument");
  await page.evaluate(() => window.__layerlabDropStream?.(4000));
  await expect(page.getByTestId("stream-status")).toHaveAttribute("data-status", "reconnecting");
  // Traffic while the browser is not listening: only a replay can tell it about these picks.
  const res = await page.request.post(`/api/labs/${labId}/traffic`, { data: { listener: "edge-l7", requests: 6, keepAlive: false, paths: ["/api/users"] } });
  expect(res.status()).toBe(200);
  await expect(page.getByTestId("cluster-picks-users")).toContainText("0");
  await expect(page.getByTestId("stream-status")).toHaveAttribute("data-status", "live", { timeout: 20_000 });
  await expect(page.getByTestId("cluster-picks-users")).toContainText("6");
  await expect.poll(async () => (await count(page, "endpoint-requests-users-1")) + (await count(page, "endpoint-requests-users-2"))).toBe(6);
});

test("?step= opens the lab at that step; leaving the page deletes the lab", async ({ page }) => {
  const labId = await openLab(page, "path-routing", "?step=no-route");
  await expect(page.getByRole("heading", { name: "Step 3: A path no route matches" })).toBeVisible();
  await page.goto("/labs");
  await expect.poll(async () => (await page.request.get(`/api/labs/${labId}`)).status(), { timeout: 10_000 }).toBe(404);
});

test("the relay validates bodies with the engine's schemas and applies tighter limits to signed-out learners", async ({ page }) => {
  const labId = await openLab(page, "envelope-vs-letter");
  const bad = await page.request.post(`/api/labs/${labId}/traffic`, { data: { listener: "envelope", requests: 0, paths: ["no-slash"] } });
  expect(bad.status()).toBe(400);
  const body = (await bad.json()) as { error: { code: string; problems: Array<{ path: string }> } };
  expect(body.error.code).toBe("INVALID_INPUT");
  expect(body.error.problems.map((p) => p.path)).toEqual(expect.arrayContaining(["requests", "paths.0"]));
  const big = await page.request.post(`/api/labs/${labId}/traffic`, { data: { listener: "envelope", requests: 1500 } });
  expect(big.status()).toBe(422);
  expect(((await big.json()) as { error: { code: string } }).error.code).toBe("TRAFFIC_LIMIT");
  const other = await page.request.get("/api/labs/lab_AAAAAAAAAAAAAAAA");
  expect(other.status()).toBe(404);
  await page.getByRole("tab", { name: "Real config" }).click();
  await expect(page.getByTestId("config-text")).toContainText("upstream");
});

test("the lab page has no serious accessibility violations and fits a 375 px screen", async ({ page }) => {
  await openLab(page, "path-routing");
  await predictAndRun(page, "Only orders-1 or orders-2");
  await expect(page.getByTestId("step-done")).toBeVisible({ timeout: 15_000 });
  await inspect(page, "edge-l7", 1);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("tab", { name: "Results" }).click();
  await expect(page.getByTestId("distribution-chart")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(page.getByTestId("stream-status")).toHaveAttribute("data-status", "live", { timeout: 30_000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole("button", { name: "Run traffic" })).toBeVisible();
});

test("a signed-in learner's finished step and prediction are recorded in their progress", async ({ page }) => {
  await signUp(page, uniqueEmail("lab"));
  await openLab(page, "path-routing");
  await predictAndRun(page, "Only orders-1 or orders-2");
  await expect(page.getByTestId("step-done")).toContainText("Saved to your progress", { timeout: 15_000 });
  const res = await page.request.get("/api/progress/scenarios?scenario=path-routing");
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { scenarios: Array<{ scenario: string; steps: Array<{ step: string }> }> };
  expect(body.scenarios[0]?.steps.map((s) => s.step)).toEqual(["route-by-path"]);
});
