// What the L7 hop adds and removes, as the endpoint saw it (its JSON echo).
import { Client } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawExchange, send, startMiniLab, type MiniLab } from "./l7-harness";

let lab: MiniLab;
let client: Client;
beforeAll(async () => {
  lab = await startMiniLab({
    endpoints: [{ name: "app" }],
    clusters: [{ name: "app", endpoints: ["app"] }],
    listeners: [{ name: "web", layer: "l7", routes: [{ cluster: "app" }] }],
  });
  client = new Client(lab.url("web"));
});
afterAll(async () => {
  await client?.close();
  await lab?.close();
});

describe("L7 forwarding headers", () => {
  it("adds X-Forwarded-For, X-Forwarded-Proto, X-Request-Id and Via", async () => {
    const r = await send(client, "/");
    const h = r.json!.headers;
    expect(h["x-forwarded-for"]).toBe("127.0.0.1");
    expect(h["x-forwarded-proto"]).toBe("http");
    expect(h["x-request-id"]).toMatch(/^r\d+$/);
    expect(h.via).toBe("1.1 layerlab-web");
    // The response carries the same request id and our Via.
    expect(r.headers["x-request-id"]).toBe(h["x-request-id"]);
    expect(r.headers.via).toBe("1.1 layerlab-web");
    // The endpoint saw the proxy as its peer, not the client.
    expect(r.json!.peer.address).toBe("127.0.0.1");
  });

  it("appends to an existing X-Forwarded-For and Via, keeps a valid X-Request-Id", async () => {
    const r = await send(client, "/", { headers: { "x-forwarded-for": "203.0.113.9", via: "1.0 corp-proxy", "x-request-id": "abc-123.DEF" } });
    const h = r.json!.headers;
    expect(h["x-forwarded-for"]).toBe("203.0.113.9, 127.0.0.1");
    expect(h.via).toBe("1.0 corp-proxy, 1.1 layerlab-web");
    expect(h["x-request-id"]).toBe("abc-123.DEF");
  });

  it("replaces an invalid X-Request-Id and overwrites a spoofed X-Forwarded-Proto", async () => {
    const r = await send(client, "/", { headers: { "x-request-id": "no spaces allowed", "x-forwarded-proto": "https" } });
    const h = r.json!.headers;
    expect(h["x-request-id"]).toMatch(/^r\d+$/);
    expect(h["x-forwarded-proto"]).toBe("http");
  });

  it("strips hop-by-hop headers and those named in Connection (RFC 9110 §7.6.1)", async () => {
    const raw = await rawExchange(
      lab.port("web"),
      "GET /hop HTTP/1.1\r\nHost: lab.test\r\nConnection: keep-alive, X-Secret-Hop\r\nX-Secret-Hop: 1\r\nKeep-Alive: timeout=5\r\n" +
        "TE: trailers\r\nProxy-Connection: keep-alive\r\nUpgrade: h2c\r\nX-End-To-End: kept\r\nConnection: close\r\n\r\n",
    );
    const body = JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4));
    const seen = Object.keys(body.headers);
    for (const gone of ["x-secret-hop", "keep-alive", "te", "proxy-connection", "upgrade"]) expect(seen).not.toContain(gone);
    expect(body.headers["x-end-to-end"]).toBe("kept");
    expect(body.headers.host).toBe("lab.test");
  });

  it("forwards an HTTP/1.0 request without Host (adding one) and HEAD without a body", async () => {
    const raw = await rawExchange(lab.port("web"), "GET /old HTTP/1.0\r\n\r\n");
    expect(raw).toMatch(/^HTTP\/1\.1 200/);
    expect(JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4)).headers.host).toBe("lab.test");
    const head = await send(client, "/h", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    expect(Number(head.headers["content-length"])).toBeGreaterThan(0);
  });

  it("forwards request bodies (buffered) with a correct Content-Length", async () => {
    const r = await send(client, "/submit", { method: "POST", body: "hello=world", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(r.status).toBe(200);
    expect(r.json!.body).toBe("hello=world");
    expect(r.json!.headers["content-length"]).toBe("11");
  });

  it("rejects bodies over the engine limit with 413", async () => {
    const r = await send(client, "/big", { method: "PUT", body: "x".repeat(70 * 1024) });
    expect(r.status).toBe(413);
    expect(r.json!.error.code).toBe("LL_DOWNSTREAM_BODY_TOO_LARGE");
  });
});
