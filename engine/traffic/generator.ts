// The traffic generator: plays `clients` simulated clients against one listener of the lab and
// reports, per request, who sent it, on which downstream connection, which endpoint answered,
// the status and the timings. Clients get distinct source addresses where the OS allows it and
// their own cookie jars; `concurrency` bounds requests in flight, `ratePerSecond` their pace.
import { randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";
import tls from "node:tls";
import type { ListenerSpec, TrafficResult, TrafficRun, TrafficSpec } from "../api/schema";
import type { EventSink, IdSource, ListenerRuntime } from "../contracts";
import { CookieJar } from "./cookie-jar";
import { exchangeError, type ExchangeResult } from "./exchange-result";
import { httpExchange } from "./http-client";
import { SerialQueue, waitTurn } from "./pacing";
import { runLimitReached, stopOf } from "./run-stop";
import { clientAddress, distinctSourcesSupported } from "./source-addresses";
import { TcpClientConnection } from "./tcp-client";
import { websocketSession } from "./websocket-client";

export interface TrafficTarget {
  listener: ListenerRuntime;
  listenerSpec: ListenerSpec;
  caCertPem: string;
  events: EventSink;
  ids: IdSource;
  signal: AbortSignal;
}

interface Client {
  index: number;
  address: string;
  jar: CookieJar;
  agent: http.Agent | false;
  queue: SerialQueue;
  tcp: TcpClientConnection | null;
}

/** Which name to send as SNI, and whether the certificate must match it (see README). */
function tlsSettings(spec: TrafficSpec, target: TrafficTarget) {
  const l = target.listenerSpec;
  if (!spec.tls && !(l.layer === "l7" && l.tls !== "none")) return null;
  if (l.tls === "none") return null;
  const explicit = spec.tls?.serverName ?? spec.host;
  const fallback = l.layer === "l7" ? (l.hostnames[0] ?? "lab.test") : (l.sniRoutes?.[0]?.serverName ?? "lab.test");
  // An L7 listener's names are known; behind L4 passthrough the endpoint's certificate is
  // whichever endpoint was picked, so without an explicit name we verify only the chain.
  return { servername: explicit ?? fallback, secureContext: tls.createSecureContext({ ca: target.caCertPem }), verifyName: explicit !== undefined || l.layer === "l7" };
}

export async function runTraffic(spec: TrafficSpec, target: TrafficTarget): Promise<TrafficRun> {
  const runId = `run_${randomBytes(4).toString("hex")}`;
  const distinct = await distinctSourcesSupported();
  const sourceAddresses = distinct ? "distinct" : "shared";
  const tlsOpt = tlsSettings(spec, target);
  const listenerName = target.listener.name;
  target.events.emit({
    type: "traffic.start",
    runId,
    listener: listenerName,
    clients: spec.clients,
    requests: spec.requests,
    sourceAddresses,
    note: distinct
      ? `client i sends from 127.0.0.${10}+i, so the proxy sees ${spec.clients} different source addresses`
      : "this OS only allows 127.0.0.1 as a loopback source address: every client shares it",
  });

  const clients: Client[] = Array.from({ length: spec.clients }, (_, index) => {
    const address = clientAddress(index, distinct);
    const agentOptions = { keepAlive: true, maxSockets: 1, localAddress: address };
    const agent = spec.protocol === "http" && spec.keepAlive ? (tlsOpt ? new https.Agent(agentOptions) : new http.Agent(agentOptions)) : false;
    return { index, address, jar: new CookieJar(), agent, queue: new SerialQueue(), tcp: null };
  });

  // The run's own signal: the caller's (lab deleted, caller gone) or the run's time limit,
  // whichever fires first. Everything below waits on it, so the run ends at maxRunMs at the latest.
  const limit = new AbortController();
  const deadline = setTimeout(() => limit.abort(runLimitReached(spec.maxRunMs)), spec.maxRunMs);
  const stop = AbortSignal.any([target.signal, limit.signal]);
  const run: TrafficTarget = { ...target, signal: stop };

  const startedAt = performance.now();
  const results: TrafficResult[] = new Array(spec.requests);
  let next = 0;
  const one = async (seq: number) => {
    const client = clients[seq % clients.length]!;
    const path = spec.paths[seq % spec.paths.length]!;
    await waitTurn(seq, startedAt, spec.ratePerSecond, stop);
    const startMs = Math.round((performance.now() - startedAt) * 100) / 100;
    const r = await client.queue.run(() => exchange(spec, run, client, path, tlsOpt));
    const connectionId = r.local ? (target.listener.connectionIdFor(r.local) ?? null) : null;
    results[seq] = {
      seq,
      client: client.index,
      sourceIp: r.local?.address ?? client.address,
      connectionId,
      listener: listenerName,
      endpoint: r.endpoint,
      status: r.status,
      requestId: r.requestId,
      ...(r.error ? { error: r.error } : {}),
      timings: { startMs, ...r.timings },
    };
  };
  const worker = async () => {
    while (next < spec.requests) await one(next++);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(spec.concurrency, spec.requests) }, worker));
  } finally {
    clearTimeout(deadline);
    for (const c of clients) {
      if (c.agent) c.agent.destroy();
      c.tcp?.close();
    }
  }

  const durationMs = Math.round(performance.now() - startedAt);
  const byEndpoint: Record<string, number> = {};
  let ok = 0;
  for (const r of results) {
    if (r.endpoint) byEndpoint[r.endpoint] = (byEndpoint[r.endpoint] ?? 0) + 1;
    if (!r.error && (r.status === null || r.status < 400)) ok++;
  }
  const stopped = stop.aborted ? stopOf(stop) : null;
  target.events.emit({ type: "traffic.end", runId, ok, failed: results.length - ok, durationMs, stopped });
  return { runId, sourceAddresses, results, summary: { total: results.length, ok, failed: results.length - ok, byEndpoint, durationMs, stopped } };
}

async function exchange(spec: TrafficSpec, target: TrafficTarget, client: Client, path: string, tlsOpt: ReturnType<typeof tlsSettings>): Promise<ExchangeResult> {
  // Once the run has stopped, the requests left are reported without being sent (a keep-alive
  // client's request may also have waited for the one before it while the run stopped).
  if (target.signal.aborted) return { status: null, endpoint: null, requestId: null, local: null, timings: { totalMs: 0 }, error: stopOf(target.signal) };
  const port = target.listener.port;
  const headers: Record<string, string> = { ...spec.headers };
  if (spec.host) headers.host = spec.host;
  if (spec.protocol === "tcp") return tcpExchange(spec, client, port, tlsOpt, target.signal);
  const cookie = client.jar.header(spec.cookies);
  if (cookie) headers.cookie = cookie;
  if (spec.protocol === "websocket") {
    const ws = spec.websocket ?? { messages: 1, text: "hello" };
    return websocketSession({ port, localAddress: client.address, tls: tlsOpt, path, headers, messages: ws.messages, text: ws.text, timeoutMs: spec.timeoutMs, signal: target.signal });
  }
  if (spec.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "text/plain; charset=utf-8";
  const r = await httpExchange({ port, localAddress: client.address, agent: client.agent, tls: tlsOpt, method: spec.method, path, headers, body: spec.body, timeoutMs: spec.timeoutMs, signal: target.signal });
  client.jar.store(r.setCookie);
  return r;
}

async function tcpExchange(spec: TrafficSpec, client: Client, port: number, tlsOpt: ReturnType<typeof tlsSettings>, signal: AbortSignal): Promise<ExchangeResult> {
  const t0 = performance.now();
  const timings: ExchangeResult["timings"] = { totalMs: 0 };
  const payload = spec.body ?? "hello\n";
  let conn = client.tcp;
  try {
    if (!conn || conn.closed) {
      conn = await TcpClientConnection.open({ port, localAddress: client.address, tls: tlsOpt, timeoutMs: spec.timeoutMs, signal }, timings, t0);
      if (spec.keepAlive) client.tcp = conn;
    }
    timings.firstByteMs = Math.round((performance.now() - t0) * 100) / 100;
    const echoed = await conn.exchange(payload, spec.timeoutMs);
    timings.totalMs = Math.round((performance.now() - t0) * 100) / 100;
    const error = echoed.startsWith("ERROR ") ? { code: "ENDPOINT_ERROR", message: echoed.trim() } : undefined;
    return { status: null, endpoint: conn.endpoint, requestId: null, local: conn.local, timings, ...(error ? { error } : {}) };
  } catch (err) {
    timings.totalMs = Math.round((performance.now() - t0) * 100) / 100;
    return { status: null, endpoint: conn?.endpoint ?? null, requestId: null, local: conn?.local ?? null, timings, error: signal.aborted ? stopOf(signal) : exchangeError(err) };
  } finally {
    if (!spec.keepAlive) conn?.close();
  }
}
