import { describe, expect, it } from "vitest";
import type { LabEvent } from "@/engine/api/schema";
import { checkSchema } from "@/lib/labs/check-schema";
import { evaluateCheck } from "@/lib/labs/evaluate-check";
import { matchCondition } from "@/lib/labs/match-condition";
import type { ResultRecord } from "@/lib/labs/result-record";

function rec(over: Partial<ResultRecord>): ResultRecord {
  return {
    run: "run_1", seq: 0, listener: "edge-l7", layer: "l7", protocol: "http", client: 0, sourceIp: "127.0.0.10",
    connectionId: "c1", requestId: "r1", method: "GET", path: "/", host: null, https: false, keepAlive: false,
    endpoint: "users-1", cluster: "users", status: 200, ok: true, error: null, totalMs: 2, route: null, matchedOn: null,
    pick: "policy", hashInput: null, proxySawPath: "/", proxySawHost: null, proxyHeaders: {}, sni: null, downstreamTls: null,
    certificate: null, via: null, retried: false, attempts: 1, upstreamTls: false, endpointPeer: "127.0.0.1",
    endpointEncrypted: false, endpointHeaders: {}, endpointProxyProtocol: null, ...over,
  };
}
const check = (raw: unknown) => checkSchema.parse(raw);

describe("conditions", () => {
  it("compares values, lists and operators; missing is null", () => {
    expect(matchCondition("a", "a")).toBe(true);
    expect(matchCondition(undefined, null)).toBe(true);
    expect(matchCondition("b", ["a", "b"])).toBe(true);
    expect(matchCondition("/api/users/7", { startsWith: "/api/users" })).toBe(true);
    expect(matchCondition(5, { gte: 5, lt: 6 })).toBe(true);
    expect(matchCondition(6, { gte: 5, lt: 6 })).toBe(false);
    expect(matchCondition("x", { not: ["x", "y"] })).toBe(false);
    expect(matchCondition("", { exists: true })).toBe(false);
    expect(matchCondition(null, { exists: false })).toBe(true);
  });
});

describe("every", () => {
  const c = check({
    description: "users requests go to users",
    all: [{ every: { listener: "edge-l7", path: { startsWith: "/api/users" } }, expect: { cluster: "users" }, min: 2 }],
  });
  it("needs at least min matching results", () => {
    const out = evaluateCheck(c, { results: [rec({ path: "/api/users" })], events: [] });
    expect(out.passed).toBe(false);
    expect(out.assertions[0]?.detail).toMatch(/1 matching result so far; need at least 2/);
  });
  it("passes when all selected results satisfy expect, ignoring others", () => {
    const results = [rec({ path: "/api/users" }), rec({ seq: 1, path: "/api/users/9" }), rec({ seq: 2, path: "/api/orders", cluster: "orders" })];
    expect(evaluateCheck(c, { results, events: [] }).passed).toBe(true);
  });
  it("fails and names the first offender", () => {
    const results = [rec({ path: "/api/users" }), rec({ seq: 1, path: "/api/users", cluster: "orders", endpoint: "orders-2" })];
    const out = evaluateCheck(c, { results, events: [] });
    expect(out.passed).toBe(false);
    expect(out.assertions[0]?.detail).toMatch(/1 of 2 do not \(request 2 .*orders-2/);
  });
  it("reads map fields case-insensitively", () => {
    const h = check({ description: "xff reaches the endpoint", all: [{ every: { listener: "edge-l7" }, expect: { "endpointHeaders.X-Forwarded-For": { exists: true } } }] });
    expect(evaluateCheck(h, { results: [rec({ endpointHeaders: { "x-forwarded-for": "127.0.0.10" } })], events: [] }).passed).toBe(true);
    expect(evaluateCheck(h, { results: [rec({})], events: [] }).passed).toBe(false);
  });
});

describe("some, none, distinct", () => {
  it("some respects min and max", () => {
    const c = check({ description: "between one and two failures", all: [{ some: { ok: false }, min: 1, max: 2 }] });
    expect(evaluateCheck(c, { results: [rec({})], events: [] }).passed).toBe(false);
    expect(evaluateCheck(c, { results: [rec({ ok: false })], events: [] }).passed).toBe(true);
    expect(evaluateCheck(c, { results: [rec({ ok: false }), rec({ ok: false }), rec({ ok: false })], events: [] }).passed).toBe(false);
  });
  it("none passes only without matches", () => {
    const c = check({ description: "no 500s at all here", all: [{ none: { status: 500 } }] });
    expect(evaluateCheck(c, { results: [rec({})], events: [] }).passed).toBe(true);
    expect(evaluateCheck(c, { results: [rec({ status: 500 })], events: [] }).passed).toBe(false);
  });
  it("distinct per group: one endpoint per keep-alive connection", () => {
    const c = check({ description: "each connection stays on one endpoint", all: [{ distinct: { layer: "l4" }, field: "endpoint", groupBy: "connectionId", max: 1 }] });
    const pinned = [rec({ layer: "l4", connectionId: "c1", endpoint: "a" }), rec({ layer: "l4", connectionId: "c1", endpoint: "a" }), rec({ layer: "l4", connectionId: "c2", endpoint: "b" })];
    expect(evaluateCheck(c, { results: pinned, events: [] }).passed).toBe(true);
    expect(evaluateCheck(c, { results: [...pinned, rec({ layer: "l4", connectionId: "c2", endpoint: "a" })], events: [] }).passed).toBe(false);
    expect(evaluateCheck(c, { results: [], events: [] }).passed).toBe(false);
  });
});

describe("scope last-run", () => {
  it("only looks at the latest run with a matching result", () => {
    const c = check({ description: "after the fault nothing reaches app-1", all: [{ every: { listener: "edge-l7" }, expect: { endpoint: { not: "app-1" } }, scope: "last-run" }] });
    const before = [rec({ run: "run_a", endpoint: "app-1" })];
    const after = [rec({ run: "run_b", endpoint: "app-2" })];
    expect(evaluateCheck(c, { results: before, events: [] }).passed).toBe(false);
    expect(evaluateCheck(c, { results: [...before, ...after], events: [] }).passed).toBe(true);
  });
});

describe("events and compare", () => {
  const health = { type: "health.change", id: 3, labId: "lab_x", at: 1, cluster: "pool-http", endpoint: "broken", healthy: false, check: "http", detail: "500" } as LabEvent;
  it("matches event fields with dotted paths", () => {
    const c = check({ description: "the http check marks broken down", all: [{ event: "health.change", where: { endpoint: "broken", healthy: false, check: "http" } }] });
    expect(evaluateCheck(c, { results: [], events: [health] }).passed).toBe(true);
    expect(evaluateCheck(c, { results: [], events: [{ ...health, healthy: true } as LabEvent] }).passed).toBe(false);
  });
  it("compares a statistic of two selections", () => {
    const c = check({ description: "l7 is slower than l4 at p50", all: [{ compare: { left: { where: { layer: "l7" }, stat: "p50" }, op: ">", right: { where: { layer: "l4" }, stat: "p50" } } }] });
    const results = [rec({ layer: "l7", totalMs: 3 }), rec({ layer: "l7", totalMs: 4 }), rec({ layer: "l4", totalMs: 1 }), rec({ layer: "l4", totalMs: 2 })];
    expect(evaluateCheck(c, { results, events: [] }).passed).toBe(true);
    const out = evaluateCheck(c, { results: results.filter((r) => r.layer === "l7"), events: [] });
    expect(out.passed).toBe(false);
    expect(out.assertions[0]?.detail).toMatch(/not enough results/);
  });
});

describe("the check schema", () => {
  it("rejects unknown fields and empty operator objects", () => {
    expect(checkSchema.safeParse({ description: "a check with a typo", all: [{ some: { endpiont: "a" } }] }).success).toBe(false);
    expect(checkSchema.safeParse({ description: "an empty operator here", all: [{ some: { endpoint: {} } }] }).success).toBe(false);
    expect(checkSchema.safeParse({ description: "map field with a key", all: [{ some: { "endpointHeaders.x-team": "blue" } }] }).success).toBe(true);
    expect(checkSchema.safeParse({ description: "scalar field with a key", all: [{ some: { "endpoint.x": "blue" } }] }).success).toBe(false);
  });

  it("accepts every engine event type by name, undotted ones too, and refuses a misspelt one", () => {
    expect(checkSchema.safeParse({ description: "a GET was retried", all: [{ event: "retry", where: { fromEndpoint: "a" } }] }).success).toBe(true);
    expect(checkSchema.safeParse({ description: "samples were reported", all: [{ event: "events.sampled" }] }).success).toBe(true);
    const typo = checkSchema.safeParse({ description: "a misspelt event type", all: [{ event: "lb.picked" }] });
    expect(typo.success).toBe(false);
    expect(JSON.stringify(typo.error?.issues)).toContain("lb.pick");
  });
});
