// The L4 listener: per-connection balancing (a keep-alive connection stays on one endpoint),
// bytes piped untouched with byte counts, the PROXY v1 header arriving at the endpoint, a
// client closed when no endpoint is healthy, silent connections closed after the idle timeout,
// half-close, backpressure and resets. Every test runs on both L4 transports (libuv and net).
import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { trafficSpecSchema, type LabSpecInput } from "../../engine/api/schema";
import type { L4Listener } from "../../engine/filters/l4/listener";
import type { Lab } from "../../engine/lab/lab";
import { connect, tcpTransports, listenerPort, readAll, recordEvents, request, startLab, waitFor } from "./core-helpers";

let lab: Lab | null = null;
afterEach(async () => {
  await lab?.close("request");
  lab = null;
});

const rrSpec = (extra: { proxyProtocol?: boolean } = {}): LabSpecInput => ({
  endpoints: [{ name: "a" }, { name: "b" }, { name: "c" }],
  clusters: [{ name: "pool", endpoints: ["a", "b", "c"], policy: "round-robin" }],
  listeners: [{ name: "tcp", layer: "l4", cluster: "pool", ...extra }],
});

describe.each(tcpTransports())("L4 listener on %s", (transport) => {
  const start = (spec: LabSpecInput) => startLab(spec, { tcpTransport: transport });

  it("keeps a keep-alive connection on one endpoint; new connections rotate", async () => {
    lab = await start(rrSpec());
    const port = listenerPort(lab, "tcp");
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const served: string[] = [];
      const conns: string[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await request(port, { agent, path: `/req/${i}` });
        expect(r.status).toBe(200);
        served.push(String(r.headers["x-served-by"]));
        conns.push(r.json<{ connectionId: string }>().connectionId);
      }
      expect((lab.listener("tcp") as L4Listener).transport).toBe(transport);
      expect(new Set(served).size).toBe(1); // one connection → one endpoint for its life
      expect(new Set(conns).size).toBe(1);
    } finally {
      agent.destroy();
    }
    const perRequest: string[] = [];
    for (let i = 0; i < 6; i++) perRequest.push(String((await request(port)).headers["x-served-by"]));
    expect(new Set(perRequest)).toEqual(new Set(["a", "b", "c"]));
  });

  it("emits connect, route, pick, upstream connect and close with byte counts", async () => {
    lab = await start(rrSpec());
    const rec = recordEvents(lab);
    const r = await request(listenerPort(lab, "tcp"), { path: "/hello" });
    expect(r.status).toBe(200);
    const close = await waitFor(() => rec.of("downstream.close")[0], 5000, "downstream.close");
    const [connect] = rec.of("downstream.connect");
    expect(connect).toMatchObject({ layer: "l4", listener: "tcp", client: { address: "127.0.0.1" } });
    expect(rec.of("route.match")[0]).toMatchObject({ matchedOn: "listener", cluster: "pool", connectionId: connect!.connectionId });
    expect(rec.of("lb.pick")[0]).toMatchObject({ cluster: "pool", endpoint: r.headers["x-served-by"], reason: { policy: "round-robin" } });
    await waitFor(() => rec.of("upstream.connect")[0], 5000, "upstream.connect");
    expect(close.bytesIn).toBeGreaterThan(20);
    expect(close.bytesOut).toBeGreaterThan(r.body.length);
    // L4 never parses HTTP, so it emits no http.request, and its request counter stays 0.
    expect(rec.of("http.request")).toHaveLength(0);
    expect((await lab.state()).listenerStats.tcp).toMatchObject({ totalConnections: 1, requests: 0 });
    rec.stop();
  });

  it("sends a PROXY v1 header that the endpoint parses and reports", async () => {
    lab = await start(rrSpec({ proxyProtocol: true }));
    const rec = recordEvents(lab);
    const r = await request(listenerPort(lab, "tcp"), { localAddress: "127.0.0.13" });
    const echo = r.json<{ peer: { address: string }; proxyProtocol: { raw: string; family: string; source: { address: string; port: number }; destination: { port: number } } }>();
    expect(echo.proxyProtocol.family).toBe("TCP4");
    expect(echo.proxyProtocol.source.address).toBe("127.0.0.13"); // the real client...
    expect(echo.peer.address).toBe("127.0.0.1"); // ...while the TCP peer is the proxy
    expect(echo.proxyProtocol.destination.port).toBe(listenerPort(lab, "tcp"));
    expect(echo.proxyProtocol.raw).toMatch(/^PROXY TCP4 127\.0\.0\.13 127\.0\.0\.1 \d+ \d+$/);
    const up = await waitFor(() => rec.of("upstream.connect")[0], 5000, "upstream.connect");
    expect(up.proxyProtocol).toBe(echo.proxyProtocol.raw);
    // Endpoint events cross from the sandbox thread in batches: wait for it.
    const seen = await waitFor(() => rec.of("endpoint.request")[0], 5000, "endpoint.request");
    expect(seen.proxyProtocol).toBe(echo.proxyProtocol.raw);
    rec.stop();
  });

  it("closes the client when no endpoint is healthy", async () => {
    lab = await start({
      endpoints: [{ name: "a", fault: { mode: "down" } }],
      clusters: [{ name: "pool", endpoints: ["a"] }],
      listeners: [{ name: "tcp", layer: "l4", cluster: "pool" }],
    });
    const rec = recordEvents(lab);
    const socket = await connect(listenerPort(lab, "tcp"));
    const got = await readAll(socket);
    expect(got.length).toBe(0);
    const close = await waitFor(() => rec.of("downstream.close")[0], 5000, "downstream.close");
    expect(close.reason).toMatch(/no healthy endpoint/);
    rec.stop();
  });

  it("tries another endpoint when a connect is refused, before any byte was sent (nginx's proxy_next_upstream)", async () => {
    lab = await start({
      endpoints: [{ name: "a", kind: "tcp-echo" }, { name: "b", kind: "tcp-echo" }, { name: "c", kind: "tcp-echo" }],
      // A slow check: after its first verdict (healthy) it will not look again during the test.
      clusters: [{ name: "pool", endpoints: ["a", "b", "c"], policy: "round-robin", healthCheck: { type: "tcp", intervalMs: 60_000, unhealthyThreshold: 10 } }],
      listeners: [{ name: "tcp", layer: "l4", cluster: "pool" }],
    });
    // Stopped after that verdict: the cluster still counts "a" healthy, so a pick can land on it
    // and its connect is refused.
    await lab.applyFault({ endpoint: "a", action: "stop" });
    const rec = recordEvents(lab);
    const port = listenerPort(lab, "tcp");
    const greetings: string[] = [];
    for (let i = 0; i < 4; i++) {
      const socket = await connect(port);
      socket.write("ping\n");
      const got = await new Promise<string>((resolve) => socket.once("data", (d: Buffer) => resolve(d.toString())));
      greetings.push(got);
      socket.destroy();
    }
    // Every connection reached a live endpoint, none reached "a".
    for (const g of greetings) expect(g).toMatch(/^tcp-echo endpoint=(b|c) /);
    const retry = await waitFor(() => rec.of("retry")[0], 2000, "retry");
    expect(retry).toMatchObject({ listener: "tcp", requestId: null, fromEndpoint: "a", attempt: 1 });
    expect(retry.reason).toMatch(/^connect-failure: a: ECONNREFUSED/);
    const retryPick = rec.of("lb.pick").find((e) => e.reason.kind === "retry");
    expect(retryPick?.connectionId).toBe(retry.connectionId);
    expect(retryPick?.endpoint).not.toBe("a");
    rec.stop();
  });

  it("pipes raw bytes to a tcp-echo endpoint and reports the connection id to the traffic generator", async () => {
    lab = await start({
      endpoints: [{ name: "echo-1", kind: "tcp-echo" }, { name: "echo-2", kind: "tcp-echo" }],
      clusters: [{ name: "pool", endpoints: ["echo-1", "echo-2"] }],
      listeners: [{ name: "tcp", layer: "l4", cluster: "pool" }],
    });
    const run = await lab.runTraffic(trafficSpecSchema.parse({ listener: "tcp", protocol: "tcp", clients: 2, requests: 6, keepAlive: true, body: "ping\n" }));
    expect(run.summary.failed).toBe(0);
    // Each keep-alive client stays on its endpoint; the two clients got different ones (round robin).
    for (const client of [0, 1]) {
      const mine = run.results.filter((r) => r.client === client);
      expect(new Set(mine.map((r) => r.endpoint)).size).toBe(1);
      expect(new Set(mine.map((r) => r.connectionId)).size).toBe(1);
      expect(mine[0]!.connectionId).toMatch(/^c\d+$/);
    }
    expect(Object.keys(run.summary.byEndpoint).sort()).toEqual(["echo-1", "echo-2"]);
  });

  it("still names each of the last 256 closed connections, and forgets older ones", async () => {
    lab = await start({ endpoints: [{ name: "echo", kind: "tcp-echo" }], clusters: [{ name: "pool", endpoints: ["echo"] }], listeners: [{ name: "tcp", layer: "l4", cluster: "pool" }] });
    const port = listenerPort(lab, "tcp");
    const clients: { address: string; port: number }[] = [];
    for (let i = 0; i < 300; i++) {
      const socket = await connect(port);
      clients.push({ address: socket.localAddress!, port: socket.localPort! });
      const closed = readAll(socket);
      socket.end();
      await closed;
    }
    const l = lab;
    await waitFor(async () => ((await l.state()).listenerStats["tcp"]!.activeConnections === 0 ? true : null), 5000, "all closed");
    const listener = lab.listener("tcp")!;
    const named = clients.map((c) => listener.connectionIdFor(c));
    expect(named.slice(0, 300 - 256).every((id) => id === undefined)).toBe(true);
    const kept = named.slice(300 - 256);
    expect(kept.every((id) => typeof id === "string" && /^c\d+$/.test(id))).toBe(true);
    expect(new Set(kept).size).toBe(256);
  });

  it("closes a connection that stays silent for the idle timeout, and only that one", async () => {
    lab = await start({
      endpoints: [{ name: "echo", kind: "tcp-echo" }],
      clusters: [{ name: "pool", endpoints: ["echo"] }],
      listeners: [{ name: "tcp", layer: "l4", cluster: "pool", idleTimeoutMs: 1000 }],
    });
    const rec = recordEvents(lab);
    const port = listenerPort(lab, "tcp");
    const silent = await connect(port);
    const chatty = await connect(port);
    const silentDone = readAll(silent);
    chatty.on("data", () => {});
    const t0 = Date.now();
    // The chatty client sends a byte every 200 ms for 2 s: always alive, never closed.
    const ticker = setInterval(() => chatty.write("."), 200);
    await silentDone;
    const silentFor = Date.now() - t0;
    await new Promise((r) => setTimeout(r, Math.max(0, 2000 - silentFor)));
    clearInterval(ticker);
    expect(silentFor).toBeGreaterThanOrEqual(1000);
    expect(silentFor).toBeLessThan(2000); // 1 s plus at most one 250 ms sweep, with slack
    expect(chatty.destroyed).toBe(false);
    chatty.destroy();
    const close = await waitFor(() => rec.of("downstream.close").find((e) => e.reason?.startsWith("idle")), 2000, "idle downstream.close");
    expect(close.reason).toBe("idle for 1000 ms");
    rec.stop();
  });
  it("passes a client's half-close on and still delivers everything the endpoint sends back", async () => {
    lab = await start({ endpoints: [{ name: "echo", kind: "tcp-echo" }], clusters: [{ name: "pool", endpoints: ["echo"] }], listeners: [{ name: "tcp", layer: "l4", cluster: "pool" }] });
    const client = await connect(listenerPort(lab, "tcp"));
    const payload = Buffer.alloc(256 * 1024, "abcdefgh");
    const received = readAll(client);
    // end(): the client stops sending but keeps reading. The echo only answers its own FIN once
    // the proxy passes the client's on; then everything echoed must still arrive.
    client.end(payload);
    const all = await received;
    const body = all.subarray(all.indexOf(0x0a) + 1); // after the greeting line
    expect(body.length).toBe(payload.length);
    expect(body.equals(payload)).toBe(true);
  });

  it("closes the endpoint's side when the client resets, and says why", async () => {
    lab = await start({ endpoints: [{ name: "echo", kind: "tcp-echo" }], clusters: [{ name: "pool", endpoints: ["echo"] }], listeners: [{ name: "tcp", layer: "l4", cluster: "pool" }] });
    const rec = recordEvents(lab);
    const client = await connect(listenerPort(lab, "tcp"));
    await new Promise((r) => client.once("data", r)); // the echo's greeting: both hops are up
    client.resetAndDestroy();
    const close = await waitFor(() => rec.of("downstream.close")[0], 5000, "downstream.close");
    expect(close.reason).toBe("downstream ECONNRESET");
    expect(rec.of("upstream.close")[0]).toMatchObject({ endpoint: "echo", connectionId: close.connectionId });
    const l = lab;
    await waitFor(async () => ((await l.state()).endpointStats["echo"]?.activeConnections === 0 ? true : null), 5000, "the endpoint's connection closed");
    expect((await lab.state()).listenerStats["tcp"]!.activeConnections).toBe(0);
    rec.stop();
  });

  it("ends the client's connection when the endpoint goes away mid-connection", async () => {
    lab = await start({ endpoints: [{ name: "echo", kind: "tcp-echo" }], clusters: [{ name: "pool", endpoints: ["echo"] }], listeners: [{ name: "tcp", layer: "l4", cluster: "pool" }] });
    const rec = recordEvents(lab);
    const client = await connect(listenerPort(lab, "tcp"));
    const received = readAll(client);
    await new Promise((r) => client.once("data", r));
    await lab.applyFault({ endpoint: "echo", action: "stop" });
    await received; // the client saw its connection end instead of hanging
    const close = await waitFor(() => rec.of("downstream.close")[0], 5000, "downstream.close");
    expect(close.bytesOut).toBeGreaterThan(0);
    expect((await lab.state()).listenerStats["tcp"]!.activeConnections).toBe(0);
    rec.stop();
  });

  it("stops reading from the endpoint while the client does not read, then delivers every byte in order", async () => {
    lab = await start({ endpoints: [{ name: "echo", kind: "tcp-echo" }], clusters: [{ name: "pool", endpoints: ["echo"] }], listeners: [{ name: "tcp", layer: "l4", cluster: "pool" }] });
    const client = await connect(listenerPort(lab, "tcp"));
    client.pause(); // reads nothing until told
    const total = 16 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024);
    for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32BE(i, i);
    for (let sent = 0; sent < total; sent += chunk.length) if (!client.write(chunk)) await new Promise((r) => client.once("drain", r));
    await new Promise((r) => setTimeout(r, 300));
    // bytesOut counts what the proxy handed to the client's socket, buffered or not. Had it kept
    // reading from the endpoint, nearly all 16 MiB would be there; with backpressure, only what
    // fills the kernel's buffers on the way (a few MiB on loopback) plus one chunk.
    const stalled = (await lab.state()).listenerStats["tcp"]!.bytesOut;
    expect(stalled).toBeLessThan(8 * 1024 * 1024);
    const received = readAll(client);
    client.resume();
    client.end();
    const all = await received;
    const body = all.subarray(all.indexOf(0x0a) + 1);
    expect(body.length).toBe(total);
    for (let off = 0; off < total; off += chunk.length) if (!body.subarray(off, off + chunk.length).equals(chunk)) throw new Error(`bytes differ in the chunk at ${off}`);
  });
});
