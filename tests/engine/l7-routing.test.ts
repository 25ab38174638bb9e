// L7 routing and per-request balancing, through real sandbox endpoints and the core's clusters.
import { Client } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, startMiniLab, until, type MiniLab } from "./l7-harness";

let lab: MiniLab;
beforeAll(async () => {
  lab = await startMiniLab({
    endpoints: [{ name: "users-1" }, { name: "users-2" }, { name: "orders-1" }, { name: "admin" }, { name: "beta" }, { name: "canary" }],
    clusters: [
      { name: "users", endpoints: ["users-1", "users-2"] },
      { name: "orders", endpoints: ["orders-1"] },
      { name: "admin", endpoints: ["admin"] },
      { name: "beta", endpoints: ["beta"] },
      { name: "canary", endpoints: ["canary"] },
    ],
    listeners: [
      {
        name: "web",
        layer: "l7",
        hostnames: ["shop.test", "admin.shop.test"],
        routes: [
          { name: "admin", match: { host: "admin.shop.test" }, cluster: "admin" },
          { name: "beta", match: { header: { name: "X-Beta", value: "yes" } }, cluster: "beta" },
          { name: "canary", match: { cookie: { name: "canary", value: "on" } }, cluster: "canary" },
          { name: "orders", match: { pathPrefix: "/api/orders" }, cluster: "orders" },
          { name: "users", match: { pathPrefix: "/api/users" }, cluster: "users" },
        ],
      },
    ],
  });
});
afterAll(() => lab?.close());

describe("L7 routing", () => {
  it("routes by path prefix to different clusters", async () => {
    const c = new Client(lab.url("web"));
    try {
      const u = await send(c, "/api/users/7");
      const o = await send(c, "/api/orders?id=1");
      expect(u.status).toBe(200);
      expect(String(u.headers["x-served-by"])).toMatch(/^users-/);
      expect(o.headers["x-served-by"]).toBe("orders-1");
      expect(o.json?.path).toBe("/api/orders?id=1");
    } finally {
      await c.close();
    }
  });

  it("routes by Host (port ignored, case-insensitive), header and cookie — first match wins", async () => {
    const c = new Client(lab.url("web"));
    try {
      lab.events.clear();
      expect((await send(c, "/api/users", { headers: { host: "ADMIN.shop.test:8080" } })).headers["x-served-by"]).toBe("admin");
      expect((await send(c, "/api/users", { headers: { "x-beta": "yes" } })).headers["x-served-by"]).toBe("beta");
      expect((await send(c, "/api/orders", { headers: { cookie: "a=1; canary=on" } })).headers["x-served-by"]).toBe("canary");
      // Host and header both match: the host route comes first.
      expect((await send(c, "/", { headers: { host: "admin.shop.test", "x-beta": "yes" } })).headers["x-served-by"]).toBe("admin");
      const matched = lab.events.of("route.match").map((e) => [e.route, e.matchedOn]);
      expect(matched).toEqual([
        ["admin", "host"],
        ["beta", "header"],
        ["canary", "cookie"],
        ["admin", "host"],
      ]);
    } finally {
      await c.close();
    }
  });

  it("answers 404 with a JSON error when no route matches", async () => {
    const c = new Client(lab.url("web"));
    try {
      const r = await send(c, "/nothing-here");
      expect(r.status).toBe(404);
      expect(r.json?.error).toMatchObject({ code: "LL_PROXY_NO_ROUTE", origin: "proxy" });
    } finally {
      await c.close();
    }
  });

  it("balances per request on ONE keep-alive downstream connection, reusing pooled upstream connections", async () => {
    const c = new Client(lab.url("web"), { pipelining: 1, connections: 1 } as never);
    try {
      lab.events.clear();
      const served: string[] = [];
      for (let i = 0; i < 6; i++) served.push(String((await send(c, "/api/users")).headers["x-served-by"]));
      // Round robin alternates endpoints request by request...
      for (let i = 1; i < served.length; i++) expect(served[i]).not.toBe(served[i - 1]);
      expect(new Set(served)).toEqual(new Set(["users-1", "users-2"]));
      // ...while the client kept a single connection to the listener.
      const ids = new Set(lab.events.of("http.request").map((e) => e.connectionId));
      expect(ids.size).toBe(1);
      expect(lab.events.of("downstream.connect").length).toBe(1);
      const picks = lab.events.of("lb.pick");
      expect(picks.every((p) => p.reason.kind === "policy" && p.reason.policy === "round-robin")).toBe(true);
      // Upstream connections are pooled: after the first round they are reused.
      const connects = lab.events.of("upstream.connect");
      expect(connects.slice(-2).every((e) => e.reused)).toBe(true);
      const reusedIds = new Set(connects.filter((e) => e.endpoint === "users-1").map((e) => e.upstreamConnectionId));
      expect(reusedIds.size).toBe(1);
    } finally {
      await c.close();
    }
  });

  it("emits the request's whole story in order", async () => {
    const c = new Client(lab.url("web"));
    try {
      lab.events.clear();
      await send(c, "/api/orders/1", { headers: { cookie: "session=abc" } });
      await until(() => lab.events.of("http.response").length === 1);
      const conn = lab.events.of("http.request")[0]!.connectionId;
      const types = lab.events.events.filter((e) => "connectionId" in e && e.connectionId === conn && e.type !== "endpoint.request").map((e) => e.type);
      expect(types).toEqual(["downstream.connect", "http.request", "route.match", "lb.pick", "upstream.connect", "upstream.response", "http.response"]);
      const req = lab.events.of("http.request")[0]!;
      expect(req).toMatchObject({ method: "GET", path: "/api/orders/1", host: "127.0.0.1", cookies: { session: "abc" } });
      const resp = lab.events.of("upstream.response")[0]!;
      expect(Object.keys(resp.headersAdded).sort()).toEqual(["via", "x-forwarded-for", "x-forwarded-proto", "x-request-id"]);
    } finally {
      await c.close();
    }
    const conn = lab.events.of("http.request")[0]!.connectionId;
    await until(() => lab.events.of("downstream.close").some((e) => e.connectionId === conn));
    const close = lab.events.of("downstream.close").find((e) => e.connectionId === conn)!;
    expect(close.bytesIn).toBeGreaterThan(0);
    expect(close.bytesOut).toBeGreaterThan(0);
  });

  it("reports the downstream connection id for a client address", async () => {
    const c = new Client(lab.url("web"));
    try {
      lab.events.clear();
      await send(c, "/api/users");
      const connect = lab.events.of("downstream.connect")[0]!;
      expect(lab.listeners.get("web")!.connectionIdFor(connect.client)).toBe(connect.connectionId);
      expect(lab.listeners.get("web")!.stats().requests).toBeGreaterThan(0);
    } finally {
      await c.close();
    }
  });
});
