// Header rewriting at the L7 hop, in both directions.
//
// RFC 9110 §7.6.1: a proxy removes the Connection header, every field it names, and the fields
// that are hop-by-hop by definition (Proxy-Connection, Keep-Alive, TE, Transfer-Encoding,
// Upgrade). Content-Length is re-derived because the body is buffered and re-framed, and Expect
// is answered here (Node sends the 100 Continue), as nginx does with request buffering on.
// Then the proxy adds what the endpoint cannot otherwise know:
//   X-Forwarded-For   appended (de-facto standard; RFC 7239 `Forwarded` is its successor),
//   X-Forwarded-Proto what the client spoke to us (Envoy overwrites it; so do we),
//   X-Request-Id      kept when the client sent a sane one, else ours (Envoy's behaviour),
//   Via               appended, RFC 9110 §7.6.3 "received-protocol received-by".

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "te", "transfer-encoding", "upgrade", "trailer"]);
const REQUEST_REPLACED = new Set(["content-length", "expect", "x-forwarded-for", "x-forwarded-proto", "x-request-id", "via"]);
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface ForwardInfo {
  clientIp: string;
  proto: "http" | "https";
  requestId: string;
  /** Our pseudonym in Via, e.g. "layerlab-web". */
  via: string;
}

/** A client-supplied X-Request-Id is kept only if it is short and plain. */
export function incomingRequestId(value: string | string[] | undefined): string | null {
  return typeof value === "string" && REQUEST_ID.test(value) ? value : null;
}

/**
 * Adds the field names one Connection header value nominates, lower-cased, to `into` (made when
 * needed). Its usual values, "keep-alive" and "close", nominate nothing that is not dropped
 * anyway, so they cost no Set and no split.
 */
function nominate(value: string, into: Set<string> | null): Set<string> | null {
  if (value.length <= 10) {
    const v = value.toLowerCase();
    if (v === "keep-alive" || v === "close") return into;
  }
  const tokens = into ?? new Set<string>();
  for (const t of value.split(",")) tokens.add(t.trim().toLowerCase());
  return tokens;
}

const isConnection = (name: string): boolean => name.length === 10 && name.toLowerCase() === "connection";

/** Tokens of every Connection header, lower-cased (RFC 9110 §7.6.1). */
function connectionTokens(raw: readonly string[]): Set<string> | null {
  let tokens: Set<string> | null = null;
  for (let i = 0; i < raw.length; i += 2) if (isConnection(raw[i]!)) tokens = nominate(raw[i + 1]!, tokens);
  return tokens;
}

export interface UpstreamRequestHeaders {
  /** Flat [name, value, ...] as undici and raw writers accept. */
  headers: string[];
  /** What this hop added or changed — the upstream.response event shows it. */
  added: Record<string, string>;
}

/**
 * @param websocket keep `Upgrade` and send `Connection: Upgrade` — RFC 6455 §4.1 requires both,
 *   and a proxy that forwards the upgrade re-creates them (nginx needs them set explicitly).
 */
export function upstreamRequestHeaders(raw: readonly string[], f: ForwardInfo, websocket = false, framing?: { bodyLength: number | null; method: string; defaultHost: string }): UpstreamRequestHeaders {
  const nominated = connectionTokens(raw);
  const out: string[] = [];
  let xff: string | null = null;
  let via: string | null = null;
  let upgrade: string | null = null;
  let hasHost = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    const lower = name.toLowerCase();
    if (lower === "host") hasHost = true;
    if (HOP_BY_HOP.has(lower) || REQUEST_REPLACED.has(lower) || nominated?.has(lower)) {
      if (lower === "x-forwarded-for") xff = xff === null ? value : `${xff}, ${value}`;
      else if (lower === "via") via = via === null ? value : `${via}, ${value}`;
      else if (lower === "upgrade") upgrade = value;
      continue;
    }
    out.push(name, value);
  }
  const added: Record<string, string> = {
    "x-forwarded-for": xff ? `${xff}, ${f.clientIp}` : f.clientIp,
    "x-forwarded-proto": f.proto,
    "x-request-id": f.requestId,
    via: via ? `${via}, 1.1 ${f.via}` : `1.1 ${f.via}`,
  };
  out.push("x-forwarded-for", added["x-forwarded-for"]!, "x-forwarded-proto", f.proto, "x-request-id", f.requestId, "via", added.via!);
  if (websocket && upgrade) out.push("upgrade", upgrade, "connection", "Upgrade");
  if (framing) {
    // RFC 9112 §3.2: HTTP/1.1 requests carry Host (an HTTP/1.0 client may have sent none).
    if (!hasHost) out.push("host", framing.defaultHost);
    // The body was buffered, so it is re-framed with a Content-Length (RFC 9110 §8.6: a POST, PUT
    // or PATCH without a body still says 0).
    if (framing.bodyLength !== null) out.push("content-length", String(framing.bodyLength));
    else if (framing.method === "POST" || framing.method === "PUT" || framing.method === "PATCH") out.push("content-length", "0");
  }
  return { headers: out, added };
}

const RESPONSE_DROP = HOP_BY_HOP;
/** Header bytes are latin1 on the wire (RFC 9110 §5.5: obs-text); keep them byte-for-byte. */
const str = (x: Buffer | string): string => (typeof x === "string" ? x : x.toString("latin1"));

/**
 * Response headers from undici's raw Buffer pairs → flat strings for res.writeHead, minus
 * hop-by-hop fields, plus Via and the request id (Envoy's always_set_request_id_in_response).
 */
export function downstreamResponseHeaders(raw: readonly Buffer[] | readonly string[], f: ForwardInfo): string[] {
  const out: string[] = [];
  let nominated: Set<string> | null = null;
  let via: string | null = null;
  let sawRequestId = false;
  for (let i = 0; i < raw.length; i += 2) if (isConnection(str(raw[i]!))) nominated = nominate(str(raw[i + 1]!), nominated);
  for (let i = 0; i < raw.length; i += 2) {
    const name = str(raw[i]!);
    const lower = name.toLowerCase();
    if (RESPONSE_DROP.has(lower) || nominated?.has(lower)) continue;
    const value = str(raw[i + 1]!);
    if (lower === "via") {
      via = via === null ? value : `${via}, ${value}`;
      continue;
    }
    if (lower === "x-request-id") sawRequestId = true;
    out.push(name, value);
  }
  out.push("via", via ? `${via}, 1.1 ${f.via}` : `1.1 ${f.via}`);
  if (!sawRequestId) out.push("x-request-id", f.requestId);
  return out;
}
