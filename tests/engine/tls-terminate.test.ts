// TLS at the L7 listener: the lab CA, per-virtual-host certificates chosen by SNI (terminate),
// and verified TLS towards endpoints (reencrypt).
import { X509Certificate } from "node:crypto";
import tls from "node:tls";
import { Agent, Client } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLabCa } from "../../engine/transport/ca";
import { createL7Listener } from "../../engine/filters/l7/listener";
import { labSpecSchema, type L7ListenerSpec } from "../../engine/api/schema";
import { counterIds, send, startMiniLab, until, type MiniLab } from "./l7-harness";

describe("lab CA", () => {
  it("issues ECDSA P-256 leaves for the requested names, signed by the lab CA", async () => {
    const ca = await createLabCa({ labId: "lab7" });
    const { certPem, keyPem } = await ca.issue(["api.lab.test", "www.lab.test"]);
    const leaf = new X509Certificate(certPem);
    const root = new X509Certificate(ca.caCertPem);
    expect(root.ca).toBe(true);
    expect(root.subject).toContain("lab7");
    expect(leaf.checkIssued(root)).toBe(true);
    expect(leaf.verify(root.publicKey)).toBe(true);
    expect(leaf.subjectAltName).toBe("DNS:api.lab.test, DNS:www.lab.test");
    expect(leaf.subject).toContain("CN=api.lab.test");
    expect(leaf.publicKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
    expect(keyPem).toContain("BEGIN PRIVATE KEY");
    // Cached: asking again is free and returns the same certificate.
    expect((await ca.issue(["API.lab.test", "www.lab.test"])).certPem).toBe(certPem);
  });
});

function handshake(port: number, servername: string | undefined, ca: string): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host: "127.0.0.1", port, servername, ca, ALPNProtocols: ["http/1.1"], checkServerIdentity: () => undefined });
    s.once("secureConnect", () => resolve(s));
    s.once("error", reject);
  });
}

/**
 * One GET over a fresh TLS connection, offering `session` to resume. Returns whether the server
 * resumed it, and the session to offer next: the newest ticket the server sent (TLS 1.3 sends
 * them after the handshake, before the answer), else the connection's own session.
 */
async function getOverTls(port: number, servername: string, ca: string, session?: Buffer): Promise<{ resumed: boolean; session: Buffer | undefined }> {
  const s = tls.connect({ host: "127.0.0.1", port, servername, ca, session, ALPNProtocols: ["http/1.1"] });
  let ticket: Buffer | undefined;
  s.on("session", (t: Buffer) => (ticket = t));
  const answer = await new Promise<string>((resolve, reject) => {
    let text = "";
    s.once("secureConnect", () => s.write(`GET / HTTP/1.1\r\nHost: ${servername}\r\nConnection: close\r\n\r\n`));
    s.on("data", (d: Buffer) => (text += d.toString("latin1")));
    s.once("end", () => resolve(text));
    s.once("error", reject);
  });
  expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  const resumed = s.isSessionReused();
  const next = ticket ?? s.getSession();
  s.destroy();
  return { resumed, session: next };
}

let lab: MiniLab;
beforeAll(async () => {
  lab = await startMiniLab({
    endpoints: [{ name: "plain" }, { name: "sec-1", tls: true }, { name: "sec-2", tls: true, serverName: "two.internal.test" }],
    clusters: [
      { name: "plain", endpoints: ["plain"] },
      { name: "secure", endpoints: ["sec-1", "sec-2"] },
    ],
    listeners: [
      { name: "edge", layer: "l7", tls: "terminate", hostnames: ["www.lab.test", "api.lab.test", "*.apps.lab.test"], routes: [{ cluster: "plain" }] },
      { name: "reenc", layer: "l7", tls: "reencrypt", hostnames: ["secure.lab.test"], routes: [{ cluster: "secure" }] },
      { name: "no-resume", layer: "l7", tls: "terminate", sessionResumption: false, hostnames: ["www.lab.test", "api.lab.test"], routes: [{ cluster: "plain" }] },
    ],
  });
});
afterAll(() => lab?.close());

describe("L7 TLS terminate", () => {
  it("presents the lab's certificate for the SNI name asked for", async () => {
    for (const [sni, cn] of [
      ["api.lab.test", "api.lab.test"],
      ["www.lab.test", "www.lab.test"],
      ["shop.apps.lab.test", "*.apps.lab.test"],
      ["unknown.test", "www.lab.test"], // unknown names get the first virtual host (nginx's default server)
      [undefined, "www.lab.test"],
    ] as const) {
      const s = await handshake(lab.port("edge"), sni, lab.ca.caCertPem);
      try {
        expect(s.authorized).toBe(true);
        const peer = s.getPeerCertificate();
        expect(peer.subject.CN).toBe(cn);
        expect(peer.issuer.CN).toBe(lab.ca.caName);
        expect(s.alpnProtocol).toBe("http/1.1");
      } finally {
        s.destroy();
      }
    }
  });

  it("verifies with the lab CA and emits tls.handshake with version, cipher, SNI, certificate and ALPN", async () => {
    lab.events.clear();
    const c = new Client(`https://127.0.0.1:${lab.port("edge")}`, { connect: { ca: lab.ca.caCertPem, servername: "api.lab.test" } });
    try {
      const r = await send(c, "/hello", { headers: { host: "api.lab.test" } });
      expect(r.status).toBe(200);
      expect(r.json!.headers["x-forwarded-proto"]).toBe("https");
      // terminate: the hop to the endpoint is plain.
      expect(r.json!.encrypted).toBe(false);
    } finally {
      await c.close();
    }
    await until(() => lab.events.of("tls.handshake").length > 0);
    const hs = lab.events.of("tls.handshake")[0]!;
    expect(hs).toMatchObject({ listener: "edge", side: "downstream", sni: "api.lab.test", version: "TLSv1.3", alpn: "http/1.1" });
    expect(hs.cipher).toMatch(/TLS_/);
    expect(hs.certificate).toContain("CN=api.lab.test");
  });

  it("resumes a session from its ticket, for the default and an SNI-chosen host, and says so in tls.handshake", async () => {
    for (const host of ["www.lab.test", "api.lab.test"]) {
      lab.events.clear();
      const first = await getOverTls(lab.port("edge"), host, lab.ca.caCertPem);
      expect(first.resumed).toBe(false);
      const second = await getOverTls(lab.port("edge"), host, lab.ca.caCertPem, first.session);
      expect(second.resumed).toBe(true);
      await until(() => lab.events.of("tls.handshake").length >= 2);
      expect(lab.events.of("tls.handshake").map((e) => [e.sni, e.resumed])).toEqual([
        [host, false],
        [host, true],
      ]);
    }
  });

  it("with sessionResumption false, every connection is a full handshake, whichever host SNI picks", async () => {
    for (const host of ["www.lab.test", "api.lab.test"]) {
      lab.events.clear();
      const first = await getOverTls(lab.port("no-resume"), host, lab.ca.caCertPem);
      const second = await getOverTls(lab.port("no-resume"), host, lab.ca.caCertPem, first.session);
      expect([first.resumed, second.resumed]).toEqual([false, false]);
      await until(() => lab.events.of("tls.handshake").length >= 2);
      expect(lab.events.of("tls.handshake").map((e) => e.resumed)).toEqual([false, false]);
    }
  });

  it("refuses sessionResumption on a listener without TLS, naming the field", () => {
    const r = labSpecSchema.safeParse({
      endpoints: [{ name: "a" }],
      clusters: [{ name: "c", endpoints: ["a"] }],
      listeners: [{ name: "web", layer: "l7", sessionResumption: false, routes: [{ cluster: "c" }] }],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["listeners.0.sessionResumption", "session resumption is a TLS setting: use tls 'terminate' or 'reencrypt'"]]);
  });

  it("survives TLS garbage and failed handshakes", async () => {
    const bad = tls.connect({ host: "127.0.0.1", port: lab.port("edge"), servername: "www.lab.test", rejectUnauthorized: true });
    await new Promise((r) => bad.once("error", r));
    const s = await handshake(lab.port("edge"), "www.lab.test", lab.ca.caCertPem);
    expect(s.authorized).toBe(true);
    s.destroy();
  });
});

describe("L7 TLS reencrypt", () => {
  it("reaches TLS endpoints, verifying each against the lab CA with its own name", async () => {
    const agent = new Agent({ connect: { ca: lab.ca.caCertPem, servername: "secure.lab.test" } });
    try {
      lab.events.clear();
      const served = new Set<string>();
      for (let i = 0; i < 4; i++) {
        const res = await agent.request({ origin: `https://127.0.0.1:${lab.port("reenc")}`, path: "/r", method: "GET" });
        const body = JSON.parse(await res.body.text());
        expect(res.statusCode).toBe(200);
        expect(body.encrypted).toBe(true);
        served.add(body.endpoint);
      }
      expect(served).toEqual(new Set(["sec-1", "sec-2"]));
      const ups = lab.events.of("upstream.connect");
      expect(ups.length).toBeGreaterThan(0);
      expect(ups.every((u) => u.tls)).toBe(true);
      // The upstream handshake is visible too: the endpoint's own certificate, for its own name.
      const hs = lab.events.of("tls.handshake").filter((e) => e.side === "upstream");
      expect(hs.map((e) => e.sni).sort()).toEqual(["sec-1.endpoints.lab", "two.internal.test"]);
      expect(hs.find((e) => e.sni === "two.internal.test")!.certificate).toContain("CN=two.internal.test");
    } finally {
      await agent.close();
    }
  });

  it("refuses an endpoint whose certificate does not chain to the CA it trusts (502)", async () => {
    const otherCa = await createLabCa();
    const spec = labSpecSchema.parse({
      endpoints: [{ name: "sec-1", tls: true }],
      clusters: [{ name: "secure", endpoints: ["sec-1"] }],
      listeners: [{ name: "wrong-ca", layer: "l7", tls: "reencrypt", routes: [{ cluster: "secure" }] }],
    }).listeners[0] as L7ListenerSpec;
    const listener = createL7Listener(spec, { labId: "test", clusters: lab.clusters, events: lab.events, ca: otherCa, ids: counterIds() });
    await listener.listen();
    const c = new Client(`https://127.0.0.1:${listener.port}`, { connect: { ca: otherCa.caCertPem, servername: "lab.test" } });
    try {
      const r = await send(c, "/");
      expect(r.status).toBe(502);
      expect(r.json!.error).toMatchObject({ code: "LL_UPSTREAM_TLS_FAILED", origin: "upstream" });
    } finally {
      await c.close();
      await listener.close();
    }
  });
});
