// The engine's own HTTP/1.1 server connection (engine/http1/server-connection.ts), behind the L7
// listener and the sandbox endpoints, driven with raw bytes over real loopback sockets: framing,
// keep-alive, ordered answers to pipelined requests, 100-continue, HEAD, chunked answers,
// upgrades, and every way a request can be refused. Every test runs on both sockets the engine
// serves HTTP on — net.Socket (sandbox endpoints, TLS) and HandleSocket (the plain-HTTP L7
// listener, engine/transport/handle-socket.ts) — and on each twice: with the parser consuming the
// socket's handle (the usual case) and reading the socket's stream (the fallback for a handle
// something else already consumes).
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeadlineSweep } from "../../engine/http1/deadline-sweep";
import { HttpServerConnection, type HttpServerLimits, type ServerRequest } from "../../engine/http1/server-connection";
import type { ServerSocket } from "../../engine/http1/server-socket";
import { listenHandles } from "../../engine/transport/handle-socket";
import { libuvTcp, type LoopbackServer } from "../../engine/transport/libuv-tcp";

const LIMITS: HttpServerLimits = { maxHeaderBytes: 2048, maxBodyBytes: 64, headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 400 };
const sweep = new DeadlineSweep(50);
/** Checks so rarely that only the checks made as a request completes can refuse it. */
const lazySweep = new DeadlineSweep(60_000);
let sweepForNext = sweep;

let server: net.Server;
let handleServer: LoopbackServer | null = null;
type SocketKind = "net.Socket" | "HandleSocket";
let socketKind: SocketKind = "net.Socket";
const upgrades: { req: ServerRequest; head: string }[] = [];
type ReadVia = "consumed handle" | "socket stream";
let readVia: ReadVia = "consumed handle";
/** Per connection: did the parser consume the handle? */
const consumed: boolean[] = [];
const connections: HttpServerConnection[] = [];
const noDelayOf = new Map<HttpServerConnection, () => boolean>();

function serve(socket: ServerSocket): void {
  socket.on("error", () => {});
  {
    const handle = (socket as ServerSocket & { _handle: { _consumed?: boolean; setNoDelay(on: boolean): number } })._handle;
    // What the connection last set Nagle to, seen at the handle (where both sockets set it).
    const setNoDelay = handle.setNoDelay;
    let noDelay = false;
    handle.setNoDelay = function (on: boolean) {
      noDelay = on;
      return setNoDelay.call(this, on);
    };
    // Marked as node:http marks a handle its parser consumes: the connection must read the stream.
    if (readVia === "socket stream") handle._consumed = true;
    const conn = new HttpServerConnection(socket, LIMITS, {
      onRequest: (req, res) => {
        // `/slow` and `/hold` answer late, to show pipelined requests behind them wait their turn.
        const delay = req.url.startsWith("/slow") ? 60 : req.url.startsWith("/hold") ? 400 : 0;
        const answer = () => {
          const body = JSON.stringify({ method: req.method, url: req.url, version: req.httpVersion, headers: req.headers, body: req.body?.toString() ?? "" });
          if (req.url === "/bye") res.closeAfter();
          if (req.url.startsWith("/stream")) {
            // No length: chunked for HTTP/1.1, close-delimited for HTTP/1.0.
            res.writeHead(200, "OK", ["x-url", req.url]);
            res.write(Buffer.from(body.slice(0, 10)));
            return res.end(body.slice(10));
          }
          res.writeHead(200, "OK", ["x-url", req.url, "content-length", String(Buffer.byteLength(body))]);
          res.end(body);
        };
        if (delay) setTimeout(answer, delay);
        else answer();
      },
      onUpgrade: (req, socket, head) => {
        upgrades.push({ req, head: head.toString() });
        socket.end("HTTP/1.1 101 Switching Protocols\r\nupgrade: test\r\nconnection: upgrade\r\n\r\nswitched");
      },
      refuse: (status, detail) => ({ status, reason: "Refused", headers: ["x-served-by", "unit"], body: JSON.stringify({ detail }) }),
    }, sweepForNext);
    connections.push(conn);
    noDelayOf.set(conn, () => noDelay);
    consumed.push(readVia === "consumed handle" && handle._consumed === true);
  }
}

const uv = libuvTcp();
if (!uv) console.warn("Node's TCP handles are not available here: HttpServerConnection is tested on net.Socket only");
const socketKinds: SocketKind[] = uv ? ["net.Socket", "HandleSocket"] : ["net.Socket"];

beforeAll(async () => {
  server = net.createServer(serve);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  if (uv) handleServer = listenHandles(uv, serve);
});
afterAll(async () => {
  sweep.stop();
  lazySweep.stop();
  await handleServer?.close();
  await new Promise<void>((r) => server.close(() => r()));
});

/** Sends `chunks` (with `gapMs` between them) and collects everything until the server closes or `untilMs` passes. */
function exchange(chunks: string[], opts: { gapMs?: number; untilMs?: number } = {}): Promise<{ text: string; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const port = socketKind === "HandleSocket" ? handleServer!.port : (server.address() as net.AddressInfo).port;
    const s = net.connect({ port, host: "127.0.0.1", noDelay: true });
    let text = "";
    let closedByServer = false;
    const timer = setTimeout(() => s.destroy(), opts.untilMs ?? 1500);
    s.on("data", (d) => (text += d.toString("latin1")));
    s.on("end", () => (closedByServer = true));
    s.on("error", reject);
    s.on("close", () => {
      clearTimeout(timer);
      resolve({ text, closedByServer });
    });
    let i = 0;
    const next = () => {
      if (i >= chunks.length || s.destroyed) return;
      s.write(chunks[i++]!);
      setTimeout(next, opts.gapMs ?? 0);
    };
    s.on("connect", next);
  });
}

const statuses = (text: string) => [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
const bodies = (text: string) => [...text.matchAll(/\r\n\r\n(\{[^\r]*?\})(?=HTTP|$)/g)].map((m) => JSON.parse(m[1]!) as { url: string; body: string; headers: Record<string, unknown>; method: string; version: string });

const modes = socketKinds.flatMap((kind) => (["consumed handle", "socket stream"] as ReadVia[]).map((via) => [kind, via] as const));
describe.each(modes)("HttpServerConnection on a %s reading the %s", (kind, via) => {
  beforeAll(() => {
    socketKind = kind;
    readVia = via;
  });

  it("answers keep-alive requests on one connection and closes when asked", async () => {
    const r = await exchange(["GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "GET /bye HTTP/1.1\r\nHost: x\r\n\r\n"], { gapMs: 20 });
    expect(statuses(r.text), r.text).toEqual([200, 200]);
    expect(r.text).toMatch(/x-url: \/a\r\ncontent-length: \d+\r\ndate: .+ GMT\r\nconnection: keep-alive\r\n/);
    expect(r.text).toMatch(/x-url: \/bye\r\n.*\r\nconnection: close\r\n/s);
    expect(r.closedByServer).toBe(true);
    expect(consumed.at(-1)).toBe(via === "consumed handle");
  });

  it("answers pipelined requests in request order even when the first is slower", async () => {
    const r = await exchange(["GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\nGET /bye HTTP/1.1\r\nHost: x\r\n\r\n"]);
    expect(bodies(r.text).map((b) => b.url)).toEqual(["/slow", "/fast", "/bye"]);
  });

  it("stops reading at 16 waiting requests and reads on as they are answered", async () => {
    // /hold answers after 400 ms; the 40 requests behind it arrive one write at a time meanwhile.
    const urls = ["/hold", ...Array.from({ length: 40 }, (_, i) => `/p${i}`), "/bye"];
    const done = exchange(urls.map((u) => `GET ${u} HTTP/1.1\r\nHost: x\r\n\r\n`), { gapMs: 2 });
    await new Promise((r) => setTimeout(r, 300));
    // Reading pauses at 16; requests that arrived in the same read as the 16th are parsed too.
    const queued = connections.at(-1)!.queued;
    expect(queued).toBeGreaterThanOrEqual(16);
    expect(queued).toBeLessThanOrEqual(24); // not all 40: the rest waits unread in the socket
    const r = await done;
    expect(bodies(r.text).map((b) => b.url)).toEqual(urls);
  });

  it("refuses a head or a body that completes after its deadline, even between sweeps", async () => {
    sweepForNext = lazySweep;
    try {
      const lateHead = await exchange(["GET / HTTP/1.1\r\n", "Host: x\r\n\r\n"], { gapMs: 450 });
      expect(statuses(lateHead.text)).toEqual([408]);
      const lateBody = await exchange(["POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nab", "cd"], { gapMs: 750 });
      expect(statuses(lateBody.text)).toEqual([408]);
    } finally {
      sweepForNext = sweep;
    }
  });

  it("answers the requests before a pipelined upgrade, then hands it over with its bytes", async () => {
    const r = await exchange(["GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /ws2 HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: test\r\n\r\nafter-the-head"]);
    expect(statuses(r.text)).toEqual([200, 101]); // the answer first, then the handler's 101
    expect(bodies(r.text).map((b) => b.url)).toEqual(["/slow"]);
    const last = upgrades.at(-1)!;
    expect(last.req.url).toBe("/ws2");
    expect(last.head).toBe("after-the-head");
  });

  it("reads Content-Length and chunked bodies, and says 100 Continue when asked", async () => {
    const r = await exchange([
      "POST /cl HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhel",
      "lo",
      "POST /ch HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
      "POST /bye HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n",
      "ok",
    ], { gapMs: 15 });
    expect(r.text).toContain("HTTP/1.1 100 Continue\r\n\r\n");
    expect(bodies(r.text).map((b) => [b.url, b.body])).toEqual([["/cl", "hello"], ["/ch", "abcde"], ["/bye", "ok"]]);
  });

  it("combines duplicate headers as node:http does and gives HEAD no body", async () => {
    const r = await exchange(["GET /h HTTP/1.1\r\nHost: a\r\nHost: b\r\nCookie: a=1\r\nCookie: b=2\r\nX-Tag: 1\r\nX-Tag: 2\r\n\r\n", "HEAD /bye HTTP/1.1\r\nHost: x\r\n\r\n"], { gapMs: 15 });
    const [first] = bodies(r.text);
    expect(first!.headers).toMatchObject({ host: "a", cookie: "a=1; b=2", "x-tag": "1, 2" });
    const headAnswer = r.text.slice(r.text.lastIndexOf("HTTP/1.1 200"));
    expect(headAnswer).toMatch(/content-length: [1-9]\d*\r\n/);
    expect(headAnswer.endsWith("\r\n\r\n")).toBe(true);
  });

  it("chunks an answer of unknown length for HTTP/1.1 and delimits it by the close for HTTP/1.0", async () => {
    const r = await exchange(["GET /stream HTTP/1.1\r\nHost: x\r\n\r\n", "GET /bye HTTP/1.1\r\nHost: x\r\n\r\n"], { gapMs: 20 });
    expect(r.text).toMatch(/transfer-encoding: chunked\r\n.*\r\n\r\na\r\n\{"method":\r\n[0-9a-f]+\r\n.*\/stream.*\r\n0\r\n\r\nHTTP\/1\.1 200/s);
    const old = await exchange(["GET /stream HTTP/1.0\r\n\r\n"]);
    expect(old.text).not.toContain("transfer-encoding");
    expect(old.text).toMatch(/connection: close\r\n\r\n\{"method":"GET","url":"\/stream".*\}$/s);
    expect(old.closedByServer).toBe(true);
  });

  it("closes after an HTTP/1.0 request without keep-alive", async () => {
    const r = await exchange(["GET /old HTTP/1.0\r\n\r\n"]);
    expect(statuses(r.text)).toEqual([200]);
    expect(bodies(r.text)[0]!.version).toBe("1.0");
    expect(r.closedByServer).toBe(true);
  });

  it("refuses malformed requests, smuggling shapes, oversize heads and bodies, and closes", async () => {
    const cases: [string, number][] = [
      ["NOT-HTTP\r\n\r\n", 400],
      ["GET / HTTP/1.1\r\n\r\n", 400], // HTTP/1.1 needs Host (RFC 9112 §3.2)
      ["GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400],
      [`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(4096)}\r\n\r\n`, 431],
      [`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n${"b".repeat(100)}`, 413],
    ];
    for (const [bytes, status] of cases) {
      const r = await exchange([bytes]);
      expect(statuses(r.text), bytes.slice(0, 40)).toEqual([status]);
      expect(r.text).toContain("x-served-by: unit\r\n");
      expect(r.closedByServer).toBe(true);
    }
  });

  it("answers nothing that follows a refused request, even in the same read", async () => {
    const r = await exchange([
      "GET /slow HTTP/1.1\r\nHost: x\r\n\r\nPOST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n",
    ]);
    expect(statuses(r.text)).toEqual([200, 413]); // the answer owed before the refusal, then the refusal
    expect(bodies(r.text)[0]!.url).toBe("/slow");
    expect(r.text).not.toContain("/after"); // the refused request's body was never read as a request
    expect(r.closedByServer).toBe(true);
  });

  it("answers 408 to a head that trickles in or stalls past the deadline, and drops idle keep-alive connections", async () => {
    const slow = await exchange(["GET / HTTP/1.1\r\n", "Host: x\r\n", "X-A: 1\r\n", "X-B: 2\r\n", "X-C: 3\r\n\r\n"], { gapMs: 100 });
    expect(statuses(slow.text)).toEqual([408]);
    const stalled = await exchange(["GET / HTTP/1.1\r\nHost: x\r\n"], { untilMs: 2000 });
    expect(statuses(stalled.text)).toEqual([408]);
    const slowBody = await exchange(["POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n", "ab"], { gapMs: 10, untilMs: 2000 });
    expect(statuses(slowBody.text)).toEqual([408]);
    const t0 = Date.now();
    const idle = await exchange(["GET /a HTTP/1.1\r\nHost: x\r\n\r\n"], { untilMs: 3000 });
    expect(statuses(idle.text)).toEqual([200]);
    // The server hung up after its 400 ms keep-alive timeout, long before the client's 3 s.
    expect(idle.closedByServer).toBe(true);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it("hands an upgrade over with the bytes that followed the head", async () => {
    const r = await exchange(["GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: test\r\n\r\nearly-bytes"]);
    expect(r.text).toContain("101 Switching Protocols");
    const last = upgrades.at(-1)!;
    expect(last.req).toMatchObject({ method: "GET", url: "/ws" });
    expect(last.req.headers.upgrade).toBe("test");
    expect(last.head).toBe("early-bytes");
  });

  it("turns Nagle's algorithm off from a connection's second write on, and for an upgrade", async () => {
    const noDelay = (conn: HttpServerConnection) => noDelayOf.get(conn)!();
    await exchange(["GET /bye HTTP/1.1\r\nHost: x\r\n\r\n"]);
    expect(noDelay(connections.at(-1)!)).toBe(false); // one answer in one write, then closed
    await exchange(["GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "GET /bye HTTP/1.1\r\nHost: x\r\n\r\n"], { gapMs: 20 });
    expect(noDelay(connections.at(-1)!)).toBe(true);
    await exchange(["GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"]);
    expect(noDelay(connections.at(-1)!)).toBe(true); // a streamed answer's second write
    await exchange(["GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: test\r\n\r\n"]);
    expect(noDelay(connections.at(-1)!)).toBe(true);
  });
});
