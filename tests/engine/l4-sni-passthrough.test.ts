// TLS passthrough at L4 with SNI peek (examples/tls.json): the listener reads the server name
// from the ClientHello without decrypting, picks a cluster by it, and the client gets the
// endpoint's own certificate. Garbage, random bytes and truncated hellos never crash it.
import { randomBytes } from "node:crypto";
import net from "node:net";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseClientHello } from "../../engine/filters/l4/client-hello";
import type { Lab } from "../../engine/lab/lab";
import { connect, tcpTransports, listenerPort, loadExample, readAll, recordEvents, startLab, waitFor } from "./core-helpers";

let lab: Lab;

function tlsGet(port: number, servername: string, verifyName = true): Promise<{ cert: tls.PeerCertificate; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: "127.0.0.1", port, servername, ca: lab.created().caCertificate, ...(verifyName ? {} : { checkServerIdentity: () => undefined }) }, () => {
      const cert = socket.getPeerCertificate();
      socket.write(`GET /secure HTTP/1.1\r\nHost: ${servername}\r\nConnection: close\r\n\r\n`);
      readAll(socket).then((buf) => resolve({ cert, body: buf.toString("utf8").split("\r\n\r\n")[1] ?? "" }), reject);
    });
    socket.once("error", reject);
  });
}

/** The first bytes a real TLS client sends, captured by a plain TCP server. */
function captureClientHello(servername: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const server = net.createServer((s) => {
      s.once("data", (d: Buffer) => {
        resolve(d);
        s.destroy();
        server.close();
      });
    });
    server.listen(0, "127.0.0.1", () => {
      const c = tls.connect({ host: "127.0.0.1", port: (server.address() as net.AddressInfo).port, servername, ALPNProtocols: ["h2", "http/1.1"] });
      c.on("error", () => {});
    });
  });
}

describe.each(tcpTransports())("L4 TLS passthrough with SNI peek on %s", (transport) => {
  beforeAll(async () => {
    lab = await startLab(loadExample("tls.json"), { tcpTransport: transport });
  });
  afterAll(async () => {
    await lab.close("request");
  });

  it("routes by SNI and presents the endpoint's own certificate", async () => {
    const rec = recordEvents(lab);
    const port = listenerPort(lab, "tls-passthrough");
    for (const [name, endpoint] of [["shop.lab.test", "shop-tls"], ["blog.lab.test", "blog-tls"]] as const) {
      const { cert, body } = await tlsGet(port, name);
      expect(cert.subject.CN).toBe(name); // the endpoint's certificate, not one the proxy made
      expect(cert.issuer.CN).toMatch(/LayerLab lab CA/);
      const echo = JSON.parse(body) as { endpoint: string; encrypted: boolean; tls: { sni: string } };
      expect(echo).toMatchObject({ endpoint, encrypted: true, tls: { sni: name } });
    }
    const hellos = await waitFor(() => (rec.of("tls.client_hello").length >= 2 ? rec.of("tls.client_hello") : null), 5000, "client hellos");
    expect(hellos.map((h) => h.sni)).toEqual(["shop.lab.test", "blog.lab.test"]);
    expect(hellos[0]!.note).toMatch(/nothing decrypted/);
    expect(rec.of("route.match").map((r) => [r.matchedOn, r.cluster])).toEqual([
      ["sni", "shop"],
      ["sni", "blog"],
    ]);
    rec.stop();
  });

  it("sends an unknown SNI to the listener's own cluster", async () => {
    const rec = recordEvents(lab);
    const { cert, body } = await tlsGet(listenerPort(lab, "tls-passthrough"), "other.lab.test", false);
    expect(cert.subject.CN).toBe("shop.lab.test");
    expect(JSON.parse(body)).toMatchObject({ endpoint: "shop-tls" });
    expect(rec.of("route.match")[0]).toMatchObject({ matchedOn: "listener", cluster: "shop" });
    rec.stop();
  });

  it("survives plain HTTP, random bytes, fake record headers and truncated hellos", async () => {
    const port = listenerPort(lab, "tls-passthrough");
    const hello = await captureClientHello("shop.lab.test");
    const payloads = [
      Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
      randomBytes(4096),
      Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0xff, 0xff]), randomBytes(600)]),
      Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x00, 0x40, 0x01, 0xff, 0xff, 0xff]), randomBytes(55)]),
      hello.subarray(0, 40),
      Buffer.alloc(0),
    ];
    for (const p of payloads) {
      const s = await connect(port);
      const done = readAll(s);
      s.end(p);
      await done; // the listener (or the endpoint's TLS stack) closes it
    }
    // Still serving.
    const { cert } = await tlsGet(port, "blog.lab.test");
    expect(cert.subject.CN).toBe("blog.lab.test");
  });

  it("waits for a ClientHello that arrives in pieces", async () => {
    const rec = recordEvents(lab);
    const hello = await captureClientHello("blog.lab.test");
    const s = await connect(listenerPort(lab, "tls-passthrough"));
    const done = readAll(s);
    s.write(hello.subarray(0, 40));
    await new Promise((r) => setTimeout(r, 50));
    expect(rec.of("tls.client_hello")).toHaveLength(0); // still waiting for the rest
    s.end(hello.subarray(40));
    const seen = await waitFor(() => rec.of("tls.client_hello")[0], 5000, "tls.client_hello");
    expect(seen.sni).toBe("blog.lab.test");
    expect(rec.of("route.match")[0]).toMatchObject({ matchedOn: "sni", cluster: "blog" });
    await done; // the endpoint's TLS stack gives up on a handshake it cannot finish
    rec.stop();
  });
});

describe("ClientHello parser", () => {
  it("parses real, fragmented and mutated ClientHellos without throwing", async () => {
    const hello = await captureClientHello("blog.lab.test");
    const parsed = parseClientHello(hello);
    expect(parsed).toMatchObject({ kind: "client-hello", sni: "blog.lab.test", alpn: ["h2", "http/1.1"], offersTls13: true });
    for (let n = 0; n < hello.length; n += 7) expect(parseClientHello(hello.subarray(0, n)).kind).toMatch(/incomplete|not-tls/);
    // The same handshake split over two records (RFC 8446 §5.1 allows it).
    const body = hello.subarray(5);
    const cut = 50;
    const rec = (b: Buffer) => Buffer.concat([Buffer.from([0x16, 0x03, 0x01, b.length >> 8, b.length & 255]), b]);
    expect(parseClientHello(Buffer.concat([rec(body.subarray(0, cut)), rec(body.subarray(cut))]))).toMatchObject({ sni: "blog.lab.test" });
    for (let i = 0; i < 2000; i++) {
      const m = Buffer.from(hello);
      for (let k = 0; k < 4; k++) m[Math.floor(Math.random() * m.length)] = Math.floor(Math.random() * 256);
      expect(() => parseClientHello(m)).not.toThrow();
    }
  });
});
