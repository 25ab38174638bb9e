// The JSON an endpoint answers with: exactly what arrived at this hop, so a learner can compare
// what left the client with what reached the endpoint (DESIGN.md, "What the engine must make
// visible").
//
// The answer is written per request under load (it is on every proxied hop the benchmark
// measures), so the parts that belong to the connection — endpoint, connection id, peer, TLS,
// PROXY header — are serialized once per connection and only the request's own fields per
// request. The result is the JSON of an `EndpointEcho`, keys in this order.
import type { Address } from "../api/schema";
import type { ProxyHeader } from "../filters/l4/proxy-protocol";
import type { FrontConnection } from "./connection-front";
import type { RequestHeaders, ServerRequest } from "../http1/server-connection";

export interface EndpointEcho {
  endpoint: string;
  connectionId: string;
  method: string;
  path: string;
  host: string | null;
  headers: RequestHeaders;
  /** The TCP peer this endpoint saw (the proxy's address when there is one in between). */
  peer: Address;
  encrypted: boolean;
  tls: { sni: string | null; version: string | null } | null;
  /** The PROXY v1 header an L4 listener sent ahead of the bytes, with the client it names. */
  proxyProtocol: ProxyHeader | null;
  body: string;
  /** Present when the endpoint answers with an injected error status. */
  fault?: "error";
  status?: number;
}

export class ConnectionEcho {
  private readonly head: string;
  private readonly tail: string;

  constructor(endpoint: string, conn: FrontConnection, tls: EndpointEcho["tls"]) {
    this.head = `{"endpoint":${JSON.stringify(endpoint)},"connectionId":${JSON.stringify(conn.id)},"method":`;
    const rest = { peer: conn.peer, encrypted: tls !== null, tls, proxyProtocol: conn.proxy };
    this.tail = `,${JSON.stringify(rest).slice(1, -1)},"body":`;
  }

  /** The echo of one request as JSON; `fault` adds the injected error status. */
  json(req: ServerRequest, body: string, fault: number | null): string {
    const host = req.headers.host;
    return (
      `${this.head}${JSON.stringify(req.method)},"path":${JSON.stringify(req.url)},"host":${typeof host === "string" ? JSON.stringify(host) : "null"}` +
      `,"headers":${JSON.stringify(req.headers)}${this.tail}${JSON.stringify(body)}${fault === null ? "" : `,"fault":"error","status":${fault}`}}`
    );
  }
}
