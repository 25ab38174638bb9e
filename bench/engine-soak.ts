// `npm run soak:engine`: bad input at every listener kind of one lab, for minutes, from a seeded
// generator — then a clean request through each listener. Not part of the tests (it runs for as
// long as you ask); it exists to find the rare shape the tests' fixed cases miss. It found a
// crash once: a client resetting after a refused CONNECT (now tests/engine/l7-tcp-transports).
//
// Inputs, spread over plain L7, L7 TLS terminate and reencrypt, L4 with the PROXY header, L4 to
// a raw TCP echo, and L4 TLS passthrough with the SNI peek:
//   - HTTP requests (GET, POST, chunked, WebSocket upgrade, pipelined HTTP/1.0, CONNECT,
//     absolute-form with Expect, OPTIONS *, a PROXY line) with 0–5 random edits each: bytes
//     inserted, deleted, replaced or repeated, smuggling headers, oversized values, truncation;
//   - random bytes; a real ClientHello with corrupted lengths, flipped bytes, cut short or
//     followed by junk; real TLS handshakes (random SNI and ALPN) carrying edited HTTP;
//   - WebSocket upgrades (plain and TLS) followed by masked text frames or random bytes;
//   - each sent in 1–4 pieces, some slowly (Slowloris), then ended, reset, destroyed or held.
// Pass: no uncaught error in this process (the engine runs in it), every listener still answers
// a clean request afterwards, and everything closes. A socket that emits 'error' with no one
// listening is named before the process exits, which is how the CONNECT bug was found.
//
// Env: SOAK_SEED (1), SOAK_SECONDS (120), SOAK_CASES (100000), SOAK_PARALLEL (48);
// ENGINE_TCP_TRANSPORT=net runs the listeners on net instead of Node's TCP handles.
import net from "node:net";
import tls from "node:tls";
import { seededRandom } from "@/lib/progress/shuffle";
import { labSpecSchema } from "../engine/api/schema";
import { LabManager } from "../engine/lab/lab-manager";

const SEED = Number(process.env.SOAK_SEED ?? 1);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 120);
const CASES = Number(process.env.SOAK_CASES ?? 100_000);
const PARALLEL = Number(process.env.SOAK_PARALLEL ?? 48);

function fail(kind: string, err: unknown): void {
  console.error(`\nFAILED: ${kind}`, err);
  process.exit(1);
}
process.on("uncaughtException", (err) => fail("uncaught exception", err));
process.on("unhandledRejection", (err) => fail("unhandled rejection", err));

// Name the socket before an unheard 'error' becomes the uncaught exception above.
const emit = net.Socket.prototype.emit;
net.Socket.prototype.emit = function (this: net.Socket, event: string | symbol, ...args: unknown[]): boolean {
  if (event === "error" && this.listenerCount("error") === 0)
    console.error(`\n'error' with no listener on a ${this.constructor.name} (remote port ${this.remotePort}, listening for: ${this.eventNames().map(String).join(", ")})`);
  return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
} as typeof emit;

const SPEC = labSpecSchema.parse({
  name: "soak",
  endpoints: [
    { name: "w1" },
    { name: "w2" },
    { name: "w3", fault: { mode: "error", status: 503 } },
    { name: "sec", tls: true, serverName: "sec.lab.test" },
    { name: "echo", kind: "tcp-echo" },
  ],
  clusters: [
    { name: "web", endpoints: ["w1", "w2", "w3"], sticky: { cookie: "LL" }, retries: { attempts: 2 }, healthCheck: { type: "http", path: "/health", intervalMs: 500 } },
    { name: "by-user", endpoints: ["w1", "w2"], policy: "consistent-hash", hashOn: "header:x-user" },
    { name: "secure", endpoints: ["sec"] },
    { name: "echo", endpoints: ["echo"], policy: "least-connections" },
    { name: "tcp-web", endpoints: ["w1", "w2"], policy: "power-of-two" },
  ],
  listeners: [
    {
      name: "l7",
      layer: "l7",
      routes: [
        { match: { pathPrefix: "/api" }, cluster: "web" },
        { match: { host: "hash.lab.test" }, cluster: "by-user" },
        { match: { header: { name: "x-k", value: "v" } }, cluster: "by-user" },
        { match: { cookie: { name: "c", value: "1" } }, cluster: "web" },
        { match: {}, cluster: "web" },
      ],
    },
    { name: "l7-terminate", layer: "l7", tls: "terminate", hostnames: ["lab.test", "www.lab.test"], routes: [{ cluster: "web" }] },
    { name: "l7-reencrypt", layer: "l7", tls: "reencrypt", hostnames: ["lab.test"], routes: [{ cluster: "secure" }] },
    { name: "l4-proxy-header", layer: "l4", cluster: "tcp-web", proxyProtocol: true },
    { name: "l4-echo", layer: "l4", cluster: "echo" },
    { name: "l4-sni", layer: "l4", tls: "passthrough", cluster: "secure", sniRoutes: [{ serverName: "sec.lab.test", cluster: "secure" }] },
  ],
});
const TLS_LISTENERS = new Set(["l7-terminate", "l7-reencrypt", "l4-sni"]);

const rand = seededRandom(SEED);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

const REQUESTS = [
  "GET /api/x?y=1 HTTP/1.1\r\nHost: lab.test\r\nCookie: LL=w1; c=1\r\nX-User: u1\r\n\r\n",
  "POST /api/p HTTP/1.1\r\nHost: hash.lab.test\r\nContent-Length: 11\r\n\r\nhello world",
  "PUT /c HTTP/1.1\r\nHost: lab.test\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nTrailer: x\r\n\r\n",
  "GET /ws HTTP/1.1\r\nHost: lab.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
  "GET / HTTP/1.0\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nGET /3 HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n",
  "CONNECT lab.test:443 HTTP/1.1\r\nHost: lab.test:443\r\n\r\n",
  "GET http://lab.test/abs HTTP/1.1\r\nHost: other\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
  "OPTIONS * HTTP/1.1\r\nHost: lab.test\r\nX-K: v\r\nVia: 1.1 x\r\nX-Request-Id: \x01bad\r\nX-Forwarded-For: 1.2.3.4\r\n\r\n",
  "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\nGET / HTTP/1.1\r\nHost: lab.test\r\n\r\n",
];
const NASTY = [
  "\r", "\n", "\r\n", "\0", ":", " ", "\t", "\xff\xfe", "HTTP/1.1", "0\r\n\r\n", "ffffffffffffffff\r\n",
  "Content-Length: 99999999999999999999\r\n", "Content-Length: -1\r\n", "Transfer-Encoding: chunked\r\n",
  "Transfer-Encoding: gzip, chunked\r\n", "Upgrade: websocket\r\n", "Connection: Upgrade, close\r\n", "Host: \r\n",
  "x".repeat(70_000), "\x16\x03\x01\x02\x00\x01",
];

function editedRequest(): Buffer {
  let s = pick(REQUESTS);
  for (let edits = int(6); edits > 0; edits--) {
    const at = int(s.length + 1);
    const kind = rand();
    if (kind < 0.3) s = s.slice(0, at) + pick(NASTY) + s.slice(at);
    else if (kind < 0.5) s = s.slice(0, at) + s.slice(at + 1 + int(8));
    else if (kind < 0.75) s = s.slice(0, at) + String.fromCharCode(int(256)) + s.slice(at + 1);
    else if (kind < 0.85) s = s + s.slice(at);
    else s = s.slice(0, at);
  }
  return Buffer.from(s, "latin1");
}

function randomBytes(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = int(256);
  return b;
}

function corruptedHello(hello: Buffer): Buffer {
  const out = Buffer.from(hello);
  const kind = rand();
  if (kind < 0.4) {
    for (let flips = 1 + int(6); flips > 0; flips--) out[int(out.length)] = int(256);
    return out;
  }
  if (kind < 0.6) return out.subarray(0, int(out.length));
  if (kind < 0.8) {
    // A length field: the record's, the handshake message's, the session id's or the ciphers'.
    const at = pick([3, 4, 6, 7, 8, 43, 44]);
    if (at < out.length) out[at] = pick([0, 0xff, out[at]! + 1, out[at]! - 1]) & 0xff;
    return out;
  }
  return Buffer.concat([out, randomBytes(int(512))]);
}

/** A real ClientHello for `servername`, captured from node:tls by a server that reads one chunk. */
function captureClientHello(servername: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const server = net.createServer((s) => {
      s.on("error", () => {});
      s.once("data", (d: Buffer) => {
        resolve(d);
        s.destroy();
        server.close();
      });
    });
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      tls.connect({ host: "127.0.0.1", port, servername, rejectUnauthorized: false, ALPNProtocols: ["h2", "http/1.1"] }).on("error", () => {});
    });
  });
}

const outcomes = new Map<string, number>();
const count = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
const firstLine = (b: Buffer) => (b.length ? b.subarray(0, 12).toString("latin1").replace(/[^ -~]/g, "?") : "(nothing)");

type Ending = "end" | "reset" | "destroy" | "hold" | "slow";

/** Sends `data` in 1–4 pieces, then ends as asked; settles on close or after a deadline. */
function rawCase(port: number, data: Buffer, ending: Ending): Promise<void> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port });
    let got = Buffer.alloc(0);
    const settle = (how: string) => {
      clearTimeout(deadline);
      count(`raw ${ending}, ${how}: ${firstLine(got)}`);
      s.destroy();
      resolve();
    };
    const deadline = setTimeout(() => settle("deadline"), ending === "slow" ? 2500 : 1500);
    s.on("data", (d: Buffer) => (got = Buffer.concat([got, d]).subarray(0, 64)));
    s.on("error", () => settle("error"));
    s.on("close", () => settle("closed"));
    s.on("connect", async () => {
      const step = Math.ceil(data.length / (1 + int(4))) || 1;
      for (let at = 0; at < data.length && !s.destroyed; at += step) {
        s.write(data.subarray(at, at + step));
        if (ending === "slow" || rand() < 0.2) await new Promise((r) => setTimeout(r, int(ending === "slow" ? 400 : 20)));
      }
      if (s.destroyed) return;
      if (ending === "end") s.end();
      else if (ending === "reset") setTimeout(() => s.resetAndDestroy(), int(30));
      else if (ending === "destroy") setTimeout(() => s.destroy(), int(30));
    });
  });
}

/** A real handshake with a random SNI and ALPN, then an edited request inside. */
function tlsCase(port: number): Promise<void> {
  return new Promise((resolve) => {
    const servername = pick(["lab.test", "www.lab.test", "sec.lab.test", "nope.test", undefined]);
    const s = tls.connect({ host: "127.0.0.1", port, servername, rejectUnauthorized: false, ALPNProtocols: rand() < 0.5 ? ["http/1.1"] : ["h2", "x"] });
    const settle = (how: string) => {
      clearTimeout(deadline);
      count(`tls: ${how}`);
      s.destroy();
      resolve();
    };
    const deadline = setTimeout(() => settle("deadline"), 1500);
    s.on("error", (e: Error & { code?: string }) => settle(`error ${e.code ?? e.message}`));
    s.on("close", () => settle("closed"));
    s.on("data", () => {});
    s.on("secureConnect", () => {
      s.write(editedRequest());
      const r = rand();
      if (r < 0.3) s.end();
      else if (r < 0.5) setTimeout(() => s.destroy(), int(50));
    });
  });
}

/** A proper WebSocket upgrade, then frames: some well-formed (masked text), some random bytes. */
function webSocketCase(port: number, servername: string | undefined): Promise<void> {
  return new Promise((resolve) => {
    const s = servername ? tls.connect({ host: "127.0.0.1", port, servername, rejectUnauthorized: false }) : net.connect({ host: "127.0.0.1", port });
    let got = Buffer.alloc(0);
    let upgraded = false;
    const settle = (how: string) => {
      clearTimeout(deadline);
      count(`websocket ${upgraded ? "after 101" : "no 101"}, ${how}`);
      s.destroy();
      resolve();
    };
    const deadline = setTimeout(() => settle("deadline"), 1500);
    s.on("error", () => settle("error"));
    s.on("close", () => settle("closed"));
    s.on(servername ? "secureConnect" : "connect", () =>
      s.write("GET /ws HTTP/1.1\r\nHost: lab.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"),
    );
    s.on("data", (d: Buffer) => {
      if (upgraded) return;
      got = Buffer.concat([got, d]);
      if (!got.includes("\r\n\r\n")) return;
      upgraded = got.toString("latin1").startsWith("HTTP/1.1 101");
      for (let frames = 1 + int(4); frames > 0 && !s.destroyed; frames--) s.write(rand() < 0.5 ? maskedText(randomBytes(int(300))) : randomBytes(1 + int(64)));
      const r = rand();
      if (r < 0.3) s.end();
      else if (r < 0.6) setTimeout(() => s.destroy(), int(30));
    });
  });
}

/** A client's text frame (RFC 6455 §5.2), payload under 64 KiB, with a random mask. */
function maskedText(payload: Buffer): Buffer {
  const head = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length]) : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([head, mask, body]);
}

/** One clean request per listener: the status line (or the echo's greeting). */
async function cleanRound(ports: Record<string, number>): Promise<Record<string, string>> {
  const ask = (port: number, servername?: string) =>
    new Promise<string>((resolve) => {
      const s = servername ? tls.connect({ host: "127.0.0.1", port, servername, rejectUnauthorized: false }) : net.connect({ host: "127.0.0.1", port });
      let got = "";
      const timer = setTimeout(() => s.destroy(), 3000);
      s.on(servername ? "secureConnect" : "connect", () => s.write("GET /api/ok HTTP/1.1\r\nHost: lab.test\r\nConnection: close\r\n\r\n"));
      s.on("data", (d: Buffer) => (got += d.toString("latin1")));
      s.on("error", (e) => resolve(`error ${e.message}`));
      s.on("close", () => {
        clearTimeout(timer);
        resolve(got.split("\r\n")[0]!.split("\n")[0]! || "(nothing)");
      });
    });
  const servernames: Record<string, string> = { "l7-terminate": "lab.test", "l7-reencrypt": "lab.test", "l4-sni": "sec.lab.test" };
  const answers: Record<string, string> = {};
  for (const [name, port] of Object.entries(ports)) answers[name] = await ask(port, servernames[name]);
  return answers;
}

function healthy(answers: Record<string, string>): boolean {
  return Object.entries(answers).every(([name, a]) => (name === "l4-echo" ? a.startsWith("tcp-echo") : a === "HTTP/1.1 200 OK"));
}

async function main(): Promise<void> {
  const manager = new LabManager({ events: { dataPlane: true } });
  const lab = await manager.create(SPEC, null);
  const ports = lab.ports().listeners;
  let events = 0;
  lab.events.subscribe({ onEvent: () => void events++, onClose: () => {} });
  const hellos = [await captureClientHello("sec.lab.test"), await captureClientHello("lab.test")];
  const before = await cleanRound(ports);
  if (!healthy(before)) fail("the lab did not answer clean requests before the soak", before);

  const t0 = Date.now();
  let started = 0;
  const oneCase = (): Promise<void> => {
    const listener = pick(Object.keys(ports));
    const port = ports[listener]!;
    const r = rand();
    const ending = pick(["end", "reset", "destroy", "hold"] as const);
    if ((listener === "l7" || listener === "l7-terminate") && r < 0.1) return webSocketCase(port, listener === "l7" ? undefined : "lab.test");
    if (TLS_LISTENERS.has(listener) && r < 0.35) return rawCase(port, corruptedHello(pick(hellos)), ending);
    if (TLS_LISTENERS.has(listener) && r < 0.7) return tlsCase(port);
    if (r < 0.15) return rawCase(port, randomBytes(int(2048)), ending);
    if (r < 0.25) return rawCase(port, editedRequest().subarray(0, 20 + int(40)), "slow");
    return rawCase(port, editedRequest(), ending);
  };
  const worker = async () => {
    while (started < CASES && Date.now() - t0 < SECONDS * 1000) {
      started++;
      await oneCase();
    }
  };
  const progress = setInterval(() => process.stderr.write(`\r${started} cases, ${Math.round((Date.now() - t0) / 1000)} s of ${SECONDS}, engine RSS ${Math.round(process.memoryUsage().rss / 1048576)} MiB  `), 1000);
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  clearInterval(progress);
  process.stderr.write("\n");

  const after = await cleanRound(ports);
  const state = await lab.state();
  await manager.closeAll();

  console.log(`LayerLab engine soak — seed ${SEED}, ${started} cases in ${Math.round((Date.now() - t0) / 1000)} s, ${PARALLEL} at a time, transport ${process.env.ENGINE_TCP_TRANSPORT ?? "default"}`);
  console.log(`${events.toLocaleString("en-US")} events reached the subscriber; engine RSS at the end ${Math.round(process.memoryUsage().rss / 1048576)} MiB`);
  console.log("\nA clean request per listener afterwards:");
  for (const [name, answer] of Object.entries(after)) console.log(`  ${name.padEnd(16)} ${answer}`);
  console.log("\nEndpoint health at the end:", state.clusters.map((c) => `${c.name}: ${c.endpoints.map((e) => `${e.name} ${e.healthy ? "up" : "down"}`).join(", ")}`).join("; "));
  console.log("\nMost common outcomes (what the client saw first):");
  for (const [outcome, n] of [...outcomes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${String(n).padStart(7)}  ${outcome}`);
  if (!healthy(after)) fail("a listener no longer answers a clean request", after);
  console.log("\nPASS: no uncaught error, every listener answers, the lab closed.");
}

main().catch((err: unknown) => fail("the soak itself", err));
