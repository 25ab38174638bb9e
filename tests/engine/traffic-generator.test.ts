// The traffic generator: distinct source addresses per client (said in traffic.start), a cookie
// jar per client, keep-alive vs per-request connections, Host/headers/body, HTTPS with SNI
// verified against the lab CA, WebSocket sessions, pacing — and source-IP hash stickiness,
// which only works because the clients really do come from different addresses.
import { afterEach, describe, expect, it } from "vitest";
import { trafficSpecSchema, type TrafficSpecInput } from "../../engine/api/schema";
import type { Lab } from "../../engine/lab/lab";
import { CookieJar } from "../../engine/traffic/cookie-jar";
import { distinctSourcesSupported } from "../../engine/traffic/source-addresses";
import { loadExample, recordEvents, startLab } from "./core-helpers";

let lab: Lab | null = null;
afterEach(async () => {
  await lab?.close("request");
  lab = null;
});

const run = (l: Lab, spec: TrafficSpecInput) => l.runTraffic(trafficSpecSchema.parse(spec));

describe("traffic generator", () => {
  it("gives each client its own source address and says so in traffic.start", async () => {
    lab = await startLab(loadExample("sticky.json"));
    const rec = recordEvents(lab);
    const r = await run(lab, { listener: "sticky-l4", clients: 4, requests: 8, keepAlive: false });
    const distinct = await distinctSourcesSupported();
    expect(r.sourceAddresses).toBe(distinct ? "distinct" : "shared");
    expect(rec.of("traffic.start")[0]).toMatchObject({ sourceAddresses: r.sourceAddresses, clients: 4, requests: 8 });
    expect(rec.of("traffic.end")[0]).toMatchObject({ runId: r.runId, ok: 8, failed: 0 });
    if (distinct) {
      expect(r.results.map((x) => x.sourceIp)).toEqual(["127.0.0.10", "127.0.0.11", "127.0.0.12", "127.0.0.13", "127.0.0.10", "127.0.0.11", "127.0.0.12", "127.0.0.13"]);
      // The listener hashed the client's own address (the endpoint's TCP peer is the proxy).
      const picks = rec.of("lb.pick");
      expect(new Set(picks.map((p) => p.reason.hashInput))).toEqual(new Set(["127.0.0.10", "127.0.0.11", "127.0.0.12", "127.0.0.13"]));
    }
    rec.stop();
  });

  it("source-ip-hash at L4 keeps every client on one endpoint across connections", async () => {
    lab = await startLab(loadExample("sticky.json"));
    const r = await run(lab, { listener: "sticky-l4", clients: 8, requests: 48, keepAlive: false, concurrency: 4 });
    expect(r.summary.failed).toBe(0);
    const byClient = new Map<number, Set<string>>();
    for (const x of r.results) byClient.set(x.client, (byClient.get(x.client) ?? new Set()).add(x.endpoint!));
    for (const set of byClient.values()) expect(set.size).toBe(1);
    // Every connection was new (per-request), yet the endpoint never changed.
    expect(new Set(r.results.map((x) => x.connectionId)).size).toBe(48);
    if (r.sourceAddresses === "distinct") expect(new Set(r.results.map((x) => x.endpoint)).size).toBeGreaterThan(1);
  });

  it("keeps a cookie jar per client (proxy stickiness at L7 holds per client)", async () => {
    lab = await startLab(loadExample("sticky.json"));
    const r = await run(lab, { listener: "sticky-l7", clients: 3, requests: 18, keepAlive: true });
    expect(r.summary.failed).toBe(0);
    const byClient = new Map<number, string[]>();
    for (const x of r.results) byClient.set(x.client, [...(byClient.get(x.client) ?? []), x.endpoint!]);
    for (const endpoints of byClient.values()) expect(new Set(endpoints).size).toBe(1);
    // Separate jars: the clients did not all inherit the first client's cookie.
    expect(new Set([...byClient.values()].map((e) => e[0])).size).toBe(3);
    // Keep-alive: one connection per client.
    for (const c of [0, 1, 2]) expect(new Set(r.results.filter((x) => x.client === c).map((x) => x.connectionId)).size).toBe(1);
  });

  it("cookie jar: spec cookies, Set-Cookie, Max-Age and deletion", () => {
    const jar = new CookieJar();
    jar.store(["LL_STICKY=app-2; Path=/; HttpOnly", "short=1; Max-Age=1"], 1000);
    expect(jar.header({ theme: "dark" }, 1500)).toBe("theme=dark; LL_STICKY=app-2; short=1");
    expect(jar.header({}, 2500)).toBe("LL_STICKY=app-2");
    jar.store(["LL_STICKY=; Max-Age=0"], 3000);
    expect(jar.header({}, 3000)).toBeUndefined();
  });

  it("sends paths, Host, headers and body; HTTPS with SNI verified against the lab CA", async () => {
    lab = await startLab(loadExample("tls.json"));
    const viaL4 = await run(lab, { listener: "tls-passthrough", requests: 4, tls: { serverName: "blog.lab.test" }, method: "POST", body: "x=1", paths: ["/a", "/b"], headers: { "x-lab": "1" } });
    expect(viaL4.summary).toMatchObject({ ok: 4, byEndpoint: { "blog-tls": 4 } });
    expect(viaL4.results[0]!.timings.tlsMs).toBeGreaterThan(0);
    const viaL7 = await run(lab, { listener: "tls-terminate", requests: 4, host: "www.lab.test" });
    expect(viaL7.summary.ok).toBe(4);
    // A name the CA never signed for the endpoint fails verification, with a stable code.
    const wrong = await run(lab, { listener: "tls-passthrough", requests: 1, tls: { serverName: "evil.lab.test" } });
    expect(wrong.results[0]!.error?.code).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
  });

  it("runs WebSocket sessions through an L4 listener", async () => {
    lab = await startLab(loadExample("l4-vs-l7.json"));
    const r = await run(lab, { listener: "edge-l4", protocol: "websocket", requests: 4, clients: 2, websocket: { messages: 3, text: "hi" } });
    expect(r.summary.failed).toBe(0);
    expect(r.results.every((x) => x.status === 101 && x.endpoint && x.connectionId)).toBe(true);
  });

  it("paces requests to ratePerSecond and bounds concurrency", async () => {
    lab = await startLab(loadExample("l4-vs-l7.json"));
    const r = await run(lab, { listener: "edge-l4", requests: 10, ratePerSecond: 50, concurrency: 4, clients: 4, keepAlive: false });
    expect(r.summary.ok).toBe(10);
    // Request n starts no earlier than n × 20 ms (generous: only the lower bound is checked).
    for (const x of r.results) expect(x.timings.startMs).toBeGreaterThanOrEqual(x.seq * 20 - 2);
  });

  // Without a limit, 6 requests that each wait up to 30 s would hold the API call (and the
  // lab's one traffic slot) for minutes. The endpoints are made to answer after 5 s, so the 1 s
  // limit is what ends this run: nothing answers before it, nothing waits past it.
  it("stops at maxRunMs: requests in flight are cancelled, the rest are not sent", async () => {
    lab = await startLab(loadExample("l4-vs-l7.json"));
    for (const endpoint of ["users-1", "users-2"]) await lab.applyFault({ endpoint, action: "latency", latencyMs: 5000 });
    const rec = recordEvents(lab);
    const r = await run(lab, { listener: "edge-l7", paths: ["/api/users"], requests: 6, clients: 2, concurrency: 2, timeoutMs: 30_000, maxRunMs: 1000 });
    expect(r.summary).toMatchObject({ total: 6, ok: 0, failed: 6, stopped: { code: "RUN_LIMIT" } });
    expect(r.summary.durationMs).toBeGreaterThanOrEqual(1000);
    expect(r.summary.durationMs).toBeLessThan(5000);
    for (const x of r.results) expect(x.error).toEqual({ code: "RUN_LIMIT", message: expect.stringContaining("time limit of 1 s") });
    // Two were in flight when the limit came (one per client); four never left.
    expect(r.results.filter((x) => x.timings.totalMs === 0)).toHaveLength(4);
    expect(rec.of("traffic.end")[0]).toMatchObject({ runId: r.runId, failed: 6, stopped: { code: "RUN_LIMIT" } });
    rec.stop();
  });

  it("stops raw TCP clients at maxRunMs too (here: waiting for a greeting HTTP endpoints never send)", async () => {
    lab = await startLab(loadExample("l4-vs-l7.json"));
    const r = await run(lab, { listener: "edge-l4", protocol: "tcp", requests: 3, timeoutMs: 30_000, maxRunMs: 1000 });
    expect(r.summary).toMatchObject({ total: 3, failed: 3, stopped: { code: "RUN_LIMIT" } });
    expect(r.summary.durationMs).toBeLessThan(5000);
    for (const x of r.results) expect(x.error?.code).toBe("RUN_LIMIT");
  });

  it("refuses raw TCP at an L7 listener, where every request could only time out", async () => {
    lab = await startLab(loadExample("l4-vs-l7.json"));
    await expect(run(lab, { listener: "edge-l7", protocol: "tcp", requests: 3 })).rejects.toMatchObject({ status: 400, code: "invalid_request", problems: [{ path: "protocol", message: expect.stringContaining("needs an L4 listener") }] });
    // Nothing was started: the lab's traffic slot is free.
    expect((await run(lab, { listener: "edge-l7", paths: ["/api/users"], requests: 1 })).summary.ok).toBe(1);
  });

  it("a run that ends by itself says it was not stopped", async () => {
    lab = await startLab(loadExample("l4-vs-l7.json"));
    const r = await run(lab, { listener: "edge-l4", requests: 2 });
    expect(r.summary).toMatchObject({ ok: 2, stopped: null });
  });

  it("refuses a paced run that cannot finish within maxRunMs", () => {
    const r = trafficSpecSchema.safeParse({ listener: "edge-l4", requests: 100, ratePerSecond: 10, maxRunMs: 5000 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["ratePerSecond"], message: expect.stringContaining("100 requests at 10 a second") });
    expect(trafficSpecSchema.safeParse({ listener: "edge-l4", requests: 100, ratePerSecond: 10, maxRunMs: 10_000 }).success).toBe(true);
  });
});
