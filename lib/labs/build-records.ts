// Joins each traffic result with what every hop saw of it (see result-record.ts). Events can be
// sampled away under heavy load (engine/events/sampler.ts); fields then stay null and the record
// still carries what the client itself measured, so counts and latencies stay exact.
import type { LabSpec, TrafficRun, TrafficSpec } from "@/engine/api/schema";
import { endpointRequestFor, innerConnection, type EventIndex } from "./event-index";
import type { ResultRecord } from "./result-record";

export interface LabRun {
  spec: TrafficSpec;
  run: TrafficRun;
}

/** The cluster an endpoint belongs to behind this listener, when the pick event is missing. */
function inferCluster(spec: LabSpec, listenerName: string, endpoint: string | null): string | null {
  if (!endpoint) return null;
  const seen = new Set<string>();
  const walk = (name: string): string[] => {
    if (seen.has(name)) return [];
    seen.add(name);
    const l = spec.listeners.find((x) => x.name === name);
    if (!l) return [];
    const clusters = l.layer === "l4" ? [l.cluster, ...(l.sniRoutes ?? []).map((r) => r.cluster)] : l.routes.map((r) => r.cluster);
    const out: string[] = [];
    for (const cn of new Set(clusters)) {
      const c = spec.clusters.find((x) => x.name === cn);
      for (const m of c?.endpoints ?? []) {
        const en = typeof m === "string" ? m : m.endpoint;
        if (en === endpoint) out.push(cn);
        const e = spec.endpoints.find((x) => x.name === en);
        if (e?.kind === "listener" && e.listener) out.push(...walk(e.listener));
      }
    }
    return out;
  };
  const found = [...new Set(walk(listenerName))];
  return found.length === 1 ? found[0]! : null;
}

export function buildRecords(runs: readonly LabRun[], ix: EventIndex, lab: LabSpec): ResultRecord[] {
  const out: ResultRecord[] = [];
  for (const { spec, run } of runs) {
    const listener = lab.listeners.find((l) => l.name === spec.listener);
    const layer = listener?.layer ?? "l4";
    const https = Boolean(spec.tls) || (layer === "l7" && listener?.tls !== "none");
    for (const r of run.results) {
      const conn = r.connectionId;
      const inner = conn ? innerConnection(ix, conn) : undefined;
      const ws = conn ? (ix.websocket.get(conn) ?? (inner ? ix.websocket.get(inner.connectionId) : undefined)) : undefined;
      const requestId = r.requestId ?? ws?.requestId ?? null;
      const request = requestId ? ix.request.get(requestId) : undefined;
      const firstHopRequest = request && request.listener === spec.listener ? request : undefined;
      const route = (requestId && request?.listener === spec.listener ? ix.routeByRequest.get(requestId) : undefined) ?? (conn ? ix.routeByConnection.get(conn) : undefined);
      const firstPick = (requestId && request?.listener === spec.listener ? ix.pickByRequest.get(requestId) : undefined) ?? (conn ? ix.pickByConnection.get(conn) : undefined);
      const finalPick = (requestId ? ix.pickByRequest.get(requestId) : undefined) ?? firstPick;
      const atEndpoint = endpointRequestFor(ix, requestId, inner?.connectionId ?? conn);
      const hello = conn ? ix.clientHello.get(conn) : undefined;
      const hs = conn ? ix.handshake.get(conn) : undefined;
      const retries = requestId ? (ix.retries.get(requestId) ?? []) : [];
      const upstream = conn ? ix.upstream.get(conn)?.[0] : undefined;
      out.push({
        run: run.runId,
        seq: r.seq,
        listener: spec.listener,
        layer,
        protocol: spec.protocol,
        client: r.client,
        sourceIp: r.sourceIp,
        connectionId: conn,
        requestId,
        method: spec.protocol === "tcp" ? "" : spec.method,
        path: spec.paths[r.seq % spec.paths.length] ?? "/",
        host: spec.host ?? null,
        https,
        keepAlive: spec.keepAlive,
        endpoint: r.endpoint,
        cluster: finalPick && finalPick.endpoint === r.endpoint ? finalPick.cluster : inferCluster(lab, spec.listener, r.endpoint),
        status: r.status,
        ok: !r.error && (r.status === null || r.status < 400),
        error: r.error?.code ?? null,
        totalMs: r.timings.totalMs,
        route: route?.route ?? null,
        matchedOn: route?.matchedOn ?? null,
        pick: firstPick?.reason.kind ?? null,
        hashInput: firstPick?.reason.hashInput ?? null,
        proxySawPath: firstHopRequest?.path ?? null,
        proxySawHost: firstHopRequest?.host ?? null,
        proxyHeaders: firstHopRequest?.headers ?? {},
        sni: hello?.sni ?? hs?.sni ?? null,
        downstreamTls: hs?.version ?? null,
        certificate: hs?.certificate ?? null,
        via: inner?.listener ?? null,
        retried: retries.length > 0,
        attempts: retries.length + 1,
        upstreamTls: upstream?.tls ?? null,
        endpointPeer: atEndpoint?.peer.address ?? null,
        endpointEncrypted: atEndpoint?.encrypted ?? null,
        endpointHeaders: atEndpoint?.headers ?? {},
        endpointProxyProtocol: atEndpoint?.proxyProtocol ?? null,
      });
    }
  }
  return out;
}
