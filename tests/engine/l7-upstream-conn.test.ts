// The L7 listener's own upstream HTTP/1.1 client (Node's native parser over a pooled socket),
// against raw servers that answer in every framing RFC 9112 allows — and some it forbids.
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { EndpointRuntime } from "../../engine/contracts";
import { UpstreamConn, type ResponseHandler } from "../../engine/filters/l7/upstream-conn";

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A raw endpoint that answers each request head with `reply(head)` (then maybe closes). */
async function rawEndpoint(reply: (head: string, socket: net.Socket) => void): Promise<EndpointRuntime> {
  const server = net.createServer((socket) => {
    let buf = "";
    socket.on("error", () => {});
    socket.on("data", (d) => {
      buf += d.toString("latin1");
      let end: number;
      while ((end = buf.indexOf("\r\n\r\n")) >= 0) {
        const head = buf.slice(0, end);
        const len = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
        if (buf.length < end + 4 + len) return;
        buf = buf.slice(end + 4 + len);
        reply(head, socket);
      }
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as net.AddressInfo).port;
  return { name: "raw", host: "127.0.0.1", port, tls: false, serverName: "raw.endpoints.lab" } as unknown as EndpointRuntime;
}

interface Outcome {
  status?: number;
  headers?: string[];
  body: string;
  done: boolean;
  error?: string;
}
function request(conn: UpstreamConn, method = "GET", body: Buffer | null = null): Promise<Outcome> {
  return new Promise((resolve) => {
    const out: Outcome = { body: "", done: false };
    const h: ResponseHandler = {
      onHeaders: (status, _t, headers) => Object.assign(out, { status, headers }),
      onData: (c) => ((out.body += c.toString()), true),
      onComplete: () => resolve({ ...out, done: true }),
      onError: (e) => resolve({ ...out, error: e.code ?? e.message }),
    };
    conn.send(method, "/x", ["host", "raw", ...(body ? ["content-length", String(body.length)] : [])], body, h);
  });
}

function connect(ep: EndpointRuntime, closed: UpstreamConn[] = []): UpstreamConn {
  return new UpstreamConn("u1", { endpoint: ep, tls: undefined, connectTimeoutMs: 500, maxHeaderBytes: 16 * 1024, onConnected: () => {}, onClosed: (c) => closed.push(c) });
}

describe("upstream HTTP/1.1 connection", () => {
  it("reads Content-Length responses and is reused for the next request", async () => {
    let requests = 0;
    const ep = await rawEndpoint((_h, s) => s.write(`HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-N: ${++requests}\r\n\r\nok`));
    const conn = connect(ep);
    const a = await request(conn);
    expect(a).toMatchObject({ status: 200, body: "ok", done: true });
    expect(conn.reusable).toBe(true);
    const b = await request(conn);
    expect(b.headers).toContain("2");
    expect(conn.served).toBe(2);
    conn.destroy();
  });

  it("reads chunked responses, skips 1xx, honours HEAD and 204", async () => {
    const ep = await rawEndpoint((head, s) => {
      if (head.startsWith("HEAD")) s.write("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n");
      else if (head.startsWith("DELETE")) s.write("HTTP/1.1 204 No Content\r\n\r\n");
      else s.write("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    });
    const conn = connect(ep);
    expect(await request(conn)).toMatchObject({ status: 200, body: "abcde", done: true });
    expect(await request(conn, "HEAD")).toMatchObject({ status: 200, body: "", done: true });
    expect(await request(conn, "DELETE")).toMatchObject({ status: 204, done: true });
    expect(conn.reusable).toBe(true);
    conn.destroy();
  });

  it("sends request bodies and reads a body delimited by the close", async () => {
    const ep = await rawEndpoint((head, s) => s.end(`HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nechoed ${/content-length: (\d+)/i.exec(head)?.[1]}`));
    const closed: UpstreamConn[] = [];
    const conn = connect(ep, closed);
    expect(await request(conn, "POST", Buffer.from("hello"))).toMatchObject({ status: 200, body: "echoed 5", done: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(conn.reusable).toBe(false);
    expect(closed).toEqual([conn]);
  });

  it("turns malformed responses and mid-response closes into errors, never exceptions", async () => {
    const bad = await rawEndpoint((_h, s) => s.write("HTTP/1.1 2x0 Nope\r\n\r\n"));
    expect((await request(connect(bad))).error).toMatch(/HPE_/);
    const cut = await rawEndpoint((_h, s) => s.end("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"));
    expect((await request(connect(cut))).error).toBe("LL_UPSTREAM_RESET");
    const huge = await rawEndpoint((_h, s) => s.write(`HTTP/1.1 200 OK\r\nX-Big: ${"a".repeat(20_000)}\r\nContent-Length: 0\r\n\r\n`));
    expect((await request(connect(huge))).error).toMatch(/HPE_HEADER_OVERFLOW/);
    const upgrade = await rawEndpoint((_h, s) => s.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"));
    expect((await request(connect(upgrade))).error).toBe("LL_UPSTREAM_RESET");
  });

  it("counts every byte it sends, and a head too big for the socket's buffer still arrives whole", async () => {
    // After the first request (written while connecting, through net), heads go straight to the
    // libuv handle where Node offers it (transport/handle-write.ts); net's byte count must see them.
    // This endpoint answers every head with its size; its requests have no bodies.
    let received = 0;
    let peer: net.Socket | null = null;
    const server = net.createServer((s) => {
      peer = s;
      let size = 0;
      let tail = "";
      s.on("data", (d: Buffer) => {
        received += d.length;
        // Scan only the new bytes (and three before them) for the end of a head: heads here are megabytes.
        const text = tail + d.toString("latin1");
        let from = 0;
        let end: number;
        while ((end = text.indexOf("\r\n\r\n", from)) >= 0) {
          size += end + 4 - from;
          s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${String(size).length}\r\n\r\n${size}`);
          size = 0;
          from = end + 4;
        }
        size += text.length - from - Math.min(3, text.length - from);
        tail = text.slice(Math.max(from, text.length - 3));
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const ep = { name: "raw", host: "127.0.0.1", port: (server.address() as net.AddressInfo).port, tls: false } as unknown as EndpointRuntime;
    const conn = connect(ep);
    expect(await request(conn)).toMatchObject({ status: 200, done: true });
    expect(await request(conn)).toMatchObject({ status: 200, done: true });
    // 8 MiB of head while the endpoint reads nothing: the kernel takes part, libuv queues the rest.
    peer!.pause();
    const big = "b".repeat(8 * 1024 * 1024);
    const answer = new Promise<Outcome>((resolve) => {
      const out: Outcome = { body: "", done: false };
      conn.send("GET", "/big", ["host", "raw", "x-big", big], null, {
        onHeaders: (status) => void (out.status = status),
        onData: (c) => ((out.body += c.toString()), true),
        onComplete: () => resolve({ ...out, done: true }),
        onError: (e) => resolve({ ...out, error: e.code ?? e.message }),
      });
    });
    await new Promise((r) => setTimeout(r, 100));
    peer!.resume();
    const third = await answer;
    expect(third).toMatchObject({ status: 200, done: true });
    const head = `GET /big HTTP/1.1\r\nhost: raw\r\nx-big: ${big}\r\n\r\n`;
    expect(Number(third.body)).toBe(head.length);
    expect(conn.socket.bytesWritten).toBe(received);
    conn.destroy();
    expect(conn.socket.bytesWritten).toBe(received); // and still after the close
  });

  it("reports a refused connection as a connect failure", async () => {
    const ep = await rawEndpoint(() => {});
    await new Promise((r) => servers.pop()!.close(r));
    expect((await request(connect(ep))).error).toBe("LL_UPSTREAM_CONNECT_FAILED");
  });
  it("keeps large bodies on two connections apart, and stops reading while the handler asks it to", async () => {
    // Plain upstream sockets share one read buffer: interleaved reads must not mix the bodies.
    const size = 4 * 1024 * 1024;
    const ep = await rawEndpoint((head, s) => {
      const fill = head.includes("/a") ? "a" : "b";
      s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${size}\r\n\r\n`);
      s.write(Buffer.alloc(size, fill));
    });
    const fetchBody = (conn: UpstreamConn, path: string, stallMs: number) =>
      new Promise<{ body: Buffer; bytesDuringStall: number }>((resolve, reject) => {
        const chunks: Buffer[] = [];
        let stalled = false;
        let bytesDuringStall = 0;
        conn.send("GET", path, ["host", "raw"], null, {
          onHeaders: () => {},
          onData: (c) => {
            if (stalled) bytesDuringStall += c.length;
            chunks.push(c);
            if (chunks.length !== 1) return true;
            // Ask for a pause after the first chunk; whatever arrives before resume() is what
            // the socket had already read, not more.
            stalled = true;
            setTimeout(() => {
              stalled = false;
              conn.resume();
            }, stallMs);
            return false;
          },
          onComplete: () => resolve({ body: Buffer.concat(chunks), bytesDuringStall }),
          onError: reject,
        });
      });
    const a = connect(ep);
    const b = connect(ep);
    const [ra, rb] = await Promise.all([fetchBody(a, "/a", 150), fetchBody(b, "/b", 0)]);
    expect(ra.body.length).toBe(size);
    expect(rb.body.length).toBe(size);
    expect(ra.body.every((x) => x === 0x61)).toBe(true);
    expect(rb.body.every((x) => x === 0x62)).toBe(true);
    // Paused for 150 ms while the endpoint had megabytes ready: at most what one read had parsed.
    expect(ra.bytesDuringStall).toBeLessThanOrEqual(64 * 1024);
    a.destroy();
    b.destroy();
  });
});
