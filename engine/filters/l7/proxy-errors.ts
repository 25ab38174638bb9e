// The errors an L7 proxy answers with itself. Each has a stable code (like undici's
// `UND_ERR_*`) and says which side caused it, so a learner can tell "the endpoint broke" from
// "the proxy refused" from "the client sent garbage". Status choices mirror nginx/Envoy:
// 502 when the upstream failed, 503 when none is available, 504 when it was too slow.
import type { Duplex } from "node:stream";
import { reasonPhrase } from "../../http1/reason-phrases";
import type { Answer, ServerResponse } from "../../http1/server-connection";

export type ErrorOrigin = "downstream" | "proxy" | "upstream";

export interface ProxyErrorSpec {
  status: number;
  code: string;
  origin: ErrorOrigin;
  message: string;
}

export const PROXY_ERRORS = {
  badRequest: { status: 400, code: "LL_DOWNSTREAM_BAD_REQUEST", origin: "downstream", message: "malformed HTTP request" },
  requestTimeout: { status: 408, code: "LL_DOWNSTREAM_TIMEOUT", origin: "downstream", message: "the client did not send a complete request in time" },
  bodyTooLarge: { status: 413, code: "LL_DOWNSTREAM_BODY_TOO_LARGE", origin: "downstream", message: "request body is larger than the engine allows" },
  headersTooLarge: { status: 431, code: "LL_DOWNSTREAM_HEADERS_TOO_LARGE", origin: "downstream", message: "request headers are larger than the listener allows" },
  noRoute: { status: 404, code: "LL_PROXY_NO_ROUTE", origin: "proxy", message: "no route matches this request" },
  methodNotAllowed: { status: 405, code: "LL_PROXY_METHOD_NOT_ALLOWED", origin: "proxy", message: "CONNECT is not proxied by an L7 listener" },
  upgradeUnsupported: { status: 400, code: "LL_PROXY_UPGRADE_UNSUPPORTED", origin: "proxy", message: "only WebSocket upgrades are proxied" },
  noHealthyUpstream: { status: 503, code: "LL_PROXY_NO_HEALTHY_UPSTREAM", origin: "proxy", message: "no healthy endpoint in the cluster" },
  unknownCluster: { status: 503, code: "LL_PROXY_UNKNOWN_CLUSTER", origin: "proxy", message: "the route names a cluster that is not running" },
  upstreamConnect: { status: 502, code: "LL_UPSTREAM_CONNECT_FAILED", origin: "upstream", message: "could not connect to the endpoint" },
  upstreamReset: { status: 502, code: "LL_UPSTREAM_RESET", origin: "upstream", message: "the endpoint closed the connection before answering" },
  upstreamTls: { status: 502, code: "LL_UPSTREAM_TLS_FAILED", origin: "upstream", message: "TLS to the endpoint failed verification against the lab CA" },
  upstreamTimeout: { status: 504, code: "LL_UPSTREAM_TIMEOUT", origin: "upstream", message: "the endpoint did not answer in time" },
} as const satisfies Record<string, ProxyErrorSpec>;

export function errorBody(e: ProxyErrorSpec, detail?: string, requestId?: string): string {
  return JSON.stringify({ error: { code: e.code, message: detail ? `${e.message}: ${detail}` : e.message, origin: e.origin, ...(requestId ? { requestId } : {}) } });
}

/** The proxy's own answer as the server connection writes it (refusals, and sendError). */
export function errorAnswer(e: ProxyErrorSpec, extraHeaders: readonly string[], detail?: string, requestId?: string): Answer {
  return {
    status: e.status,
    reason: reasonPhrase(e.status),
    headers: [...extraHeaders, "content-type", "application/json", "x-layerlab-error", e.code],
    body: errorBody(e, detail, requestId),
  };
}

/** Answers on a live response (keeps the downstream connection when possible). */
export function sendError(res: ServerResponse, e: ProxyErrorSpec, extraHeaders: readonly string[], detail?: string, requestId?: string): void {
  if (res.headersSent) {
    // Too late for a status: the only honest signal left is to cut the connection, which is
    // what nginx does when an upstream dies mid-body.
    res.destroy();
    return;
  }
  const a = errorAnswer(e, extraHeaders, detail, requestId);
  res.writeHead(a.status, a.reason, [...a.headers, "content-length", String(Buffer.byteLength(a.body))]);
  res.end(a.body);
}

/** Answer on a raw socket (client errors and upgrades), then close: the stream state is unknown. */
export function sendRawError(socket: Duplex, e: ProxyErrorSpec, detail?: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = errorBody(e, detail);
  const reason = reasonPhrase(e.status);
  socket.end(
    `HTTP/1.1 ${e.status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-LayerLab-Error: ${e.code}\r\nConnection: close\r\n\r\n${body}`,
  );
}
