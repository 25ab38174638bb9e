// Retries (idempotent only, on another endpoint, bounded) and the L7 side of health checking.
import { Client } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, startMiniLab, until, type MiniLab } from "./l7-harness";

let lab: MiniLab;
let client: Client;
beforeAll(async () => {
  lab = await startMiniLab({
    endpoints: [
      { name: "bad", fault: { mode: "error", status: 500 } },
      { name: "good" },
      { name: "down" },
      { name: "good2" },
      { name: "bad1", fault: { mode: "error", status: 503 } },
      { name: "bad2", fault: { mode: "error", status: 502 } },
      { name: "bad3", fault: { mode: "error", status: 500 } },
      { name: "sick", fault: { mode: "error", status: 500 } },
      { name: "well-1" },
      { name: "well-2" },
    ],
    clusters: [
      { name: "five", endpoints: ["bad", "good"], retries: { attempts: 1, on: ["5xx"] } },
      // The TCP check has passed once, so "down" stays in rotation (threshold 10) — a dead endpoint
      // the proxy has not been told about yet.
      { name: "conn", endpoints: ["down", "good2"], retries: { attempts: 1, on: ["connect-failure"] }, healthCheck: { type: "tcp", intervalMs: 60_000, unhealthyThreshold: 10 } },
      { name: "all-bad", endpoints: ["bad1", "bad2", "bad3"], retries: { attempts: 1, on: ["5xx"] } },
      { name: "checked", endpoints: ["sick", "well-1", "well-2"], healthCheck: { type: "http", intervalMs: 100, unhealthyThreshold: 1 } },
    ],
    listeners: [
      {
        name: "web",
        layer: "l7",
        routes: [
          { match: { pathPrefix: "/five" }, cluster: "five" },
          { match: { pathPrefix: "/conn" }, cluster: "conn" },
          { match: { pathPrefix: "/all-bad" }, cluster: "all-bad" },
          { match: { pathPrefix: "/checked" }, cluster: "checked" },
        ],
      },
    ],
  });
  client = new Client(lab.url("web"));
});
afterAll(async () => {
  await client?.close();
  await lab?.close();
});

describe("L7 retries", () => {
  it("retries a GET that got a 5xx on another endpoint", async () => {
    lab.events.clear();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(client, "/five")).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const retries = lab.events.of("retry");
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(retries[0]).toMatchObject({ fromEndpoint: "bad", attempt: 1 });
    expect(retries[0]!.reason).toMatch(/^5xx/);
    expect(lab.events.of("lb.pick").some((p) => p.reason.kind === "retry" && p.endpoint === "good")).toBe(true);
  });

  it("never retries a POST: its 500 reaches the client", async () => {
    lab.events.clear();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(client, "/five", { method: "POST", body: "x=1" })).status);
    expect(statuses.filter((s) => s === 500).length).toBe(2);
    expect(lab.events.of("retry")).toEqual([]);
  });

  it("retries a GET after a connect failure, but a POST gets 502", async () => {
    await lab.endpoints.get("down")!.setFault({ mode: "down", status: 500, latencyMs: 0 });
    lab.events.clear();
    const gets: number[] = [];
    for (let i = 0; i < 4; i++) gets.push((await send(client, "/conn")).status);
    expect(gets).toEqual([200, 200, 200, 200]);
    expect(lab.events.of("retry").some((r) => r.fromEndpoint === "down" && r.reason.startsWith("connect-failure"))).toBe(true);
    const posts: number[] = [];
    for (let i = 0; i < 4; i++) posts.push((await send(client, "/conn", { method: "POST", body: "{}" })).status);
    expect(posts).toContain(502);
    expect(posts).toContain(200);
  });

  it("is bounded by cluster.retries.attempts: with every endpoint failing, one retry then the 5xx", async () => {
    lab.events.clear();
    const r = await send(client, "/all-bad");
    expect(r.status).toBeGreaterThanOrEqual(500);
    expect(lab.events.of("retry").length).toBe(1);
    expect(lab.events.of("lb.pick").length).toBe(2);
  });
});

describe("L7 and HTTP health checks", () => {
  it("an endpoint answering 500 is taken out of rotation: no 500 reaches clients", async () => {
    // (earlier tests cleared the recorded events, so ask the cluster rather than the event log)
    await until(() => lab.clusters.get("checked")!.member("sick")!.healthy === false);
    const served = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const r = await send(client, "/checked");
      expect(r.status).toBe(200);
      served.add(String(r.headers["x-served-by"]));
    }
    expect(served).toEqual(new Set(["well-1", "well-2"]));
  });
});
