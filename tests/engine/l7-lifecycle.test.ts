// close() destroys every socket and timer the L7 listener opened — idle keep-alive clients,
// in-flight requests waiting on a slow endpoint, WebSocket tunnels, half-sent requests, pooled
// upstream connections — and nothing is left behind after many create/use/close cycles.
import net from "node:net";
import { Client } from "undici";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { waitFor } from "./core-helpers";
import { send, startMiniLab } from "./l7-harness";

/** Sockets, servers and timers alive in this process (Node's own accounting). */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) if (/TCP|Timeout|TLS|Pipe/.test(r)) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 20));
}

const SPEC = {
  endpoints: [{ name: "fast" }, { name: "slow", fault: { mode: "up" as const, latencyMs: 5000 } }, { name: "sec", tls: true }],
  clusters: [
    { name: "fast", endpoints: ["fast"] },
    { name: "slow", endpoints: ["slow"], timeouts: { connectMs: 1000, responseMs: 10_000 } },
    { name: "sec", endpoints: ["sec"] },
  ],
  listeners: [
    { name: "web", layer: "l7" as const, routes: [{ match: { pathPrefix: "/slow" }, cluster: "slow" }, { cluster: "fast" }] },
    { name: "tls", layer: "l7" as const, tls: "reencrypt" as const, routes: [{ cluster: "sec" }] },
  ],
};

describe("L7 listener lifecycle", () => {
  it("close() tears down clients, in-flight requests, tunnels and pools at once", async () => {
    await settle();
    const before = resources();
    const lab = await startMiniLab(SPEC);
    const idle = new Client(lab.url("web"));
    await send(idle, "/"); // leaves an idle keep-alive downstream and a pooled upstream connection
    const tls = new Client(`https://127.0.0.1:${lab.port("tls")}`, { connect: { ca: lab.ca.caCertPem, servername: "lab.test" } });
    await send(tls, "/");
    const slow = new Client(lab.url("web"));
    const inflight = send(slow, "/slow").then(
      () => "answered",
      () => "cut",
    );
    const ws = new WebSocket(`ws://127.0.0.1:${lab.port("web")}/chat`);
    await new Promise((r) => ws.once("open", r));
    const wsClosed = new Promise((r) => ws.once("close", r));
    const half = net.connect(lab.port("web"), "127.0.0.1");
    half.on("error", () => {});
    half.write("GET / HTTP/1.1\r\nHost: x\r\n");
    const halfClosed = new Promise((r) => half.once("close", r));
    await new Promise((r) => setTimeout(r, 100));
    // Sanity: the accounting does see what this test opened.
    expect(resources().TCPSocketWrap ?? 0).toBeGreaterThan((before.TCPSocketWrap ?? 0) + 8);

    const t0 = Date.now();
    await lab.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await inflight).toBe("cut");
    await wsClosed;
    await halfClosed;
    await Promise.all([idle.close(), tls.close(), slow.close()]);
    await settle();
    expect(resources()).toEqual(before);
  });

  it("30 listeners created, used and closed leave no socket or timer behind", async () => {
    await settle();
    const before = resources();
    for (let i = 0; i < 30; i++) {
      const lab = await startMiniLab({ ...SPEC, endpoints: SPEC.endpoints.map((e) => (e.name === "slow" ? { name: "slow" } : e)) });
      const c = new Client(lab.url("web"));
      expect((await send(c, "/")).status).toBe(200);
      expect((await send(c, "/slow")).status).toBe(200);
      await lab.close();
      await c.close();
    }
    await settle();
    expect(resources()).toEqual(before);
  });
  it("closes pooled upstream connections once they sit idle, and reuses them before that", async () => {
    const lab = await startMiniLab(SPEC, { upstreamIdleMs: 300 });
    const c = new Client(lab.url("web"));
    try {
      await send(c, "/");
      await new Promise((r) => setTimeout(r, 100));
      await send(c, "/"); // well inside the idle time: the same upstream connection
      const connects = lab.events.of("upstream.connect");
      expect(connects.map((e) => e.reused)).toEqual([false, true]);
      const t0 = Date.now();
      const closed = await waitFor(() => lab.events.of("upstream.close").length > 0 && lab.events.of("upstream.close"), 2000, "upstream.close");
      expect(closed.map((e) => e.upstreamConnectionId)).toEqual([connects[0]!.upstreamConnectionId]);
      // Idle 300 ms, swept every 300/8 ms: closed between 0.3 and ~0.5 s after the last answer.
      expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
      expect(Date.now() - t0).toBeLessThan(1000);
      await send(c, "/"); // a new connection after the old one aged out
      expect(lab.events.of("upstream.connect").at(-1)!.reused).toBe(false);
    } finally {
      await c.close();
      await lab.close();
    }
  });
});
