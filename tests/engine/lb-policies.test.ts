// Every load-balancing policy's distribution, driven through the real Cluster runtime with
// stand-in endpoints (no sockets needed: pick() is pure selection).
import { describe, expect, it } from "vitest";
import { clusterSpecSchema, faultSchema, type ClusterSpec, type EndpointSpec, type Policy } from "../../engine/api/schema";
import type { EndpointRuntime, EventSink } from "../../engine/contracts";
import { Cluster } from "../../engine/upstream/cluster";

const sink: EventSink = { emit() {}, wants: () => true };

function fakeEndpoint(name: string): EndpointRuntime {
  const spec: EndpointSpec = { name, kind: "http", tls: false };
  let fault = faultSchema.parse({});
  return {
    name,
    spec,
    host: "127.0.0.1",
    port: 1,
    tls: false,
    serverName: `${name}.endpoints.lab`,
    get fault() {
      return fault;
    },
    async setFault(f) {
      fault = f;
    },
    stats: () => ({ activeConnections: 0, totalConnections: 0, requests: 0, healthChecks: 0 }),
    close: async () => {},
  };
}

function cluster(policy: Policy, members: (string | { endpoint: string; weight: number })[], extra: Partial<ClusterSpec> = {}) {
  const names = members.map((m) => (typeof m === "string" ? m : m.endpoint));
  const endpoints = new Map(names.map((n) => [n, fakeEndpoint(n)]));
  const spec = clusterSpecSchema.parse({ name: "c", endpoints: members, policy, ...extra });
  return { cluster: new Cluster(spec, endpoints, { events: sink, caCertPem: null, probeSources: null }), endpoints };
}

function tally(c: Cluster, n: number, input: (i: number) => { sourceIp: string; hashKey?: string } = () => ({ sourceIp: "127.0.0.10" })) {
  const counts: Record<string, number> = {};
  const order: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = c.pick(input(i))!;
    counts[p.member.endpoint.name] = (counts[p.member.endpoint.name] ?? 0) + 1;
    order.push(p.member.endpoint.name);
  }
  return { counts, order };
}

describe("load-balancing policies", () => {
  it("round-robin takes members in turn", () => {
    const { cluster: c } = cluster("round-robin", ["a", "b", "c"]);
    const { order } = tally(c, 6);
    expect(order).toEqual(["a", "b", "c", "a", "b", "c"]);
    expect(c.pick({ sourceIp: "x" })!.reason).toMatchObject({ kind: "policy", policy: "round-robin" });
  });

  it("weighted-round-robin is smooth (nginx): 5:1:1 interleaves as a a b a c a a", () => {
    const { cluster: c } = cluster("weighted-round-robin", [
      { endpoint: "a", weight: 5 },
      { endpoint: "b", weight: 1 },
      { endpoint: "c", weight: 1 },
    ]);
    const { order, counts } = tally(c, 70);
    expect(order.slice(0, 7)).toEqual(["a", "a", "b", "a", "c", "a", "a"]);
    expect(counts).toEqual({ a: 50, b: 10, c: 10 });
  });

  it("least-connections prefers the member with the fewest open connections (ties rotate)", () => {
    const { cluster: c } = cluster("least-connections", ["a", "b", "c"]);
    // Idle cluster: ties rotate, so the spread is even.
    expect(tally(c, 30).counts).toEqual({ a: 10, b: 10, c: 10 });
    // Hold connections open: every new pick goes to the least loaded.
    const held: string[] = [];
    for (let i = 0; i < 9; i++) {
      const p = c.pick({ sourceIp: "x" })!;
      c.acquire(p.member);
      held.push(p.member.endpoint.name);
    }
    expect(c.members.map((m) => m.active)).toEqual([3, 3, 3]);
    c.release(c.member("b")!);
    c.release(c.member("b")!);
    expect(c.pick({ sourceIp: "x" })!.member.endpoint.name).toBe("b");
  });

  it("random spreads roughly evenly", () => {
    const { cluster: c } = cluster("random", ["a", "b", "c", "d"]);
    const { counts } = tally(c, 4000);
    for (const n of ["a", "b", "c", "d"]) expect(counts[n]).toBeGreaterThan(700); // expected 1000
  });

  it("power-of-two picks the less loaded of two random members", () => {
    const { cluster: c } = cluster("power-of-two", ["a", "b", "c"]);
    const { counts } = tally(c, 3000);
    for (const n of ["a", "b", "c"]) expect(counts[n]).toBeGreaterThan(600);
    // Load one member heavily: it can only win when both draws are itself, which cannot happen.
    for (let i = 0; i < 50; i++) c.acquire(c.member("a")!);
    expect(tally(c, 300).counts.a ?? 0).toBe(0);
    expect(c.pick({ sourceIp: "x" })!.reason.detail).toMatch(/drew/);
  });

  it("source-ip-hash keeps each client on one endpoint and spreads clients", () => {
    const { cluster: c } = cluster("source-ip-hash", ["a", "b", "c"]);
    const ips = Array.from({ length: 64 }, (_, i) => `127.0.0.${10 + i}`);
    const first = new Map(ips.map((ip) => [ip, c.pick({ sourceIp: ip })!.member.endpoint.name]));
    for (let round = 0; round < 5; round++) for (const ip of ips) expect(c.pick({ sourceIp: ip })!.member.endpoint.name).toBe(first.get(ip));
    const spread = new Set(first.values());
    expect(spread.size).toBe(3);
    const reason = c.pick({ sourceIp: "127.0.0.10" })!.reason;
    expect(reason).toMatchObject({ kind: "hash", hashInput: "127.0.0.10" });
  });

  it("consistent-hash moves only the failed member's keys (ring with virtual nodes)", async () => {
    const { cluster: c, endpoints } = cluster("consistent-hash", ["a", "b", "c", "d"]);
    const keys = Array.from({ length: 400 }, (_, i) => `10.1.${i >> 8}.${i & 255}`);
    const before = new Map(keys.map((k) => [k, c.pick({ sourceIp: k })!.member.endpoint.name]));
    const counts: Record<string, number> = {};
    for (const v of before.values()) counts[v] = (counts[v] ?? 0) + 1;
    for (const n of ["a", "b", "c", "d"]) expect(counts[n]).toBeGreaterThan(50); // expected 100
    await endpoints.get("b")!.setFault({ mode: "down", status: 500, latencyMs: 0 }); // no health check: "down" leaves rotation
    for (const k of keys) {
      const now = c.pick({ sourceIp: k })!.member.endpoint.name;
      if (before.get(k) !== "b") expect(now).toBe(before.get(k));
      else expect(now).not.toBe("b");
    }
    // hashKey (an L7 header/cookie/path) wins over the source address.
    expect(c.pick({ sourceIp: "1.1.1.1", hashKey: "user-42" })!.reason.hashInput).toBe("user-42");
  });

  it("skips unhealthy and excluded members, and answers null when none is left", async () => {
    const { cluster: c, endpoints } = cluster("round-robin", ["a", "b"]);
    expect(tally(c, 4, () => ({ sourceIp: "x", exclude: new Set(["a"]) } as never)).counts).toEqual({ b: 4 });
    await endpoints.get("a")!.setFault({ mode: "down", status: 500, latencyMs: 0 });
    await endpoints.get("b")!.setFault({ mode: "down", status: 500, latencyMs: 0 });
    expect(c.pick({ sourceIp: "x" })).toBeNull();
    c.close();
  });
});
