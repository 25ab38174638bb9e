// Proxy-issued cookie stickiness with failover, and consistent hashing on L7 inputs.
import { Client } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, startMiniLab, until, type MiniLab } from "./l7-harness";

let lab: MiniLab;
let client: Client;
beforeAll(async () => {
  lab = await startMiniLab({
    endpoints: [{ name: "a" }, { name: "b" }, { name: "c" }, { name: "h1" }, { name: "h2" }, { name: "h3" }],
    clusters: [
      {
        name: "app",
        endpoints: ["a", "b", "c"],
        sticky: { cookie: "LL_STICKY", ttlSeconds: 600 },
        healthCheck: { type: "http", intervalMs: 100, healthyThreshold: 1, unhealthyThreshold: 1 },
      },
      { name: "ring", policy: "consistent-hash", hashOn: "header:X-User", endpoints: ["h1", "h2", "h3"] },
    ],
    listeners: [
      {
        name: "web",
        layer: "l7",
        routes: [
          { match: { pathPrefix: "/ring" }, cluster: "ring" },
          { cluster: "app" },
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

const cookieOf = (setCookie: string | string[] | undefined) => /LL_STICKY=([^;]+)/.exec(String(setCookie ?? ""))?.[1];

describe("L7 cookie stickiness", () => {
  it("issues a cookie naming the endpoint, then honours it", async () => {
    const first = await send(client, "/");
    const pinned = cookieOf(first.headers["set-cookie"]);
    expect(pinned).toBe(first.headers["x-served-by"]);
    expect(String(first.headers["set-cookie"])).toMatch(/Path=\/; HttpOnly; SameSite=Lax; Max-Age=600/);
    lab.events.clear();
    for (let i = 0; i < 5; i++) {
      const r = await send(client, "/", { headers: { cookie: `LL_STICKY=${pinned}` } });
      expect(r.headers["x-served-by"]).toBe(pinned);
      expect(r.headers["set-cookie"]).toBeUndefined();
    }
    expect(lab.events.of("lb.pick").every((p) => p.reason.kind === "cookie" && p.reason.hashInput === pinned)).toBe(true);
  });

  it("fails over when the sticky endpoint turns unhealthy, and re-issues the cookie", async () => {
    const pinned = "b";
    expect((await send(client, "/", { headers: { cookie: `LL_STICKY=${pinned}` } })).headers["x-served-by"]).toBe(pinned);
    await lab.endpoints.get(pinned)!.setFault({ mode: "error", status: 500, latencyMs: 0 });
    // The core's HTTP health check notices the 500s and takes b out of rotation.
    await until(() => lab.events.of("health.change").some((e) => e.endpoint === pinned && !e.healthy));
    lab.events.clear();
    const r = await send(client, "/", { headers: { cookie: `LL_STICKY=${pinned}` } });
    expect(r.status).toBe(200);
    const moved = String(r.headers["x-served-by"]);
    expect(moved).not.toBe(pinned);
    expect(cookieOf(r.headers["set-cookie"])).toBe(moved);
    const pick = lab.events.of("lb.pick")[0]!;
    expect(pick.reason.kind).toBe("sticky-failover");
    expect(pick.reason.detail).toMatch(/unhealthy/);
    expect(lab.events.of("upstream.response")[0]!.headersAdded["set-cookie"]).toBe(`LL_STICKY=${moved}`);
    // The new cookie sticks.
    const again = await send(client, "/", { headers: { cookie: `LL_STICKY=${moved}` } });
    expect(again.headers["x-served-by"]).toBe(moved);
    await lab.endpoints.get(pinned)!.setFault({ mode: "up", status: 500, latencyMs: 0 });
  });

  it("re-issues a cookie that names no endpoint", async () => {
    const r = await send(client, "/", { headers: { cookie: "LL_STICKY=nope" } });
    expect(cookieOf(r.headers["set-cookie"])).toBe(r.headers["x-served-by"]);
  });
});

describe("L7 consistent hashing", () => {
  it("sends the same X-User to the same endpoint, and different users spread", async () => {
    const seen = new Map<string, Set<string>>();
    for (let round = 0; round < 3; round++)
      for (let u = 0; u < 12; u++) {
        const r = await send(client, "/ring", { headers: { "x-user": `user-${u}` } });
        const s = seen.get(`user-${u}`) ?? new Set();
        s.add(String(r.headers["x-served-by"]));
        seen.set(`user-${u}`, s);
      }
    for (const s of seen.values()) expect(s.size).toBe(1);
    const used = new Set([...seen.values()].map((s) => [...s][0]));
    expect(used.size).toBeGreaterThan(1);
    const pick = lab.events.of("lb.pick").at(-1)!;
    expect(pick.reason).toMatchObject({ policy: "consistent-hash", hashInput: "user-11" });
  });
});
