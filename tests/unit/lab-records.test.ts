// Correlation of traffic results with engine events (shapes copied from a real engine run).
import { describe, expect, it } from "vitest";
import { labSpecSchema, trafficSpecSchema, type LabEvent, type TrafficRun } from "@/engine/api/schema";
import { specFromForm, formFromSpec } from "@/components/lab/composer/composer-form";
import { buildRecords } from "@/lib/labs/build-records";
import { indexEvents } from "@/lib/labs/event-index";
import { inspectResult } from "@/lib/labs/inspect";

const lab = labSpecSchema.parse({
  endpoints: [{ name: "users-1" }, { name: "orders-1" }, { name: "to-a", kind: "listener", listener: "l7-a" }],
  clusters: [{ name: "users", endpoints: ["users-1"] }, { name: "everyone", endpoints: ["users-1", "orders-1"] }, { name: "proxies", endpoints: ["to-a"] }],
  listeners: [
    { name: "edge-l7", layer: "l7", routes: [{ name: "users-api", match: { pathPrefix: "/api/users" }, cluster: "users" }] },
    { name: "edge-l4", layer: "l4", cluster: "everyone" },
    { name: "tier", layer: "l4", cluster: "proxies" },
    { name: "l7-a", layer: "l7", routes: [{ cluster: "users" }] },
  ],
});
let id = 0;
const ev = (e: Record<string, unknown>) => ({ id: ++id, labId: "lab_x", at: 1, ...e }) as LabEvent;
const addr = (address: string, port: number) => ({ address, port });
const xff = { "x-forwarded-for": "127.0.0.10", "x-request-id": "r1" };

const events: LabEvent[] = [
  // L7: connection c1, request r1
  ev({ type: "downstream.connect", listener: "edge-l7", layer: "l7", connectionId: "c1", client: addr("127.0.0.10", 44319), local: addr("127.0.0.1", 37015) }),
  ev({ type: "http.request", listener: "edge-l7", connectionId: "c1", requestId: "r1", method: "GET", path: "/api/users", host: "127.0.0.1", headers: { "x-team": "blue" }, cookies: {} }),
  ev({ type: "route.match", listener: "edge-l7", connectionId: "c1", requestId: "r1", route: "users-api", cluster: "users", matchedOn: "path-prefix" }),
  ev({ type: "lb.pick", listener: "edge-l7", connectionId: "c1", requestId: "r1", cluster: "users", endpoint: "users-1", reason: { kind: "policy", policy: "round-robin", detail: "next in turn" } }),
  ev({ type: "upstream.connect", listener: "edge-l7", connectionId: "c1", upstreamConnectionId: "u1", endpoint: "users-1", reused: false, tls: false, local: addr("127.0.0.1", 36930), proxyProtocol: null }),
  ev({ type: "endpoint.request", endpoint: "users-1", connectionId: "e1", method: "GET", path: "/api/users", peer: addr("127.0.0.1", 36930), encrypted: false, headers: xff, proxyProtocol: null }),
  ev({ type: "upstream.response", listener: "edge-l7", connectionId: "c1", requestId: "r1", endpoint: "users-1", status: 200, durationMs: 2, headersAdded: xff }),
  // L4: connection c3, no request id; the endpoint is found through the upstream socket's port
  ev({ type: "downstream.connect", listener: "edge-l4", layer: "l4", connectionId: "c3", client: addr("127.0.0.10", 46059), local: addr("127.0.0.1", 39259) }),
  ev({ type: "route.match", listener: "edge-l4", connectionId: "c3", requestId: null, route: null, cluster: "everyone", matchedOn: "listener" }),
  ev({ type: "lb.pick", listener: "edge-l4", connectionId: "c3", requestId: null, cluster: "everyone", endpoint: "orders-1", reason: { kind: "policy", policy: "round-robin", detail: "next in turn" } }),
  ev({ type: "upstream.connect", listener: "edge-l4", connectionId: "c3", upstreamConnectionId: "u5", endpoint: "orders-1", reused: false, tls: false, local: addr("127.0.0.1", 36934), proxyProtocol: null }),
  ev({ type: "endpoint.request", endpoint: "orders-1", connectionId: "e5", method: "GET", path: "/api/orders", peer: addr("127.0.0.1", 36934), encrypted: false, headers: { host: "127.0.0.1:39259" }, proxyProtocol: null }),
  ev({ type: "downstream.close", listener: "edge-l4", connectionId: "c3", bytesIn: 69, bytesOut: 414, durationMs: 8, reason: null }),
  // Two tiers: L4 c5 → listener endpoint → L7 l7-a connection c6 (its client port is c5's upstream port), request r2
  ev({ type: "downstream.connect", listener: "tier", layer: "l4", connectionId: "c5", client: addr("127.0.0.10", 45313), local: addr("127.0.0.1", 41237) }),
  ev({ type: "lb.pick", listener: "tier", connectionId: "c5", requestId: null, cluster: "proxies", endpoint: "to-a", reason: { kind: "policy", policy: "round-robin", detail: "x" } }),
  ev({ type: "downstream.connect", listener: "l7-a", layer: "l7", connectionId: "c6", client: addr("127.0.0.1", 50188), local: addr("127.0.0.1", 35803) }),
  ev({ type: "upstream.connect", listener: "tier", connectionId: "c5", upstreamConnectionId: "u6", endpoint: "to-a", reused: false, tls: false, local: addr("127.0.0.1", 50188), proxyProtocol: null }),
  ev({ type: "http.request", listener: "l7-a", connectionId: "c6", requestId: "r2", method: "GET", path: "/", host: "127.0.0.1", headers: {}, cookies: {} }),
  ev({ type: "lb.pick", listener: "l7-a", connectionId: "c6", requestId: "r2", cluster: "users", endpoint: "users-1", reason: { kind: "policy", policy: "round-robin", detail: "x" } }),
  ev({ type: "endpoint.request", endpoint: "users-1", connectionId: "e7", method: "GET", path: "/", peer: addr("127.0.0.1", 47332), encrypted: false, headers: { "x-forwarded-for": "127.0.0.1", "x-request-id": "r2" }, proxyProtocol: null }),
];

const result = (over: Partial<TrafficRun["results"][number]>) => ({ seq: 0, client: 0, sourceIp: "127.0.0.10", connectionId: null, listener: "x", endpoint: null, status: 200, requestId: null, timings: { startMs: 0, totalMs: 3 }, ...over });
const run = (runId: string, results: TrafficRun["results"]): TrafficRun => ({ runId, sourceAddresses: "distinct", results, summary: { total: results.length, ok: results.length, failed: 0, byEndpoint: {}, durationMs: 5, stopped: null } });
const l7Spec = trafficSpecSchema.parse({ listener: "edge-l7", paths: ["/api/users"], headers: { "X-Team": "blue" } });
const l4Spec = trafficSpecSchema.parse({ listener: "edge-l4", paths: ["/api/orders"], keepAlive: false });
const tierSpec = trafficSpecSchema.parse({ listener: "tier" });
const runs = [
  { spec: l7Spec, run: run("run_a", [result({ listener: "edge-l7", connectionId: "c1", requestId: "r1", endpoint: "users-1" })]) },
  { spec: l4Spec, run: run("run_b", [result({ listener: "edge-l4", connectionId: "c3", endpoint: "orders-1" })]) },
  { spec: tierSpec, run: run("run_c", [result({ listener: "tier", connectionId: "c5", requestId: "r2", endpoint: "users-1" })]) },
];
const ix = indexEvents(events);
const [l7, l4, tier] = buildRecords(runs, ix, lab);

describe("records join results with what each hop saw", () => {
  it("L7: the proxy's view, the route and what reached the endpoint", () => {
    expect(l7).toMatchObject({ layer: "l7", path: "/api/users", proxySawPath: "/api/users", route: "users-api", cluster: "users", pick: "policy", endpointPeer: "127.0.0.1" });
    expect(l7?.endpointHeaders["x-forwarded-for"]).toBe("127.0.0.10");
    expect(l7?.proxyHeaders["x-team"]).toBe("blue");
  });
  it("L4: no path at the proxy, the endpoint found through the upstream socket", () => {
    expect(l4).toMatchObject({ layer: "l4", path: "/api/orders", proxySawPath: null, cluster: "everyone", endpointPeer: "127.0.0.1", keepAlive: false });
    expect(l4?.endpointHeaders["x-forwarded-for"]).toBeUndefined();
  });
  it("two tiers: the second-tier listener and the final cluster", () => {
    expect(tier).toMatchObject({ layer: "l4", via: "l7-a", cluster: "users", proxySawPath: null });
    expect(tier?.endpointHeaders["x-forwarded-for"]).toBe("127.0.0.1");
  });
});

describe("the inspector", () => {
  it("shows the 4-tuple and no path at L4, and says there was no L7 hop", () => {
    const [client, hopL4, hopL7, endpoint] = inspectResult(l4!, l4Spec, ix);
    expect(client?.fields.find((f) => f.label === "Sent")?.value).toBe("GET /api/orders");
    expect(hopL4?.fields.find((f) => f.label === "4-tuple")?.value).toBe("127.0.0.10:46059 → 127.0.0.1:39259");
    expect(hopL4?.fields.find((f) => f.label === "Path")).toMatchObject({ tone: "hidden" });
    expect(hopL4?.fields.find((f) => f.label === "Bytes in / out")?.value).toBe("69 / 414");
    expect(hopL7?.absent).toMatch(/Not on this path/);
    expect(endpoint?.fields.find((f) => f.label === "Request")?.value).toBe("GET /api/orders");
  });
  it("shows the path, route and added headers at L7, and no L4 hop", () => {
    const [, hopL4, hopL7] = inspectResult(l7!, l7Spec, ix);
    expect(hopL4?.absent).toMatch(/Not on this path/);
    expect(hopL7?.fields.find((f) => f.label === "Request")?.value).toBe("GET /api/users");
    expect(hopL7?.fields.find((f) => f.label === "Route")?.value).toBe("users-api (path-prefix) → cluster users");
    expect(hopL7?.fields.find((f) => f.label === "Headers added upstream")?.value).toContain("x-forwarded-for: 127.0.0.10");
  });
  it("says whether the L7 hop's TLS handshake was full or resumed, and that a resumed one sent no certificate", () => {
    const tlsAt = (resumed: boolean) => {
      const hs = ev({ type: "tls.handshake", listener: "edge-l7", connectionId: "c1", side: "downstream", sni: "lab.test", version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256", certificate: "CN=lab.test", alpn: "http/1.1", resumed });
      const hop = inspectResult(l7!, l7Spec, indexEvents([...events, hs]))[2]!;
      return [hop.fields.find((f) => f.label === "TLS (terminated here)")?.value, hop.fields.find((f) => f.label === "Certificate presented")?.value];
    };
    expect(tlsAt(false)).toEqual(["TLSv1.3 TLS_AES_128_GCM_SHA256, SNI lab.test, full handshake", "CN=lab.test"]);
    expect(tlsAt(true)).toEqual(["TLSv1.3 TLS_AES_128_GCM_SHA256, SNI lab.test, resumed session", "none: the client resumed a session (made with CN=lab.test)"]);
  });
});

describe("the composer form", () => {
  it("round-trips a preset and reports problems by field", () => {
    const spec = trafficSpecSchema.parse({ listener: "edge-l7", requests: 8, paths: ["/a", "/b"], headers: { "X-Team": "blue" }, cookies: { sid: "1" }, ratePerSecond: 50 });
    const { spec: back } = specFromForm(formFromSpec(spec));
    expect(trafficSpecSchema.parse(back)).toEqual(spec);
    const { errors } = specFromForm({ ...formFromSpec(spec), requests: "0", headers: "not a header", paths: "no-slash" });
    expect(Object.keys(errors).sort()).toEqual(["headers", "paths", "requests"]);
    // The listener's layer, when given, catches a protocol it cannot carry, as the engine would.
    expect(specFromForm({ ...formFromSpec(spec), protocol: "tcp" }, "l7").errors.protocol).toMatch(/needs an L4 listener/);
    expect(specFromForm({ ...formFromSpec(spec), protocol: "tcp" }, "l4").errors).toEqual({});
  });
});
