// A small lab for L7/TLS tests built from the real engine parts: the core's sandbox endpoints and
// cluster runtime (policies + health checks), the lab CA, and the L7 listener. Events are
// recorded unsampled so tests can assert on them.
import net from "node:net";
import type { Dispatcher } from "undici";
import { labSpecSchema, type LabEventInput, type LabEventType, type LabSpecInput } from "../../engine/api/schema";
import type { EndpointRuntime, EventSink, IdSource, ListenerRuntime, TcpTransportKind } from "../../engine/contracts";
import { createLabCa, type LabCa } from "../../engine/transport/ca";
import { createL7Listener } from "../../engine/filters/l7/listener";
import type { L7Options } from "../../engine/filters/l7/l7-shared";
import { startSandboxEndpoint } from "../../engine/sandbox/create-endpoint";
import { healthCheckSources } from "../../engine/traffic/source-addresses";
import { Cluster } from "../../engine/upstream/cluster";

export class RecordingSink implements EventSink {
  readonly events: LabEventInput[] = [];
  wants(_type: LabEventType): boolean {
    return true;
  }
  emit(event: LabEventInput): void {
    this.events.push(event);
  }
  of<T extends LabEventType>(type: T): Extract<LabEventInput, { type: T }>[] {
    return this.events.filter((e) => e.type === type) as Extract<LabEventInput, { type: T }>[];
  }
  clear(): void {
    this.events.length = 0;
  }
}

export function counterIds(): IdSource {
  const n: Record<string, number> = {};
  return { next: (p) => `${p}${(n[p] = (n[p] ?? 0) + 1)}` };
}

export interface MiniLab {
  ca: LabCa;
  events: RecordingSink;
  endpoints: Map<string, EndpointRuntime>;
  clusters: Map<string, Cluster>;
  listeners: Map<string, ListenerRuntime>;
  url(listener: string, path?: string): string;
  port(listener: string): number;
  close(): Promise<void>;
}

/** `tcpTransport`: what plain-HTTP listeners accept on (unset: the engine's default). */
export async function startMiniLab(input: LabSpecInput, options: Partial<L7Options> = {}, tcpTransport?: TcpTransportKind): Promise<MiniLab> {
  const spec = labSpecSchema.parse(input);
  const ca = await createLabCa({ labId: "test" });
  const events = new RecordingSink();
  const ids = counterIds();
  const endpoints = new Map<string, EndpointRuntime>();
  const clusters = new Map<string, Cluster>();
  const listeners = new Map<string, ListenerRuntime>();
  const close = async () => {
    await Promise.all([...listeners.values()].map((l) => l.close()));
    for (const c of clusters.values()) c.close();
    await Promise.all([...endpoints.values()].map((e) => e.close()));
  };
  try {
    for (const e of spec.endpoints) endpoints.set(e.name, await startSandboxEndpoint(e, { labId: "test", events, ids, ca }));
    const probeSources = await healthCheckSources();
    for (const c of spec.clusters) clusters.set(c.name, new Cluster(c, endpoints, { events, caCertPem: ca.caCertPem, probeSources }));
    for (const l of spec.listeners) {
      if (l.layer !== "l7") continue;
      const listener = createL7Listener(l, { labId: "test", clusters, events, ca, ids, tcpTransport }, options);
      listeners.set(l.name, listener);
      await listener.listen();
    }
    for (const c of clusters.values()) c.start();
  } catch (err) {
    await close();
    throw err;
  }
  const port = (name: string) => listeners.get(name)!.port;
  return {
    ca,
    events,
    endpoints,
    clusters,
    listeners,
    port,
    url: (name, path = "/") => `http://127.0.0.1:${port(name)}${path}`,
    close,
  };
}

/** Polls until `fn` is true (health checks and closes are asynchronous). */
export async function until(fn: () => boolean, timeoutMs = 5000, stepMs = 20): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The endpoint echo (or the proxy's error body) when the body is JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions read arbitrary echo fields
  json: Record<string, any> | null;
}

/** One request on an undici dispatcher (a Client = one keep-alive connection). */
export async function send(
  dispatcher: Dispatcher,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const r = await dispatcher.request({ path, method: (init.method ?? "GET") as "GET", headers: init.headers, body: init.body });
  const text = await r.body.text();
  let json: Reply["json"] = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: r.statusCode, headers: r.headers, text, json };
}

/** Writes raw bytes on a fresh socket and resolves with everything read until the server closes. */
export function rawExchange(port: number, payload: string | Buffer, opts: { waitMs?: number; keepOpenMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      sock.destroy();
      resolve(Buffer.concat(chunks).toString("latin1"));
    }, opts.waitMs ?? 3000);
    sock.on("data", (c: Buffer) => chunks.push(c));
    sock.on("error", (e) => {
      clearTimeout(timer);
      if (chunks.length) resolve(Buffer.concat(chunks).toString("latin1"));
      else reject(e);
    });
    sock.on("close", () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString("latin1"));
    });
    sock.on("connect", () => {
      if (payload.length) sock.write(payload);
    });
  });
}
