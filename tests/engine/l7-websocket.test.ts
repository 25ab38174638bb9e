// WebSocket through the L7 listener: routed by path, two connections per client (both visible),
// torn down together, and sticky: the 101 carries the proxy's cookie.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { rawExchange, send, startMiniLab, until, type MiniLab } from "./l7-harness";
import { Client } from "undici";

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

  it("issues the sticky cookie on the 101, and later requests with it reach the socket's endpoint", async () => {
    const sticky = await startMiniLab({
      endpoints: [{ name: "s-1" }, { name: "s-2" }, { name: "s-3" }],
      clusters: [{ name: "app", endpoints: ["s-1", "s-2", "s-3"], sticky: { cookie: "LL_WS" } }],
      listeners: [{ name: "web", layer: "l7", routes: [{ cluster: "app" }] }],
    });
    const client = new Client(`http://127.0.0.1:${sticky.port("web")}`);
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${sticky.port("web")}/live`);
      let setCookie = "";
      ws.once("upgrade", (res) => (setCookie = String(res.headers["set-cookie"] ?? "")));
      await new Promise((resolve, reject) => {
        ws.once("open", resolve);
        ws.once("error", reject);
      });
      const frame = await ask(ws, "hi");
      ws.close();
      expect(setCookie).toMatch(/^LL_WS=s-\d; Path=\/; HttpOnly; SameSite=Lax$/);
      const holder = setCookie.slice("LL_WS=".length, setCookie.indexOf(";"));
      expect(frame.endpoint).toBe(holder);
      for (let i = 0; i < 3; i++) expect((await send(client, "/page", { headers: { cookie: `LL_WS=${holder}` } })).headers["x-served-by"]).toBe(holder);
    } finally {
      await client.close();
      await sticky.close();
    }
  });
});
