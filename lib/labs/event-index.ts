// Indexes a lab's events by the ids that correlate them across hops: the downstream connection
// id (per listener connection), the request id (the L7 proxy's X-Request-Id, which the endpoint
// echoes back), and the upstream socket's local port — the only thing an L4 hop and the endpoint
// (or a second-tier listener) both see, because an L4 proxy adds nothing to the bytes.
import type { LabEvent } from "@/engine/api/schema";

type Of<T extends LabEvent["type"]> = Extract<LabEvent, { type: T }>;

export interface EventIndex {
  connect: Map<string, Of<"downstream.connect">>;
  close: Map<string, Of<"downstream.close">>;
  clientHello: Map<string, Of<"tls.client_hello">>;
  handshake: Map<string, Of<"tls.handshake">>;
  request: Map<string, Of<"http.request">>;
  routeByRequest: Map<string, Of<"route.match">>;
  routeByConnection: Map<string, Of<"route.match">>;
  pickByRequest: Map<string, Of<"lb.pick">>;
  pickByConnection: Map<string, Of<"lb.pick">>;
  upstream: Map<string, Array<Of<"upstream.connect">>>;
  upstreamResponse: Map<string, Of<"upstream.response">>;
  response: Map<string, Of<"http.response">>;
  retries: Map<string, Array<Of<"retry">>>;
  websocket: Map<string, Of<"websocket.upgrade">>;
  endpointByRequest: Map<string, Of<"endpoint.request">>;
  endpointByPeerPort: Map<number, Of<"endpoint.request">>;
  connectByClientPort: Map<number, Of<"downstream.connect">>;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export function indexEvents(events: Iterable<LabEvent>): EventIndex {
  const ix: EventIndex = {
    connect: new Map(),
    close: new Map(),
    clientHello: new Map(),
    handshake: new Map(),
    request: new Map(),
    routeByRequest: new Map(),
    routeByConnection: new Map(),
    pickByRequest: new Map(),
    pickByConnection: new Map(),
    upstream: new Map(),
    upstreamResponse: new Map(),
    response: new Map(),
    retries: new Map(),
    websocket: new Map(),
    endpointByRequest: new Map(),
    endpointByPeerPort: new Map(),
    connectByClientPort: new Map(),
  };
  for (const e of events) {
    switch (e.type) {
      case "downstream.connect":
        ix.connect.set(e.connectionId, e);
        // Only loopback peers can be an upstream hop of this lab (tiered listeners).
        if (e.client.address === "127.0.0.1") ix.connectByClientPort.set(e.client.port, e);
        break;
      case "downstream.close":
        ix.close.set(e.connectionId, e);
        break;
      case "tls.client_hello":
        ix.clientHello.set(e.connectionId, e);
        break;
      case "tls.handshake":
        if (e.side === "downstream") ix.handshake.set(e.connectionId, e);
        break;
      case "http.request":
        ix.request.set(e.requestId, e);
        break;
      case "route.match":
        if (e.requestId) ix.routeByRequest.set(e.requestId, e);
        else ix.routeByConnection.set(e.connectionId, e);
        break;
      case "lb.pick":
        // The last pick wins: after a retry it names the endpoint that finally answered.
        if (e.requestId) ix.pickByRequest.set(e.requestId, e);
        else ix.pickByConnection.set(e.connectionId, e);
        break;
      case "upstream.connect":
        push(ix.upstream, e.connectionId, e);
        break;
      case "upstream.response":
        ix.upstreamResponse.set(e.requestId, e);
        break;
      case "http.response":
        ix.response.set(e.requestId, e);
        break;
      case "retry":
        if (e.requestId) push(ix.retries, e.requestId, e);
        break;
      case "websocket.upgrade":
        ix.websocket.set(e.connectionId, e);
        break;
      case "endpoint.request": {
        const rid = Object.entries(e.headers).find(([k]) => k.toLowerCase() === "x-request-id")?.[1];
        if (rid && !ix.endpointByRequest.has(rid)) ix.endpointByRequest.set(rid, e);
        if (!ix.endpointByPeerPort.has(e.peer.port)) ix.endpointByPeerPort.set(e.peer.port, e);
        break;
      }
      default:
        break;
    }
  }
  return ix;
}

/** The second-tier connection an L4 hop opened to a listener endpoint, if any. */
export function innerConnection(ix: EventIndex, connectionId: string): Of<"downstream.connect"> | undefined {
  for (const up of ix.upstream.get(connectionId) ?? []) {
    const inner = ix.connectByClientPort.get(up.local.port);
    if (inner) return inner;
  }
  return undefined;
}

/** What the endpoint received for this request or connection. */
export function endpointRequestFor(ix: EventIndex, requestId: string | null, connectionId: string | null): Of<"endpoint.request"> | undefined {
  if (requestId) {
    const byId = ix.endpointByRequest.get(requestId);
    if (byId) return byId;
  }
  if (!connectionId) return undefined;
  for (const up of ix.upstream.get(connectionId) ?? []) {
    const e = ix.endpointByPeerPort.get(up.local.port);
    if (e) return e;
  }
  return undefined;
}
