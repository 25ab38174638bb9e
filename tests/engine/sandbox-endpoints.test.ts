// Sandbox endpoints: the JSON echo and x-served-by, PROXY v1 parsing, WebSocket and tcp-echo,
// TLS endpoints, and faults (error status — on /health too —, latency, stop/start) with
// fault.change events.
import net from "node:net";
import tls from "node:tls";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lab } from "../../engine/lab/lab";
import { connect, endpointPort, readAll, recordEvents, request, startLab, waitFor } from "./core-helpers";

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({
    endpoints: [{ name: "web" }, { name: "secure", tls: true, serverName: "secure.lab.test" }, { name: "echo", kind: "tcp-echo" }],
    clusters: [
      { name: "plain", endpoints: ["web", "echo"] },
      { name: "tls", endpoints: ["secure"] },
    ],
    listeners: [
      { name: "tcp", layer: "l4", cluster: "plain" },
      { name: "tls", layer: "l4", tls: "passthrough", cluster: "tls" },
    ],
  });
});
afterAll(async () => {
  await lab.close("request");
});

interface Echo {
  endpoint: string;
  connectionId: string;
  method: string;
  path: string;
  host: string;
  headers: Record<string, string>;
  peer: { address: string; port: number };
  encrypted: boolean;
  tls: { sni: string; version: string } | null;
  proxyProtocol: { raw: string; source: { address: string } } | null;
  body: string;
}

describe("sandbox endpoints", () => {
  it("echo what they received and name themselves", async () => {
    const rec = recordEvents(lab);
    const r = await request(endpointPort(lab, "web"), { method: "POST", path: "/a?b=1", headers: { host: "shop.test", "x-test": "yes" }, body: "hi there", localAddress: "127.0.0.12" });
    expect(r.status).toBe(200);
    expect(r.headers["x-served-by"]).toBe("web");
    const echo = r.json<Echo>();
    expect(echo).toMatchObject({ endpoint: "web", method: "POST", path: "/a?b=1", host: "shop.test", encrypted: false, tls: null, proxyProtocol: null, body: "hi there" });
    expect(echo.headers["x-test"]).toBe("yes");
    expect(echo.peer.address).toBe("127.0.0.12");
    expect(echo.connectionId).toMatch(/^e\d+$/);
    const ev = await waitFor(() => rec.of("endpoint.request")[0], 2000, "endpoint.request");
    expect(ev).toMatchObject({ endpoint: "web", method: "POST", path: "/a?b=1", connectionId: echo.connectionId });
    rec.stop();
  });

  it("parse a PROXY v1 header sent directly and reject a malformed one", async () => {
    const port = endpointPort(lab, "web");
    const s = await connect(port);
    const got = readAll(s);
    s.write("PROXY TCP4 192.0.2.7 127.0.0.1 5555 80\r\n");
    s.end("GET /pp HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const body = (await got).toString().split("\r\n\r\n")[1]!;
    expect(JSON.parse(body).proxyProtocol).toMatchObject({ family: "TCP4", source: { address: "192.0.2.7", port: 5555 } });
    const bad = await connect(port);
    const nothing = readAll(bad);
    bad.write("PROXY TCP4 999.1.1.1 x y z\r\nGET / HTTP/1.1\r\n\r\n");
    expect((await nothing).length).toBe(0);
  });

  it("speak TLS with their own certificate and report SNI and version", async () => {
    const body = await new Promise<string>((resolve, reject) => {
      const s = tls.connect({ host: "127.0.0.1", port: endpointPort(lab, "secure"), servername: "secure.lab.test", ca: lab.created().caCertificate }, () => {
        expect(s.getPeerCertificate().subject.CN).toBe("secure.lab.test");
        s.end("GET / HTTP/1.1\r\nHost: secure.lab.test\r\nConnection: close\r\n\r\n");
      });
      s.on("error", reject);
      readAll(s).then((b) => resolve(b.toString().split("\r\n\r\n")[1]!));
    });
    expect(JSON.parse(body)).toMatchObject({ endpoint: "secure", encrypted: true, tls: { sni: "secure.lab.test", version: "TLSv1.3" } });
  });

  it("echo WebSocket messages on the connection they upgraded", async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${endpointPort(lab, "web")}/chat`);
    const served = new Promise<string>((resolve) => ws.on("upgrade", (res) => resolve(String(res.headers["x-served-by"]))));
    await new Promise((r) => ws.once("open", r));
    expect(await served).toBe("web");
    const replies: { endpoint: string; seq: number; message: string }[] = [];
    for (const text of ["one", "two"]) {
      ws.send(text);
      replies.push(JSON.parse(String(await new Promise((r) => ws.once("message", r)))));
    }
    expect(replies).toMatchObject([
      { endpoint: "web", seq: 1, message: "one" },
      { endpoint: "web", seq: 2, message: "two" },
    ]);
    ws.close();
    await new Promise((r) => ws.once("close", r));
  });

  it("tcp-echo greets with its name, then echoes", async () => {
    const s = await connect(endpointPort(lab, "echo"));
    const got = readAll(s);
    s.end("ping");
    expect((await got).toString()).toMatch(/^tcp-echo endpoint=echo connection=e\d+\nping$/);
  });

  it("faults: error status (on /health too), latency, stop and start", async () => {
    const rec = recordEvents(lab);
    const port = endpointPort(lab, "web");
    await lab.applyFault({ endpoint: "web", action: "error", status: 503 });
    expect((await request(port, { path: "/health" })).status).toBe(503);
    const err = await request(port, { path: "/x" });
    expect(err.status).toBe(503);
    expect(err.headers["x-served-by"]).toBe("web");

    await lab.applyFault({ endpoint: "web", action: "clear" });
    await lab.applyFault({ endpoint: "web", action: "latency", latencyMs: 150 });
    const t0 = Date.now();
    expect((await request(port, { path: "/health" })).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);

    await lab.applyFault({ endpoint: "web", action: "stop" });
    await expect(request(port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    expect((await lab.state()).endpointStats.web!.fault.mode).toBe("down");
    await lab.applyFault({ endpoint: "web", action: "start" });
    expect((await request(port)).status).toBe(200); // same port again
    await lab.applyFault({ endpoint: "web", action: "clear" });
    expect(rec.of("fault.change").map((f) => [f.fault.mode, f.fault.latencyMs])).toEqual([
      ["error", 0],
      ["up", 0],
      ["up", 150],
      ["down", 150],
      ["up", 150],
      ["up", 0],
    ]);
    await expect(lab.applyFault({ endpoint: "nope", action: "stop" })).rejects.toMatchObject({ code: "endpoint_not_found", status: 404 });
    rec.stop();
  });

  it("a stopped endpoint resets its open connections", async () => {
    const s = await connect(endpointPort(lab, "echo"));
    const closed = readAll(s);
    await lab.applyFault({ endpoint: "echo", action: "stop" });
    await closed;
    expect(s.destroyed).toBe(true);
    await lab.applyFault({ endpoint: "echo", action: "start" });
    const again = await connect(endpointPort(lab, "echo"));
    again.destroy();
    expect(again).toBeInstanceOf(net.Socket);
  });
});
