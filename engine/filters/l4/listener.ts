// The L4 listener (transport layer): accepts TCP, picks an endpoint once per connection and pipes
// bytes both ways without parsing them — so a keep-alive connection stays on one endpoint for its
// whole life, unlike an L7 listener that balances per request. With `tls: passthrough` the
// endpoint terminates TLS and the proxy only ever sees ciphertext; with `sniRoutes` it peeks the
// ClientHello's server name (in the clear) to choose a cluster without decrypting. Optionally
// sends a PROXY v1 header so the endpoint learns the real client address.
import { LIMITS, type L4ListenerSpec } from "../../api/schema";
import type { Address } from "../../api/schema";
import type { ClusterRuntime, CreateL4Listener, TcpTransportKind, ListenerContext, ListenerRuntime, ListenerStats } from "../../contracts";
import { defaultTcpTransport } from "../../transport/libuv-tcp";
import { listenLibuv } from "./libuv-transport";
import type { L4Acceptor, L4Session, L4SessionOwner } from "./l4-transport";
import { listenNet } from "./net-transport";
import { encodeProxyV1 } from "./proxy-protocol";
import type { PeekOutcome } from "./sni-peek";
import { SniRouter } from "./sni-router";
import { LinkedSet } from "../../collections/linked-set";
import { RecentlyClosed } from "../../collections/recently-closed";

/** HAProxy's usual `tcp-request inspect-delay 5s`; the buffer holds any sane ClientHello. */
const PEEK = { maxBytes: 32 * 1024, timeoutMs: 5000 };
const RECENT = 256;
const DEFAULT_CONNECT_TIMEOUT_MS = 1000;
/** How often, as a fraction of the idle timeout, sessions are checked for silence. */
const IDLE_CHECKS_PER_TIMEOUT = 4;

export const createL4Listener: CreateL4Listener = (spec, ctx) => new L4Listener(spec, ctx);

export class L4Listener implements ListenerRuntime, L4SessionOwner {
  readonly layer = "l4" as const;
  private acceptor: L4Acceptor | null = null;
  private boundPort = 0;
  /** A LinkedSet, not a Set: sessions come and go at traffic rates (see collections/linked-set.ts). */
  private readonly sessions = new LinkedSet<L4Session>();
  /** Recently closed connections, so the traffic generator can still name one after it closed. */
  private readonly recent = new RecentlyClosed(RECENT);
  private readonly defaultCluster: ClusterRuntime;
  private readonly sni: SniRouter | null;
  private totalConnections = 0;
  private closedBytesIn = 0;
  private closedBytesOut = 0;
  /** Runs only while there are sessions; see sweepIdle. */
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly spec: L4ListenerSpec,
    private readonly ctx: ListenerContext,
  ) {
    const cluster = ctx.clusters.get(spec.cluster);
    if (!cluster) throw new Error(`listener ${spec.name}: unknown cluster ${spec.cluster}`);
    this.defaultCluster = cluster;
    this.sni = spec.tls === "passthrough" && spec.sniRoutes?.length ? new SniRouter(spec.sniRoutes, ctx.clusters) : null;
  }

  get name(): string {
    return this.spec.name;
  }
  get port(): number {
    return this.boundPort;
  }

  /** Which transport carries the bytes: Node's TCP handles where available (the default), else net. */
  get transport(): TcpTransportKind {
    return this.ctx.tcpTransport ?? defaultTcpTransport();
  }

  async listen(): Promise<void> {
    const options = {
      maxConnections: LIMITS.downstreamConnectionsPerListener,
      ids: this.ctx.ids,
      owner: this,
      onSession: (session: L4Session) => this.onConnection(session),
      sessionCount: () => this.sessions.size,
    };
    this.acceptor = await (this.transport === "libuv" ? listenLibuv(options) : listenNet(options));
    this.boundPort = this.acceptor.port;
  }

  close(): Promise<void> {
    const acceptor = this.acceptor;
    this.acceptor = null;
    this.stopIdleSweep();
    for (const s of this.sessions) s.destroy("listener closed");
    return acceptor ? acceptor.close() : Promise.resolve();
  }

  stats(): ListenerStats {
    let bytesIn = this.closedBytesIn;
    let bytesOut = this.closedBytesOut;
    for (const s of this.sessions) {
      const b = s.downstreamBytes();
      bytesIn += b.bytesIn;
      bytesOut += b.bytesOut;
    }
    // An L4 listener never parses requests, so it cannot count them: `requests` stays 0.
    return { activeConnections: this.sessions.size, totalConnections: this.totalConnections, requests: 0, bytesIn, bytesOut };
  }

  connectionIdFor(client: Address): string | undefined {
    const open = this.sessions.findNewest((s) => s.remotePort === client.port && s.remoteAddress === client.address);
    return open?.id ?? this.recent.idFor(client.address, client.port);
  }

  private onConnection(session: L4Session): void {
    const { events } = this.ctx;
    this.sessions.add(session);
    this.totalConnections++;
    this.idleTimer ??= setInterval(() => this.sweepIdle(), Math.max(250, this.spec.idleTimeoutMs / IDLE_CHECKS_PER_TIMEOUT)).unref();
    if (events.wants("downstream.connect"))
      events.emit({
        type: "downstream.connect",
        listener: this.spec.name,
        layer: "l4",
        connectionId: session.id,
        client: { address: session.remoteAddress, port: session.remotePort },
        local: session.localAddress(),
      });
    if (!this.sni) return this.forward(session, this.defaultCluster, null, "listener", null);
    session.peekClientHello(PEEK, (outcome, buffered) => this.onPeek(session, outcome, buffered));
  }

  private onPeek(session: L4Session, outcome: PeekOutcome, buffered: Buffer): void {
    if (outcome.kind === "closed") return;
    const { events } = this.ctx;
    const sni = outcome.kind === "client-hello" ? outcome.sni : null;
    if (events.wants("tls.client_hello"))
      events.emit({ type: "tls.client_hello", listener: this.spec.name, connectionId: session.id, sni, note: describePeek(outcome) });
    const route = sni !== null ? this.sni!.match(sni) : null;
    // No SNI match (or not TLS at all): the listener's own cluster, as HAProxy's default_backend.
    if (route) this.forward(session, route.cluster, buffered, "sni", route.serverName);
    else this.forward(session, this.defaultCluster, buffered, "listener", null);
  }

  private forward(session: L4Session, cluster: ClusterRuntime, initial: Buffer | null, matchedOn: "sni" | "listener", route: string | null): void {
    const { events } = this.ctx;
    if (session.clientGone) return;
    if (events.wants("route.match"))
      events.emit({ type: "route.match", listener: this.spec.name, connectionId: session.id, requestId: null, route, cluster: cluster.name, matchedOn });
    this.pickAndConnect(session, cluster, initial, null);
  }

  /** Picks an endpoint not yet tried for this connection and connects; repeats after a failed connect. */
  private pickAndConnect(session: L4Session, cluster: ClusterRuntime, initial: Buffer | null, retryOf: { endpoint: string; reason: string } | null): void {
    const { events, ids } = this.ctx;
    const listener = this.spec.name;
    const picked = cluster.pick({ sourceIp: session.remoteAddress, exclude: session.tried });
    if (!picked) {
      // Nothing (left) to send the bytes to: close the client, as HAProxy does with no server available.
      const tried = [...session.tried];
      session.destroy(tried.length > 0 ? `no endpoint of cluster ${cluster.name} accepted the connection (tried ${tried.join(", ")})` : `no healthy endpoint in cluster ${cluster.name}`);
      return;
    }
    const endpoint = picked.member.endpoint.name;
    if (retryOf && events.wants("retry"))
      events.emit({ type: "retry", listener, connectionId: session.id, requestId: null, attempt: session.tried.size, fromEndpoint: retryOf.endpoint, reason: `connect-failure: ${retryOf.reason}` });
    if (events.wants("lb.pick")) {
      const reason = retryOf ? { ...picked.reason, kind: "retry" as const, detail: `retry after the connect to ${retryOf.endpoint} failed; ${picked.reason.detail}` } : picked.reason;
      events.emit({ type: "lb.pick", listener, connectionId: session.id, requestId: null, cluster: cluster.name, endpoint, reason });
    }
    const proxyHeader = this.spec.proxyProtocol ? encodeProxyV1({ address: session.remoteAddress, port: session.remotePort }, session.localAddress()) : null;
    session.upstreamId = ids.next("u");
    session.connect(picked.member, cluster, { connectTimeoutMs: cluster.spec.timeouts?.connectMs ?? DEFAULT_CONNECT_TIMEOUT_MS, proxyHeader, initial });
  }

  /** @internal (L4Session) */
  upstreamConnected(session: L4Session): void {
    const { events } = this.ctx;
    if (!events.wants("upstream.connect")) return;
    events.emit({
      type: "upstream.connect",
      listener: this.spec.name,
      connectionId: session.id,
      upstreamConnectionId: session.upstreamId!,
      endpoint: session.member!.endpoint.name,
      reused: false,
      // The upstream hop carries TLS end to end in passthrough, though the proxy never decrypts it.
      tls: this.spec.tls === "passthrough",
      local: session.upstreamLocalAddress(),
      proxyProtocol: session.proxyHeader ? session.proxyHeader.trimEnd() : null,
    });
  }

  /** @internal (L4Session) Nothing was sent yet, so another endpoint can take the connection (nginx's proxy_next_upstream). */
  connectFailed(session: L4Session, endpoint: string, code: string): void {
    const reason = `${endpoint}: ${code}`;
    if (session.tried.size > this.spec.connectRetries)
      return session.destroy(this.spec.connectRetries === 0 ? `connect failed (${reason}); connect retries are off` : `connect failed ${session.tried.size} times, last ${reason}`);
    this.pickAndConnect(session, session.cluster!, session.initial, { endpoint, reason });
  }

  /**
   * Closes connections that moved no byte either way for idleTimeoutMs (nginx's proxy_timeout).
   * It compares byte counters between sweeps instead of re-arming a timer on every chunk, so
   * the data path pays nothing for it; the price is up to a quarter of the timeout in slack.
   */
  private sweepIdle(): void {
    const now = Date.now();
    for (const s of this.sessions) {
      const moved = s.moved;
      if (moved !== s.movedAtSweep) {
        s.movedAtSweep = moved;
        s.lastMovedAt = now;
      } else if (now - s.lastMovedAt >= this.spec.idleTimeoutMs) s.destroy(`idle for ${this.spec.idleTimeoutMs} ms`);
    }
  }

  private stopIdleSweep(): void {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = null;
  }

  /** @internal (L4Session) */
  finished(s: L4Session): void {
    this.sessions.delete(s);
    if (this.sessions.size === 0) this.stopIdleSweep();
    const { bytesIn, bytesOut } = s.downstreamBytes();
    this.closedBytesIn += bytesIn;
    this.closedBytesOut += bytesOut;
    this.recent.record(s.remoteAddress, s.remotePort, s.id);
    const { events } = this.ctx;
    const listener = this.spec.name;
    if (s.member && s.upstreamId && events.wants("upstream.close"))
      events.emit({ type: "upstream.close", listener, connectionId: s.id, upstreamConnectionId: s.upstreamId, endpoint: s.member.endpoint.name, ...s.upstreamBytes() });
    if (events.wants("downstream.close"))
      events.emit({ type: "downstream.close", listener, connectionId: s.id, bytesIn, bytesOut, durationMs: Date.now() - s.startedAt, reason: s.reason });
  }
}

function describePeek(outcome: Exclude<PeekOutcome, { kind: "closed" }>): string {
  switch (outcome.kind) {
    case "client-hello":
      return `ClientHello read in the clear, nothing decrypted: SNI ${outcome.sni ?? "(none)"}${outcome.alpn.length ? `, ALPN ${outcome.alpn.join(",")}` : ""}${outcome.offersTls13 ? ", offers TLS 1.3" : ""}`;
    case "not-tls":
      return `not a TLS ClientHello (${outcome.reason}); bytes forwarded to the listener's cluster as they are`;
    case "timeout":
      return `no complete ClientHello within ${PEEK.timeoutMs} ms; forwarded to the listener's cluster`;
    case "incomplete":
      return "incomplete ClientHello";
  }
}
