// The L7 listener: terminates the downstream connection (HTTP/1.1, or HTTPS with one
// certificate per virtual host), routes each request and forwards it over pooled keep-alive
// upstream connections — per request, so one keep-alive client can reach many endpoints,
// unlike the L4 listener which pins a connection to one endpoint for its life.
//
// HTTP itself is spoken by engine/http1/server-connection.ts on each accepted (or TLS-terminated)
// socket, not by node:http: it is on every proxied request, and that is where the CPU goes. For
// the same reason a plain-HTTP listener accepts on Node's TCP handles (HandleSocket) rather than
// net where this Node offers them, with net as the fallback (the lab's TCP transport).
import crypto from "node:crypto";
import net from "node:net";
import tls from "node:tls";
import type { Duplex } from "node:stream";
import { LIMITS, type L7ListenerSpec } from "../../api/schema";
import type { CreateL7Listener, ListenerContext, ListenerRuntime, ListenerStats, TcpTransportKind } from "../../contracts";
import type { Address } from "../../api/schema";
import { createSniContexts } from "../../transport/sni-contexts";
import { createUpstreamTls } from "../../transport/upstream-connect";
import { describeTls } from "../../transport/tls-info";
import { listenHandles } from "../../transport/handle-socket";
import { defaultTcpTransport, libuvTcp } from "../../transport/libuv-tcp";
import type { ServerSocket } from "../../http1/server-socket";
import { DeadlineSweep } from "../../http1/deadline-sweep";
import { HttpServerConnection, type Answer, type HttpServerHandlers, type HttpServerLimits, type Refusal, type ServerRequest, type ServerResponse } from "../../http1/server-connection";
import { refusalAnswer } from "./client-errors";
import { DownstreamTable } from "./downstream-table";
import { Exchange } from "./exchange";
import { unmapIp, type DownstreamConn, type L7Options, type L7Shared } from "./l7-shared";
import { PROXY_ERRORS, sendRawError } from "./proxy-errors";
import { compileRoutes } from "./route-table";
import { UpstreamPools, type UpstreamConn } from "./upstream-pool";
import { proxyUpgrade } from "./websocket-proxy";
import { LinkedSet, type SetLinks } from "../../collections/linked-set";

export const DEFAULT_L7_OPTIONS: L7Options = {
  maxHeaderBytes: LIMITS.headerBytes,
  maxBodyBytes: LIMITS.bodyBytes,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 15_000,
  timeoutSweepMs: 1_000,
  connectTimeoutMs: 1_000,
  responseTimeoutMs: 5_000,
  upstreamIdleMs: 4_000,
};

const kConn = Symbol("layerlab.downstream");
const kListener = Symbol("layerlab.listener");
type Tagged = (ServerSocket | Duplex) & { [kConn]?: AcceptedConn; [kListener]?: L7Listener };

/** One accepted downstream connection: what requests and events know of it, and its socket. */
class AcceptedConn implements DownstreamConn, SetLinks<AcceptedConn> {
  requests = 0;
  closeReason: string | undefined = undefined;
  /** Links in the listener's open connections. */
  setPrev: AcceptedConn | null = null;
  setNext: AcceptedConn | null = null;

  constructor(
    readonly id: string,
    readonly client: Address,
    readonly clientIp: string,
    readonly openedAt: number,
    /** The accepted socket (for TLS, the TCP socket under the TLSSocket). */
    readonly socket: ServerSocket,
  ) {}
}

/** One module function for every accepted socket's close (no closure per connection). */
function onAcceptedClose(this: ServerSocket & Tagged): void {
  this[kListener]?.downstreamClosed(this);
}

class L7Listener implements ListenerRuntime {
  readonly layer = "l7" as const;
  /** Stops accepting (the net or tls server, or the handle server), once listening. */
  private stopAccepting: (() => Promise<void>) | null = null;
  private readonly sweep: DeadlineSweep;
  private readonly shared: L7Shared;
  private readonly table = new DownstreamTable<AcceptedConn>();
  private readonly tunnels = new Set<net.Socket | Duplex>();
  private readonly totals = { connections: 0, bytesIn: 0, bytesOut: 0 };
  private boundPort = 0;
  private closed = false;

  constructor(
    private readonly spec: L7ListenerSpec,
    private readonly ctx: ListenerContext,
    options: Partial<L7Options> = {},
  ) {
    const upstreamTlsCtx = spec.tls === "reencrypt" ? createUpstreamTls(ctx.ca.caCertPem) : undefined;
    const o = { ...DEFAULT_L7_OPTIONS, ...options };
    this.shared = {
      spec,
      ctx,
      options: o,
      routes: compileRoutes(spec),
      pools: new UpstreamPools(
        ctx.ids,
        { onUpstreamConnected: (c) => c.owner?.upstreamConnected(c), onUpstreamClose: (c) => this.upstreamClosed(c) },
        { tls: upstreamTlsCtx, maxHeaderBytes: 64 * 1024, idleMs: o.upstreamIdleMs, maxIdle: 128 },
      ),
      proto: spec.tls === "none" ? "http" : "https",
      via: `layerlab-${spec.name}`,
      upstreamTls: !!upstreamTlsCtx,
      upstreamTlsCtx,
      inflight: new LinkedSet(),
      counters: { requests: 0 },
    };
    this.sweep = new DeadlineSweep(this.shared.options.timeoutSweepMs);
  }

  get name(): string {
    return this.spec.name;
  }
  get port(): number {
    return this.boundPort;
  }

  get via(): string {
    return this.shared.via;
  }

  /** What plain-HTTP connections are accepted on (TLS ones are always net's, for node:tls). */
  get transport(): TcpTransportKind {
    return this.ctx.tcpTransport ?? defaultTcpTransport();
  }

  async listen(): Promise<void> {
    const o = this.shared.options;
    const limits: HttpServerLimits = {
      maxHeaderBytes: o.maxHeaderBytes,
      maxBodyBytes: o.maxBodyBytes,
      headersTimeoutMs: Math.min(o.headersTimeoutMs, o.requestTimeoutMs),
      requestTimeoutMs: o.requestTimeoutMs,
      keepAliveTimeoutMs: o.keepAliveTimeoutMs,
    };
    const uv = this.spec.tls === "none" && this.transport === "libuv" ? libuvTcp() : null;
    if (uv) {
      if (this.closed) throw closedBeforeListening(this.name);
      const server = listenHandles(uv, (s) => {
        if (this.table.size >= LIMITS.downstreamConnectionsPerListener) return void s.destroy();
        this.accepted(s);
        this.serveHttp(s, (s as Tagged)[kConn], limits);
      });
      this.stopAccepting = server.close;
      this.boundPort = server.port;
      return;
    }
    let server: net.Server | tls.Server;
    // Plain HTTP: the server connection turns Nagle off from its second write on (see outgoing()).
    if (this.spec.tls === "none") server = net.createServer({ noDelay: false }, (s) => this.serveHttp(s, (s as Tagged)[kConn], limits));
    else {
      const sni = await createSniContexts(this.ctx.ca, this.spec.hostnames);
      server = tls.createServer({
        // Without session tickets (and with no session cache, which node:tls keeps only when asked)
        // no session can be resumed: nginx's `ssl_session_tickets off; ssl_session_cache off;`.
        // It holds after an SNI switch to another host's context too (OpenSSL keeps the
        // connection's options; tls-terminate.test.ts checks both).
        secureOptions: this.spec.sessionResumption === false ? crypto.constants.SSL_OP_NO_TICKET : undefined,
        key: sni.defaultHost.keyPem,
        cert: sni.defaultHost.certPem + this.ctx.ca.caCertPem,
        SNICallback: sni.SNICallback,
        ALPNProtocols: ["http/1.1"],
        minVersion: "TLSv1.2",
        noDelay: true,
        // A stalled handshake is a stalled head: the same deadline (nginx: ssl_handshake_timeout).
        handshakeTimeout: limits.headersTimeoutMs,
      });
      server.on("secureConnection", (s: tls.TLSSocket) => this.secured(s, limits));
      server.on("tlsClientError", (err: Error, s: tls.TLSSocket) => this.tlsFailed(err, s));
    }
    if (this.closed) throw closedBeforeListening(this.name);
    this.stopAccepting = () => (server.listening ? new Promise<void>((r) => server.close(() => r())) : Promise.resolve());
    server.maxConnections = LIMITS.downstreamConnectionsPerListener;
    // Registered before the server's own handler for plain HTTP, so the connection is known first.
    server.prependListener("connection", (s: net.Socket) => this.accepted(s));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        server.off("error", reject);
        server.on("error", () => {}); // accept errors (EMFILE) must not crash the engine
        this.boundPort = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  private accepted(socket: ServerSocket): void {
    const clientIp = unmapIp(socket.remoteAddress);
    const conn = new AcceptedConn(this.ctx.ids.next("c"), { address: clientIp, port: socket.remotePort ?? 0 }, clientIp, performance.now(), socket);
    (socket as Tagged)[kConn] = conn;
    this.table.add(conn);
    this.totals.connections++;
    const ev = this.ctx.events;
    if (ev.wants("downstream.connect"))
      ev.emit({ type: "downstream.connect", listener: this.name, layer: "l7", connectionId: conn.id, client: conn.client, local: { address: "127.0.0.1", port: this.boundPort } });
    (socket as Tagged)[kListener] = this;
    socket.on("close", onAcceptedClose);
  }

  private serveHttp(socket: ServerSocket, conn: AcceptedConn | undefined, limits: HttpServerLimits): void {
    if (!conn || this.closed) return void socket.destroy();
    socket.on("error", ignore); // resets are normal; the close handler accounts for them
    new HttpServerConnection(socket, limits, new DownstreamHttp(this, conn), this.sweep);
  }

  private secured(tlsSocket: tls.TLSSocket, limits: HttpServerLimits): void {
    const conn = this.table.get(unmapIp(tlsSocket.remoteAddress), tlsSocket.remotePort ?? 0);
    if (!conn) return void tlsSocket.destroy();
    (tlsSocket as Tagged)[kConn] = conn;
    const ev = this.ctx.events;
    if (ev.wants("tls.handshake")) ev.emit({ type: "tls.handshake", listener: this.name, connectionId: conn.id, side: "downstream", ...describeTls(tlsSocket, "downstream") });
    this.serveHttp(tlsSocket, conn, limits);
  }

  private tlsFailed(err: Error & { code?: string }, tlsSocket: tls.TLSSocket): void {
    const conn = this.table.get(unmapIp(tlsSocket.remoteAddress), tlsSocket.remotePort ?? 0);
    if (conn) conn.closeReason = `TLS handshake failed: ${err.code ?? err.message}`;
    tlsSocket.destroy();
  }

  /** @internal (DownstreamHttp) */
  request(req: ServerRequest, res: ServerResponse, conn: DownstreamConn): void {
    if (this.closed) return res.destroy();
    new Exchange(this.shared, conn, req, res).start();
  }

  /** @internal (DownstreamHttp) */
  upgrade(req: ServerRequest, socket: net.Socket, head: Buffer, conn: DownstreamConn): void {
    if (this.closed) return void socket.destroy();
    if (req.method === "CONNECT") return sendRawError(socket, PROXY_ERRORS.methodNotAllowed);
    proxyUpgrade(this.shared, conn, req, socket, head, this.tunnels);
  }

  /** @internal (onAcceptedClose) */
  downstreamClosed(socket: ServerSocket): void {
    const conn = (socket as Tagged)[kConn];
    this.totals.bytesIn += socket.bytesRead;
    this.totals.bytesOut += socket.bytesWritten;
    if (!conn) return;
    this.table.remove(conn);
    const ev = this.ctx.events;
    if (ev.wants("downstream.close"))
      ev.emit({ type: "downstream.close", listener: this.name, connectionId: conn.id, bytesIn: socket.bytesRead, bytesOut: socket.bytesWritten, durationMs: Math.round(performance.now() - conn.openedAt), reason: conn.closeReason ?? null });
  }

  private upstreamClosed(c: UpstreamConn): void {
    const ev = this.ctx.events;
    if (ev.wants("upstream.close"))
      ev.emit({ type: "upstream.close", listener: this.name, connectionId: c.lastDownstream, upstreamConnectionId: c.id, endpoint: c.endpoint.name, bytesIn: c.socket.bytesRead, bytesOut: c.socket.bytesWritten });
  }

  stats(): ListenerStats {
    let bytesIn = this.totals.bytesIn;
    let bytesOut = this.totals.bytesOut;
    for (const { socket } of this.table) {
      bytesIn += socket.bytesRead;
      bytesOut += socket.bytesWritten;
    }
    return { activeConnections: this.table.size, totalConnections: this.totals.connections, requests: this.shared.counters.requests, bytesIn, bytesOut };
  }

  connectionIdFor(client: Address): string | undefined {
    return this.table.idFor(client);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const done = this.stopAccepting?.() ?? Promise.resolve();
    for (const ex of this.shared.inflight) ex.abort();
    for (const { socket } of this.table) socket.destroy();
    for (const s of this.tunnels) s.destroy();
    this.tunnels.clear();
    this.shared.pools.close();
    this.sweep.stop();
    await done;
    this.table.clear();
  }
}

function ignore(): void {}

function closedBeforeListening(name: string): Error {
  return Object.assign(new Error(`listener ${name} was closed before it listened`), { code: "LL_PROXY_CLOSED" });
}

/** One downstream connection's HTTP handlers: an object, not closures, per connection. */
class DownstreamHttp implements HttpServerHandlers {
  constructor(
    private readonly listener: L7Listener,
    private readonly conn: DownstreamConn & { closeReason?: string },
  ) {}

  onRequest(req: ServerRequest, res: ServerResponse): void {
    this.listener.request(req, res, this.conn);
  }

  onUpgrade(req: ServerRequest, socket: net.Socket, head: Buffer): void {
    this.listener.upgrade(req, socket, head, this.conn);
  }

  refuse(status: Refusal, detail: string): Answer {
    this.conn.closeReason = `${status} ${detail}`;
    return refusalAnswer(status, detail, this.listener.via);
  }
}

/** Matches contracts' CreateL7Listener; `options` lets tests shorten timeouts. */
export const createL7Listener: CreateL7Listener & ((spec: L7ListenerSpec, ctx: ListenerContext, options?: Partial<L7Options>) => ListenerRuntime) = (
  spec: L7ListenerSpec,
  ctx: ListenerContext,
  options?: Partial<L7Options>,
) => new L7Listener(spec, ctx, options);
