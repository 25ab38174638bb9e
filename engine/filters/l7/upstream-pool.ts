// Keep-alive upstream connections, one pool per endpoint (nginx's `keepalive` in an upstream
// block, Envoy's per-host connection pool). Each connection carries one request at a time, and
// the proxy always knows which connection carried which request — so the learner sees reuse
// (`upstream.connect.reused`) and which upstream connection closed.
//
// Idle connections are reused last-in-first-out, like Envoy and undici: the busiest few sockets
// stay warm and the rest age out (RFC 9112 §9.3: either side may close an idle persistent
// connection at any time). Ageing is one sweep per listener over the idle lists, not a socket
// timeout per connection: a socket timeout re-arms its timer on every read and write.
import type { EndpointRuntime, IdSource } from "../../contracts";
import type { UpstreamTls } from "../../transport/upstream-connect";
import { UpstreamConn } from "./upstream-conn";

export { UpstreamConn };

export interface PoolObserver {
  /** A new connection finished connecting (and, for TLS, verified the endpoint). */
  onUpstreamConnected(conn: UpstreamConn): void;
  /** A connection's socket went away (upstream.close and byte counts). */
  onUpstreamClose(conn: UpstreamConn): void;
  /** A connection went back to the pool idle. */
  onIdle(): void;
}

export interface PoolSettings {
  tls: UpstreamTls | undefined;
  maxHeaderBytes: number;
  idleMs: number;
  maxIdle: number;
}

export class EndpointPool {
  private readonly idle: UpstreamConn[] = [];
  private readonly all = new Set<UpstreamConn>();

  constructor(
    readonly endpoint: EndpointRuntime,
    private readonly ids: IdSource,
    private readonly observer: PoolObserver,
    private readonly settings: PoolSettings,
  ) {}

  /** An idle open connection (reused) or a new one, connecting. */
  acquire(connectTimeoutMs: number): { conn: UpstreamConn; reused: boolean } {
    let conn: UpstreamConn | undefined;
    while ((conn = this.idle.pop())) if (conn.reusable) return { conn, reused: true };
    conn = new UpstreamConn(this.ids.next("u"), {
      endpoint: this.endpoint,
      tls: this.settings.tls,
      connectTimeoutMs,
      maxHeaderBytes: this.settings.maxHeaderBytes,
      onConnected: (c) => this.observer.onUpstreamConnected(c),
      onClosed: (c) => this.closed(c),
    });
    this.all.add(conn);
    return { conn, reused: false };
  }

  /** keep=false after any error or cancellation: the connection's framing state is unknown. */
  release(conn: UpstreamConn, keep: boolean): void {
    if (keep && conn.reusable && this.idle.length < this.settings.maxIdle) {
      conn.idleSince = Date.now();
      this.idle.push(conn);
      this.observer.onIdle();
    } else if (!conn.closed) conn.destroy();
  }

  /** Closes connections idle since before `cutoff`; true if some idle ones remain. */
  closeIdleSince(cutoff: number): boolean {
    // LIFO: the oldest idle connections are at the front.
    while (this.idle.length > 0 && this.idle[0]!.idleSince < cutoff) this.idle.shift()!.destroy();
    return this.idle.length > 0;
  }

  private closed(conn: UpstreamConn): void {
    if (!this.all.delete(conn)) return;
    const i = this.idle.indexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
    if (conn.connected) this.observer.onUpstreamClose(conn);
  }

  get size(): number {
    return this.all.size;
  }

  close(): void {
    for (const conn of [...this.all]) conn.destroy();
    this.all.clear();
    this.idle.length = 0;
  }
}

/** How many sweeps per idle lifetime: a connection lives at most idleMs × (1 + 1/8) idle. */
const SWEEPS_PER_IDLE = 8;

/** Every endpoint pool of one listener, and the sweep that ages out their idle connections. */
export class UpstreamPools {
  private readonly pools = new Map<string, EndpointPool>();
  private readonly observer: PoolObserver;
  /** Runs only while some connection is idle. */
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ids: IdSource,
    observer: Omit<PoolObserver, "onIdle">,
    private readonly settings: PoolSettings,
  ) {
    this.observer = { ...observer, onIdle: () => this.startSweep() };
  }

  for(endpoint: EndpointRuntime): EndpointPool {
    // Keyed by name and port: a stopped and restarted endpoint may come back on a new port.
    const key = `${endpoint.name}:${endpoint.port}`;
    let pool = this.pools.get(key);
    if (!pool) this.pools.set(key, (pool = new EndpointPool(endpoint, this.ids, this.observer, this.settings)));
    return pool;
  }

  close(): void {
    this.stopSweep();
    for (const p of this.pools.values()) p.close();
    this.pools.clear();
  }

  private startSweep(): void {
    if (this.sweepTimer) return;
    this.sweepTimer = setInterval(() => this.sweep(), Math.max(10, this.settings.idleMs / SWEEPS_PER_IDLE));
    this.sweepTimer.unref();
  }

  private sweep(): void {
    const cutoff = Date.now() - this.settings.idleMs;
    let idleLeft = false;
    for (const p of this.pools.values()) if (p.closeIdleSince(cutoff)) idleLeft = true;
    if (!idleLeft) this.stopSweep();
  }

  private stopSweep(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
  }
}
