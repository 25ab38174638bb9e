// Active health checks: a TCP-connect check passes on an endpoint that answers 500 while an HTTP
// check fails it (examples/health.json: the L4 side keeps serving 500s, the L7 side stops);
// thresholds emit health.change; an HTTP check reaches a TLS endpoint over TLS.
import { afterEach, describe, expect, it } from "vitest";
import { trafficSpecSchema } from "../../engine/api/schema";
import type { Lab } from "../../engine/lab/lab";
import { distinctSourcesSupported } from "../../engine/traffic/source-addresses";
import { loadExample, recordEvents, startLab, waitFor } from "./core-helpers";

let lab: Lab | null = null;
afterEach(async () => {
  await lab?.close("request");
  lab = null;
});

const healthyOf = (lab: Lab, cluster: string, endpoint: string) =>
  lab.created().clusters.find((c) => c.name === cluster)!.endpoints.find((e) => e.name === endpoint)!.healthy;

describe("health checks", () => {
  it("counts an endpoint's HTTP health checks apart from the traffic it served", async () => {
    lab = await startLab({
      endpoints: [{ name: "web" }],
      clusters: [{ name: "pool", endpoints: ["web"], healthCheck: { type: "http", intervalMs: 100 } }],
      listeners: [{ name: "edge", layer: "l7", routes: [{ cluster: "pool" }] }],
    });
    await lab.runTraffic(trafficSpecSchema.parse({ listener: "edge", requests: 3, keepAlive: false }));
    await new Promise((r) => setTimeout(r, 350)); // a few more checks
    const stats = (await lab.state()).endpointStats.web!;
    expect(stats.requests).toBe(3);
    expect(stats.healthChecks).toBeGreaterThanOrEqual(2);
    // One client, one request at a time: the listener reuses one pooled upstream connection. The
    // checks' own connections (one per check, from 127.0.0.3) stay out of the traffic's count.
    expect(stats.totalConnections).toBe(1);
  });

  it("counts TCP health checks by their source address, not as the traffic's connections", async () => {
    expect(await distinctSourcesSupported()).toBe(true); // Linux: all of 127.0.0.0/8 is loopback
    lab = await startLab({
      endpoints: [{ name: "echo", kind: "tcp-echo" }],
      clusters: [{ name: "pool", endpoints: ["echo"], healthCheck: { type: "tcp", intervalMs: 100 } }],
      listeners: [{ name: "tcp", layer: "l4", cluster: "pool" }],
    });
    await lab.runTraffic(trafficSpecSchema.parse({ listener: "tcp", protocol: "tcp", requests: 2, keepAlive: false }));
    await new Promise((r) => setTimeout(r, 350));
    const stats = (await lab.state()).endpointStats.echo!;
    expect(stats.totalConnections).toBe(2);
    expect(stats.healthChecks).toBeGreaterThanOrEqual(3);
  });

  it("does not count a health check's connection among an endpoint's open connections", async () => {
    // 1 s of latency holds each HTTP check's connection open after its request has been counted.
    lab = await startLab({
      endpoints: [{ name: "slow", fault: { latencyMs: 1000 } }],
      clusters: [{ name: "pool", endpoints: ["slow"], healthCheck: { type: "http", intervalMs: 100, timeoutMs: 2000 } }],
      listeners: [{ name: "edge", layer: "l7", routes: [{ cluster: "pool" }] }],
    });
    const stats = await waitFor(async () => {
      const s = (await lab!.state()).endpointStats.slow!;
      return s.healthChecks > 0 && s;
    }, 3000, "a health check in flight");
    expect(stats).toMatchObject({ healthChecks: 1, activeConnections: 0, totalConnections: 0 });
  });

  it("health.json: the TCP check keeps the 500 endpoint, the HTTP check removes it (within 5 s)", async () => {
    const created = Date.now();
    lab = await startLab(loadExample("health.json"));
    const rec = recordEvents(lab);
    const change = await waitFor(() => rec.of("health.change").find((e) => e.cluster === "pool-http"), 5000, "pool-http health.change");
    expect(change).toMatchObject({ endpoint: "broken", healthy: false, check: "http" });
    expect(change.detail).toMatch(/answered 500 \(expected 200\)/);
    expect(Date.now() - created).toBeLessThan(5000);
    // Let the TCP checker run a few rounds too: it must never mark "broken" down.
    await new Promise((r) => setTimeout(r, 1100));
    expect(rec.of("health.change").filter((e) => e.cluster === "pool-tcp")).toHaveLength(0);
    expect(healthyOf(lab, "pool-tcp", "broken")).toBe(true);
    expect(healthyOf(lab, "pool-http", "broken")).toBe(false);

    const l4 = await lab.runTraffic(trafficSpecSchema.parse({ listener: "health-l4", requests: 9, clients: 3, keepAlive: false }));
    expect(l4.results.filter((r) => r.status === 500).length).toBeGreaterThan(0);
    expect(l4.summary.byEndpoint.broken).toBeGreaterThan(0);
    const l7 = await lab.runTraffic(trafficSpecSchema.parse({ listener: "health-l7", requests: 9, clients: 3, keepAlive: false }));
    expect(l7.results.filter((r) => r.status === 500)).toHaveLength(0);
    expect(l7.summary.byEndpoint.broken ?? 0).toBe(0);
    rec.stop();
  });

  it("a TCP check notices a stopped endpoint and its return, after the thresholds", async () => {
    lab = await startLab({
      endpoints: [{ name: "a" }, { name: "b" }],
      clusters: [{ name: "pool", endpoints: ["a", "b"], healthCheck: { type: "tcp", intervalMs: 100, timeoutMs: 100, unhealthyThreshold: 2, healthyThreshold: 2 } }],
      listeners: [{ name: "tcp", layer: "l4", cluster: "pool" }],
    });
    const rec = recordEvents(lab);
    await lab.applyFault({ endpoint: "b", action: "stop" });
    const down = await waitFor(() => rec.of("health.change").find((e) => !e.healthy), 5000, "unhealthy");
    expect(down).toMatchObject({ endpoint: "b", check: "tcp" });
    expect(down.detail).toMatch(/refused/);
    await lab.applyFault({ endpoint: "b", action: "start" });
    const up = await waitFor(() => rec.of("health.change").find((e) => e.healthy), 5000, "healthy again");
    expect(up).toMatchObject({ endpoint: "b", check: "tcp" });
    expect(rec.of("fault.change").map((f) => f.fault.mode)).toEqual(["down", "up"]);
    rec.stop();
  });

  it("an HTTP check of a TLS endpoint goes through its TLS", async () => {
    lab = await startLab({
      endpoints: [{ name: "secure", tls: true }],
      clusters: [{ name: "pool", endpoints: ["secure"], healthCheck: { type: "http", intervalMs: 100, unhealthyThreshold: 1, healthyThreshold: 1 } }],
      listeners: [{ name: "web", layer: "l7", tls: "reencrypt", routes: [{ cluster: "pool" }] }],
    });
    const rec = recordEvents(lab);
    const req = await waitFor(() => rec.of("endpoint.request").find((e) => e.path === "/health"), 5000, "health request");
    expect(req.encrypted).toBe(true);
    expect(rec.of("health.change")).toHaveLength(0); // still healthy: the check spoke TLS
    await lab.applyFault({ endpoint: "secure", action: "error", status: 503 });
    const change = await waitFor(() => rec.of("health.change")[0], 5000, "health.change");
    expect(change.detail).toMatch(/over TLS answered 503/);
    rec.stop();
  });
});
