// The JSON an endpoint answers with: exactly what arrived at this hop, so a learner can compare
// what left the client with what reached the endpoint (DESIGN.md, "What the engine must make
// visible").
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import type { Address } from "../api/schema";
import type { ProxyHeader } from "../filters/l4/proxy-protocol";
import type { FrontConnection } from "./connection-front";

export interface EndpointEcho {
  endpoint: string;
  connectionId: string;
  method: string;
  path: string;
  host: string | null;
  headers: IncomingHttpHeaders;
  /** The TCP peer this endpoint saw (the proxy's address when there is one in between). */
  peer: Address;
  encrypted: boolean;
  tls: { sni: string | null; version: string | null } | null;
  /** The PROXY v1 header an L4 listener sent ahead of the bytes, with the client it names. */
  proxyProtocol: ProxyHeader | null;
  body: string;
}

export function tlsOf(req: IncomingMessage): EndpointEcho["tls"] {
  const socket = req.socket as Partial<TLSSocket>;
  if (!socket.encrypted) return null;
  return { sni: typeof socket.servername === "string" ? socket.servername : null, version: socket.getProtocol?.() ?? null };
}

export function buildEcho(endpoint: string, conn: FrontConnection, req: IncomingMessage, body: string): EndpointEcho {
  const tls = tlsOf(req);
  return {
    endpoint,
    connectionId: conn.id,
    method: req.method ?? "",
    path: req.url ?? "",
    host: req.headers.host ?? null,
    headers: req.headers,
    peer: conn.peer,
    encrypted: tls !== null,
    tls,
    proxyProtocol: conn.proxy,
    body,
  };
}

/** Flattens headers for events (multi-valued ones joined, as RFC 9110 §5.3 allows). */
export function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}
