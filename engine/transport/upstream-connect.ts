// Opens one upstream socket (plain TCP, or TLS for `reencrypt`) with a connect timeout.
//
// Reencrypt verifies the endpoint against the lab CA only — never the system store — and checks
// that the certificate names the endpoint's serverName (RFC 6125), which is what HAProxy's
// `ssl verify required ca-file ... verifyhost` and nginx's `proxy_ssl_verify on` +
// `proxy_ssl_name` do. TLS sessions are cached per endpoint so reconnects resume (RFC 8446 §2.2)
// instead of paying for a full handshake.
import net from "node:net";
import tls from "node:tls";

export interface UpstreamTls {
  readonly secureContext: tls.SecureContext;
  readonly sessions: Map<string, Buffer>;
}

/** One per lab (or listener): the CA is parsed once, not per connection. */
export function createUpstreamTls(caCertPem: string): UpstreamTls {
  return { secureContext: tls.createSecureContext({ ca: caCertPem }), sessions: new Map() };
}

export interface UpstreamTarget {
  host: string;
  port: number;
  /** Present when the hop is encrypted. */
  tls?: { ctx: UpstreamTls; servername: string };
  connectTimeoutMs: number;
  /**
   * Plain hops only: incoming bytes go straight to this callback, read into one buffer shared by
   * every upstream socket, instead of a fresh 64 KiB allocation and a stream 'data' event per read.
   * The bytes are valid only during the call (the next read anywhere overwrites them), so the
   * callback must consume them synchronously — the HTTP parser does, and copies body chunks.
   */
  onBytes?: (bytes: Buffer) => void;
}

const SHARED_READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

export class UpstreamConnectError extends Error {
  readonly origin = "upstream" as const;
  constructor(
    readonly code: "LL_UPSTREAM_CONNECT_TIMEOUT" | "LL_UPSTREAM_CONNECT_FAILED" | "LL_UPSTREAM_TLS_FAILED",
    message: string,
  ) {
    super(message);
  }
}

const MAX_SESSIONS = 64;

/**
 * Calls back exactly once: with the connected (and, for TLS, verified) socket, or an error.
 * The socket is returned synchronously so the caller can destroy it on shutdown.
 */
export function connectUpstream(target: UpstreamTarget, cb: (err: UpstreamConnectError | null, socket?: net.Socket) => void): net.Socket {
  let done = false;
  const finish = (err: UpstreamConnectError | null, socket?: net.Socket) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    if (err) {
      sock.destroy();
      cb(err);
    } else cb(null, socket);
  };
  let sock: net.Socket;
  const t = target.tls;
  if (t) {
    const key = `${t.servername}:${target.port}`;
    const tlsSock = tls.connect({
      host: target.host,
      port: target.port,
      servername: t.servername,
      secureContext: t.ctx.secureContext,
      rejectUnauthorized: true,
      ALPNProtocols: ["http/1.1"],
      session: t.ctx.sessions.get(key),
    });
    tlsSock.on("session", (session: Buffer) => {
      if (t.ctx.sessions.size >= MAX_SESSIONS && !t.ctx.sessions.has(key)) t.ctx.sessions.clear();
      t.ctx.sessions.set(key, session);
    });
    tlsSock.setNoDelay(true); // requests leave in one corked write; don't let Nagle hold the next
    tlsSock.once("secureConnect", () => finish(null, tlsSock));
    sock = tlsSock;
  } else {
    const onBytes = target.onBytes;
    sock = net.connect({
      host: target.host,
      port: target.port,
      noDelay: true,
      onread: onBytes ? { buffer: SHARED_READ_BUFFER, callback: (n: number, buf: Uint8Array) => (onBytes((buf as Buffer).subarray(0, n)), true) } : undefined,
    });
    sock.once("connect", () => finish(null, sock));
  }
  sock.once("error", (e: NodeJS.ErrnoException) => {
    const isTls = !!t && (e.code?.startsWith("ERR_TLS") || e.code?.startsWith("ERR_SSL") || /certificate|self.signed|altnames|unable to verify/i.test(e.message));
    finish(
      isTls
        ? new UpstreamConnectError("LL_UPSTREAM_TLS_FAILED", `TLS to the endpoint failed: ${e.code ?? e.message}`)
        : new UpstreamConnectError("LL_UPSTREAM_CONNECT_FAILED", `connect to the endpoint failed: ${e.code ?? e.message}`),
    );
  });
  // Destroyed before connecting (listener shutdown, client gone): settle now, clearing the timer.
  sock.once("close", () => finish(new UpstreamConnectError("LL_UPSTREAM_CONNECT_FAILED", "the connection was closed before it was established")));
  const timer = setTimeout(
    () => finish(new UpstreamConnectError("LL_UPSTREAM_CONNECT_TIMEOUT", `no connection to the endpoint within ${target.connectTimeoutMs} ms`)),
    target.connectTimeoutMs,
  );
  return sock;
}
