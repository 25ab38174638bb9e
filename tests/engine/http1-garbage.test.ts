// Malformed and mutated HTTP at the engine's own HTTP/1.1 server, through an L7 listener to a
// sandbox endpoint (both run it): 160 broken requests from a seeded generator, 16 at a time. Every
// answer must be well-formed HTTP or a plain close, and a clean request must still work after.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/progress/shuffle";
import { startMiniLab, type MiniLab } from "./l7-harness";

let lab: MiniLab;
beforeAll(async () => {
  lab = await startMiniLab(
    { endpoints: [{ name: "app" }], clusters: [{ name: "app", endpoints: ["app"] }], listeners: [{ name: "web", layer: "l7", routes: [{ cluster: "app" }] }] },
    { headersTimeoutMs: 300, requestTimeoutMs: 600, timeoutSweepMs: 50 },
  );
});
afterAll(() => lab?.close());

const VALID = [
  "GET /a?b=1 HTTP/1.1\r\nHost: lab.test\r\nCookie: a=1\r\n\r\n",
  "POST /p HTTP/1.1\r\nHost: lab.test\r\nContent-Length: 5\r\n\r\nhello",
  "POST /c HTTP/1.1\r\nHost: lab.test\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
  "GET /ws HTTP/1.1\r\nHost: lab.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
];
const NASTY = ["\r", "\n", "\r\n", "\0", ":", " ", "\t", "Content-Length: 99999999999999999999\r\n", "Transfer-Encoding: chunked\r\n", "\xff\xfe", "HTTP/1.1", "0\r\n\r\n", "ffffffffffffffff\r\n"];

function mutate(rand: () => number, input: string): Buffer {
  let s = input;
  const edits = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * (s.length + 1));
    const kind = rand();
    if (kind < 0.3) s = s.slice(0, at) + NASTY[Math.floor(rand() * NASTY.length)]! + s.slice(at);
    else if (kind < 0.55) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 8));
    else if (kind < 0.8) s = s.slice(0, at) + String.fromCharCode(Math.floor(rand() * 256)) + s.slice(at + 1);
    else s = s.slice(0, at);
  }
  return Buffer.from(s, "latin1");
}

/** Sends bytes and reads until the server closes or 500 ms pass (a truncated head just waits). */
function poke(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const sock = net.connect(port, "127.0.0.1", () => sock.write(bytes));
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      sock.destroy();
      resolve(Buffer.concat(chunks).toString("latin1"));
    };
    const timer = setTimeout(done, 500);
    sock.on("data", (c: Buffer) => chunks.push(c));
    sock.on("error", done);
    sock.on("close", done);
  });
}

async function clean(port: number): Promise<string> {
  return poke(port, Buffer.from("GET /after HTTP/1.1\r\nHost: lab.test\r\nConnection: close\r\n\r\n"));
}

describe("garbage at the HTTP/1.1 server", () => {
  it("answers every mutated request with well-formed HTTP or a close, and keeps serving", async () => {
    const rand = seededRandom(20261121); // seeded, so a failure can be replayed
    const targets = [lab.port("web"), lab.endpoints.get("app")!.port];
    const cases = Array.from({ length: 160 }, (_, i) => ({ i, port: targets[i % 2]!, bytes: mutate(rand, VALID[Math.floor(rand() * VALID.length)]!) }));
    let answered = 0;
    for (let b = 0; b < cases.length; b += 16) {
      const batch = cases.slice(b, b + 16);
      const outs = await Promise.all(batch.map((c) => poke(c.port, c.bytes)));
      outs.forEach((out, k) => {
        if (out.length === 0) return;
        answered++;
        // Every answer (there may be several: pipelined or 100-continue) starts with a status line.
        expect(out, `case ${batch[k]!.i}: ${JSON.stringify(batch[k]!.bytes.toString("latin1"))}`).toMatch(/^HTTP\/1\.1 [1-5]\d\d /);
      });
    }
    expect(answered).toBeGreaterThan(60);
    for (const port of targets) expect(await clean(port)).toMatch(/^HTTP\/1\.1 200 /);
  }, 60_000);
});
