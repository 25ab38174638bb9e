// The errors a real proxy sends — 400 for smuggling shapes, 408 slow clients, 431 huge heads,
// 502 dead upstream, 503 nothing healthy, 504 slow upstream — with JSON bodies naming the side
// at fault, and the listener surviving all of it.
import { Client } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawExchange, send, startMiniLab, type MiniLab } from "./l7-harness";

let lab: MiniLab;
beforeAll(async () => {
  lab = await startMiniLab(
    {
      endpoints: [{ name: "ok" }, { name: "slow", fault: { mode: "up", latencyMs: 1500 } }, { name: "dead" }, { name: "gone" }],
      clusters: [
        { name: "ok", endpoints: ["ok"] },
        { name: "slow", endpoints: ["slow"], timeouts: { connectMs: 500, responseMs: 200 } },
        // A health check that already passed keeps "dead" in rotation until it fails twice.
        { name: "dead", endpoints: ["dead"], healthCheck: { type: "tcp", intervalMs: 60_000, unhealthyThreshold: 5 } },
        { name: "gone", endpoints: ["gone"] },
      ],
      listeners: [
        {
          name: "web",
          layer: "l7",
          routes: [
            { match: { pathPrefix: "/slow" }, cluster: "slow" },
            { match: { pathPrefix: "/dead" }, cluster: "dead" },
            { match: { pathPrefix: "/gone" }, cluster: "gone" },
            { cluster: "ok" },
          ],
        },
        { name: "secure", layer: "l7", tls: "terminate", hostnames: ["lab.test"], routes: [{ cluster: "ok" }] },
      ],
    },
    { headersTimeoutMs: 300, requestTimeoutMs: 600, timeoutSweepMs: 100 },
  );
});
afterAll(() => lab?.close());

const down = { mode: "down", status: 500, latencyMs: 0 } as const;
const statusOf = (raw: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
const bodyOf = (raw: string) => JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4));

describe("L7 upstream errors", () => {
  it("502 when the endpoint refuses the connection (origin upstream)", async () => {
    await lab.endpoints.get("dead")!.setFault(down);
    const c = new Client(lab.url("web"));
    try {
      const r = await send(c, "/dead");
      expect(r.status).toBe(502);
      expect(r.json!.error).toMatchObject({ code: "LL_UPSTREAM_CONNECT_FAILED", origin: "upstream" });
      expect(r.headers["x-request-id"]).toBeTruthy();
      // The downstream connection survives a 502.
      expect((await send(c, "/")).status).toBe(200);
    } finally {
      await c.close();
    }
  });

  it("503 when no endpoint of the cluster is healthy (origin proxy)", async () => {
    await lab.endpoints.get("gone")!.setFault(down);
    const c = new Client(lab.url("web"));
    try {
      const r = await send(c, "/gone");
      expect(r.status).toBe(503);
      expect(r.json!.error).toMatchObject({ code: "LL_PROXY_NO_HEALTHY_UPSTREAM", origin: "proxy" });
    } finally {
      await c.close();
    }
  });

  it("504 when the endpoint answers after the cluster's response timeout", async () => {
    const c = new Client(lab.url("web"));
    try {
      const t0 = Date.now();
      const r = await send(c, "/slow");
      expect(r.status).toBe(504);
      expect(r.json!.error).toMatchObject({ code: "LL_UPSTREAM_TIMEOUT", origin: "upstream" });
      expect(Date.now() - t0).toBeLessThan(1200);
      const resp = lab.events.of("http.response").at(-1)!;
      expect(resp).toMatchObject({ status: 504, endpoint: "slow", error: "LL_UPSTREAM_TIMEOUT" });
    } finally {
      await c.close();
    }
  });
});

describe("L7 downstream errors (raw sockets)", () => {
  const smuggling: Record<string, string> = {
    "Content-Length with Transfer-Encoding": "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "two differing Content-Lengths": "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde",
    "obs-fold line folding": "GET / HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n  b\r\n\r\n",
    "invalid chunk size": "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
    "chunk size overflow": "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nhello\r\n0\r\n\r\n",
    "Transfer-Encoding not ending in chunked": "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
    "space before the colon": "GET / HTTP/1.1\r\nHost: x\r\nContent-Length : 0\r\n\r\n",
    "garbage request line": "HELLO\r\n\r\n",
    "HTTP/1.1 without Host": "GET / HTTP/1.1\r\n\r\n",
  };
  let okBaseline = 0;
  beforeAll(() => {
    okBaseline = lab.endpoints.get("ok")!.stats().requests;
  });
  for (const [name, payload] of Object.entries(smuggling))
    it(`400 for ${name}, and the connection is closed`, async () => {
      const raw = await rawExchange(lab.port("web"), payload);
      expect(statusOf(raw)).toBe(400);
      expect(raw).toMatch(/Connection: close/i);
      if (raw.includes("application/json")) expect(bodyOf(raw).error.origin).toBe("downstream");
      // Nothing malformed ever reaches an endpoint.
      expect(lab.endpoints.get("ok")!.stats().requests).toBe(okBaseline);
    });

  it("431 for request headers over the limit", async () => {
    const raw = await rawExchange(lab.port("web"), `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20 * 1024)}\r\n\r\n`);
    expect(statusOf(raw)).toBe(431);
    expect(bodyOf(raw).error).toMatchObject({ code: "LL_DOWNSTREAM_HEADERS_TOO_LARGE", origin: "downstream" });
  });

  it("408 for a client that stops sending its head (Slowloris)", async () => {
    const t0 = Date.now();
    const raw = await rawExchange(lab.port("web"), "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ", { waitMs: 4000 });
    expect(statusOf(raw)).toBe(408);
    expect(bodyOf(raw).error.code).toBe("LL_DOWNSTREAM_TIMEOUT");
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it("drops a TLS handshake that stalls past the head deadline", async () => {
    const t0 = Date.now();
    // Half a ClientHello record header, then silence.
    await rawExchange(lab.port("secure"), Buffer.from([0x16, 0x03, 0x01]), { waitMs: 4000 }).catch(() => ""); // a reset is a close too
    expect(Date.now() - t0).toBeLessThan(2000); // closed by the listener after ~300 ms, not by waitMs
  });

  it("TLS garbage and half-open sockets do not hurt the listener", async () => {
    await rawExchange(lab.port("web"), Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 1, 2, 3]), { waitMs: 500 });
    await rawExchange(lab.port("web"), "", { waitMs: 100 });
    const c = new Client(lab.url("web"));
    try {
      expect((await send(c, "/")).status).toBe(200);
    } finally {
      await c.close();
    }
  });
});

describe("L7 request targets", () => {
  it("accepts absolute-form (RFC 9112 §3.2.2) and forwards origin-form", async () => {
    const raw = await rawExchange(lab.port("web"), "GET http://lab.test/abs?q=1 HTTP/1.1\r\nHost: lab.test\r\nConnection: close\r\n\r\n");
    expect(statusOf(raw)).toBe(200);
    expect(bodyOf(raw).path).toBe("/abs?q=1");
  });

  it("refuses asterisk-form with 400 and never blames the endpoint", async () => {
    const raw = await rawExchange(lab.port("web"), "OPTIONS * HTTP/1.1\r\nHost: lab.test\r\nConnection: close\r\n\r\n");
    expect(statusOf(raw)).toBe(400);
    expect(bodyOf(raw).error.code).toBe("LL_DOWNSTREAM_BAD_REQUEST");
  });
});
