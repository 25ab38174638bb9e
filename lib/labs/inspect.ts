// "What each hop saw" for one request: a column per hop (client, L4 listener, L7 listener,
// endpoint) built from the engine's events correlated by connection and request id. A hop the
// request did not cross says so instead of showing empty fields.
import type { TrafficSpec } from "@/engine/api/schema";
import { endpointRequestFor, innerConnection, type EventIndex } from "./event-index";
import type { ResultRecord } from "./result-record";

export interface HopField {
  label: string;
  value: string;
  /** "hidden": the hop could not see this (rendered as such, not as a value). */
  tone?: "hidden";
}
export interface HopColumn {
  hop: "client" | "l4" | "l7" | "endpoint";
  title: string;
  subtitle: string | null;
  fields: HopField[];
  absent: string | null;
}

const addr = (a: { address: string; port: number } | undefined) => (a ? `${a.address}:${a.port}` : "—");
const headerLines = (h: Record<string, string>) => Object.entries(h).map(([k, v]) => `${k}: ${v}`).join("\n") || "(none)";
const field = (label: string, value: string | number | null | undefined, tone?: "hidden"): HopField => ({ label, value: value === null || value === undefined || value === "" ? "—" : String(value), ...(tone ? { tone } : {}) });

export function inspectResult(r: ResultRecord, spec: TrafficSpec, ix: EventIndex): HopColumn[] {
  const conn = r.connectionId ? ix.connect.get(r.connectionId) : undefined;
  const close = r.connectionId ? ix.close.get(r.connectionId) : undefined;
  const inner = r.connectionId ? innerConnection(ix, r.connectionId) : undefined;
  const l7Conn = r.layer === "l7" ? conn : inner;
  const l7Listener = r.layer === "l7" ? r.listener : (inner?.listener ?? null);

  const client: HopColumn = {
    hop: "client",
    title: "Client",
    subtitle: `client ${r.client + 1}, request ${r.seq + 1}`,
    absent: null,
    fields: [
      field("From", conn ? addr(conn.client) : r.sourceIp),
      field("To listener", r.listener),
      field("Sent", r.protocol === "tcp" ? `raw TCP: ${JSON.stringify(spec.body ?? "hello\n")}` : `${r.method} ${r.path}${r.protocol === "websocket" ? " (WebSocket upgrade)" : ""}`),
      field("Host", r.host ?? "(the listener's address)"),
      field("TLS", r.https ? `yes, SNI ${spec.tls?.serverName ?? spec.host ?? r.sni ?? "default"}` : "no"),
      field("Headers", headerLines(spec.headers)),
      field("Cookies", Object.entries(spec.cookies).map(([k, v]) => `${k}=${v}`).join("; ") || "(none, or only what the jar kept)"),
      field("Connection", `${r.keepAlive ? "keep-alive" : "new connection per request"}${r.connectionId ? ` (${r.connectionId})` : ""}`),
      field("Got back", r.error ? `${r.error} after ${r.totalMs} ms` : `${r.status ?? "echo"} from ${r.endpoint ?? "the proxy"} in ${r.totalMs} ms`),
    ],
  };

  const l4: HopColumn =
    r.layer === "l4"
      ? {
          hop: "l4",
          title: `L4 listener ${r.listener}`,
          subtitle: "sees a TCP connection, not requests",
          absent: null,
          fields: [
            field("4-tuple", conn ? `${addr(conn.client)} → ${addr(conn.local)}` : "(event sampled away)"),
            field("Path", "not visible: the bytes are relayed, never parsed", "hidden"),
            field("Headers", "not visible", "hidden"),
            ...(r.https ? [field("TLS", "ciphertext only; nothing decrypted", "hidden"), field("SNI (ClientHello peek)", r.sni ?? "not peeked")] : []),
            field("Endpoint chosen", r.connectionId ? `${ix.pickByConnection.get(r.connectionId)?.endpoint ?? r.endpoint ?? "—"} — ${ix.pickByConnection.get(r.connectionId)?.reason.detail ?? "reason not recorded"}` : r.endpoint),
            field("Upstream connection", (ix.upstream.get(r.connectionId ?? "") ?? []).map((u) => `${addr(u.local)} → ${u.endpoint}`).join(", ")),
            field("PROXY header sent", ix.upstream.get(r.connectionId ?? "")?.[0]?.proxyProtocol ?? "no"),
            field("Bytes in / out", close ? `${close.bytesIn} / ${close.bytesOut}` : "connection still open"),
          ],
        }
      : { hop: "l4", title: "L4 listener", subtitle: null, fields: [], absent: "Not on this path: the client connected straight to an L7 listener." };

  let l7: HopColumn;
  const req = r.requestId ? ix.request.get(r.requestId) : undefined;
  if (l7Listener && req && req.listener === l7Listener) {
    const hs = l7Conn ? ix.handshake.get(l7Conn.connectionId) : undefined;
    const route = ix.routeByRequest.get(req.requestId);
    const pick = ix.pickByRequest.get(req.requestId);
    const up = ix.upstreamResponse.get(req.requestId);
    const retries = ix.retries.get(req.requestId) ?? [];
    l7 = {
      hop: "l7",
      title: `L7 listener ${l7Listener}`,
      subtitle: "parses every request",
      absent: null,
      fields: [
        field("Downstream connection", l7Conn ? `${addr(l7Conn.client)} → ${addr(l7Conn.local)}` : null),
        ...(hs ? [field("TLS (terminated here)", `${hs.version} ${hs.cipher}, SNI ${hs.sni ?? "none"}, ${hs.resumed ? "resumed session" : "full handshake"}`), field("Certificate presented", hs.resumed ? `none: the client resumed a session (made with ${hs.certificate})` : hs.certificate)] : []),
        field("Request", `${req.method} ${req.path}`),
        field("Host", req.host),
        field("Headers seen", headerLines(req.headers)),
        field("Cookies seen", Object.entries(req.cookies).map(([k, v]) => `${k}=${v}`).join("; ") || "(none)"),
        field("Route", route ? `${route.route ?? "—"} (${route.matchedOn}) → cluster ${route.cluster}` : "no route matched"),
        field("Endpoint chosen", pick ? `${pick.endpoint} — ${pick.reason.detail}` : "none"),
        ...(retries.length ? [field("Retries", retries.map((x) => `attempt ${x.attempt}: left ${x.fromEndpoint} (${x.reason})`).join("\n"))] : []),
        field("Headers added upstream", up ? headerLines(up.headersAdded) : "—"),
        field("Status", ix.response.get(req.requestId)?.status ?? r.status),
      ],
    };
  } else
    l7 = {
      hop: "l7",
      title: "L7 listener",
      subtitle: null,
      fields: [],
      absent: l7Listener ? "The request events were sampled away under load; the counts are still exact." : "Not on this path: nothing between the client and the endpoint parsed HTTP.",
    };

  const at = endpointRequestFor(ix, r.requestId, inner?.connectionId ?? r.connectionId);
  const endpoint: HopColumn = at
    ? {
        hop: "endpoint",
        title: `Endpoint ${at.endpoint}`,
        subtitle: "what arrived",
        absent: null,
        fields: [
          field("Peer address it saw", addr(at.peer)),
          field("Encrypted hop", at.encrypted ? "yes (TLS to this endpoint)" : "no (plain text)"),
          field("Request", `${at.method} ${at.path}`),
          field("Headers received", headerLines(at.headers)),
          field("PROXY protocol", at.proxyProtocol ?? "none"),
        ],
      }
    : { hop: "endpoint", title: "Endpoint", subtitle: null, fields: [], absent: r.endpoint ? `${r.endpoint} answered, but its event was sampled away or is still on its way.` : "No endpoint served this request: the proxy answered on its own." };

  return [client, l4, l7, endpoint];
}
