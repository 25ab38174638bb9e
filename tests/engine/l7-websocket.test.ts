// WebSocket through the L7 listener: routed by path, two connections per client (both visible),
// and torn down together.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { rawExchange, startMiniLab, until, type MiniLab } from "./l7-harness";

let lab: MiniLab;
beforeAll(async () => {
  lab = await startMiniLab({
    endpoints: [{ name: "chat-1" }, { name: "chat-2" }, { name: "feed" }, { name: "sec", tls: true }],
    clusters: [
      { name: "chat", endpoints: ["chat-1", "chat-2"] },
      { name: "feed", endpoints: ["feed"] },
      { name: "sec", endpoints: ["sec"] },
    ],
    listeners: [
      { name: "web", layer: "l7", routes: [{ match: { pathPrefix: "/ws/feed" }, cluster: "feed" }, { cluster: "chat" }] },
      { name: "wss", layer: "l7", tls: "reencrypt", hostnames: ["ws.lab.test"], routes: [{ cluster: "sec" }] },
    ],
  });
});
afterAll(() => lab?.close());

function open(url: string, opts: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, opts);
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- echo frames are asserted field by field
function ask(ws: WebSocket, text: string): Promise<Record<string, any>> {
  return new Promise((resolve) => {
    ws.once("message", (data) => resolve(JSON.parse(String(data))));
    ws.send(text);
  });
}

describe("WebSocket through L7", () => {
  it("upgrades, routes by path, and keeps one endpoint for the socket's life", async () => {
    lab.events.clear();
    const ws = await open(`ws://127.0.0.1:${lab.port("web")}/ws/feed?x=1`);
    try {
      const a = await ask(ws, "hello");
      const b = await ask(ws, "again");
      expect(a).toMatchObject({ endpoint: "feed", message: "hello", seq: 1, path: "/ws/feed?x=1" });
      expect(b).toMatchObject({ endpoint: "feed", message: "again", seq: 2, connectionId: a.connectionId });
    } finally {
      ws.close();
    }
    const up = lab.events.of("websocket.upgrade")[0]!;
    expect(up).toMatchObject({ listener: "web", path: "/ws/feed?x=1", endpoint: "feed" });
    // Two connections per client: the downstream one and the proxy's own upstream one.
    const down = lab.events.of("downstream.connect")[0]!;
    const upc = lab.events.of("upstream.connect")[0]!;
    expect(upc).toMatchObject({ connectionId: down.connectionId, upstreamConnectionId: up.upstreamConnectionId, reused: false });
    expect(lab.events.of("route.match")[0]!.cluster).toBe("feed");
    await until(() => lab.events.of("upstream.close").some((e) => e.upstreamConnectionId === up.upstreamConnectionId));
    await until(() => lab.events.of("downstream.close").some((e) => e.connectionId === down.connectionId));
    const closed = lab.events.of("upstream.close").find((e) => e.upstreamConnectionId === up.upstreamConnectionId)!;
    expect(closed.bytesIn).toBeGreaterThan(0);
    expect(closed.bytesOut).toBeGreaterThan(0);
  });

  it("balances WebSocket upgrades like requests", async () => {
    const sockets = await Promise.all([0, 1, 2, 3].map(() => open(`ws://127.0.0.1:${lab.port("web")}/ws/chat`)));
    try {
      const seen = await Promise.all(sockets.map((ws) => ask(ws, "hi")));
      expect(new Set(seen.map((s) => s.endpoint))).toEqual(new Set(["chat-1", "chat-2"]));
    } finally {
      for (const ws of sockets) ws.close();
    }
  });

  it("works over TLS at both hops (wss → reencrypt → TLS endpoint)", async () => {
    const ws = await open(`wss://127.0.0.1:${lab.port("wss")}/live`, { ca: lab.ca.caCertPem, servername: "ws.lab.test" } as WebSocket.ClientOptions);
    try {
      expect(await ask(ws, "secure")).toMatchObject({ endpoint: "sec", message: "secure" });
      expect(lab.events.of("upstream.connect").at(-1)!.tls).toBe(true);
    } finally {
      ws.close();
    }
  });

  it("refuses non-WebSocket upgrades with 400", async () => {
    const raw = await rawExchange(lab.port("web"), "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n");
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect(raw).toContain("LL_PROXY_UPGRADE_UNSUPPORTED");
  });

  it("closing the listener tears down open tunnels", async () => {
    const ws = await open(`ws://127.0.0.1:${lab.port("web")}/ws/chat`);
    const closed = new Promise<number>((r) => ws.once("close", (code) => r(code)));
    await ask(ws, "x");
    await lab.listeners.get("web")!.close();
    expect(await closed).toBeGreaterThan(0);
  });
});
