// Helpers for the engine core's tests: build real labs (real sockets on port 0), make plain
// requests without pooled agents (nothing lingers after a test), and record events.
import http from "node:http";
import net from "node:net";
import { readFileSync } from "node:fs";
import path from "node:path";
import { labSpecSchema, type LabEvent, type LabEventType, type LabSpecInput } from "../../engine/api/schema";
import { buildLab } from "../../engine/lab/build-lab";
import type { Lab } from "../../engine/lab/lab";
import { newLabId } from "../../engine/lab/ids";
import type { TcpTransportKind } from "../../engine/contracts";
import { libuvTcp } from "../../engine/transport/libuv-tcp";

export function loadExample(name: string): LabSpecInput {
  return JSON.parse(readFileSync(path.join(import.meta.dirname, "../../engine/examples", name), "utf8")) as LabSpecInput;
}

/** A lab with an event bus that never samples (tests assert on every event). */
export async function startLab(input: LabSpecInput, options: { tcpTransport?: TcpTransportKind } = {}): Promise<Lab> {
  return buildLab(labSpecSchema.parse(input), { id: newLabId(), owner: null, events: { budget: 1_000_000 }, ...options });
}

/**
 * The TCP transports a test should run on: both where this Node offers its TCP handles, else only
 * net (said once, so the skipped half is visible).
 */
export function tcpTransports(): TcpTransportKind[] {
  if (libuvTcp()) return ["libuv", "net"];
  console.warn("Node's TCP handles are not available here: transport tests run on net only");
  return ["net"];
}

export function listenerPort(lab: Lab, name: string): number {
  const l = lab.listener(name);
  if (!l) throw new Error(`no listener ${name}`);
  return l.port;
}

export function endpointPort(lab: Lab, name: string): number {
  const e = lab.created().clusters.flatMap((c) => c.endpoints).find((e) => e.name === name);
  if (!e) throw new Error(`no endpoint ${name}`);
  return e.port;
}

export interface SimpleResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

/** One request on its own connection (agent: false), so no socket outlives the test. */
export function request(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string; localAddress?: string; agent?: http.Agent } = {},
): Promise<SimpleResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method: options.method ?? "GET", path: options.path ?? "/", headers: options.headers, agent: options.agent ?? false, localAddress: options.localAddress },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body) as T }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** Subscribes to a lab's bus and records every event from now on. */
export function recordEvents(lab: Lab): { events: LabEvent[]; of<T extends LabEventType>(type: T): Extract<LabEvent, { type: T }>[]; stop(): void } {
  const events: LabEvent[] = [];
  const stop = lab.events.subscribe({ onEvent: (e) => events.push(e), onClose: () => {} });
  return { events, of: (type) => events.filter((e) => e.type === type) as never, stop };
}

/** Polls until `check` is truthy (generous bounds: these tests must not be timing-sensitive). */
export async function waitFor<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 5000, what = "condition"): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Opens a raw TCP connection and resolves once connected. */
export function connect(port: number, localAddress?: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: "127.0.0.1", port, localAddress }, () => resolve(s));
    s.once("error", reject);
  });
}

/** Reads from a socket until it closes; resolves with everything received. */
export function readAll(socket: net.Socket): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", () => {});
    socket.on("close", () => resolve(Buffer.concat(chunks)));
  });
}

/** Counts of the handle kinds a leak would show (listening sockets, sockets, timers). */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}
