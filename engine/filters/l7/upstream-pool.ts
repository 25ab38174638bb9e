// Keep-alive upstream connections, one pool per endpoint (nginx's `keepalive` in an upstream
// block, Envoy's per-host connection pool). Each connection carries one request at a time, and
// the proxy always knows which connection carried which request — so the learner sees reuse
// (`upstream.connect.reused`) and which upstream connection closed.
//
// Idle connections are reused last-in-first-out, like Envoy and undici: the busiest few sockets
// stay warm and the rest age out on the idle timer (RFC 9112 §9.3: either side may close an
// idle persistent connection at any time).
import type { EndpointRuntime, IdSource } from "../../contracts";
import type { UpstreamTls } from "../../transport/upstream-connect";
import { UpstreamConn } from "./upstream-conn";

export { UpstreamConn };

export interface PoolObserver {
  /** A new connection finished connecting (and, for TLS, verified the endpoint). */
  onUpstreamConnected(conn: UpstreamConn): void;
  /** A connection's socket went away (upstream.close and byte counts). */
  onUpstreamClose(conn: UpstreamConn): void;
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
      idleMs: this.settings.idleMs,
      onConnected: (c) => this.observer.onUpstreamConnected(c),
      onClosed: (c) => this.closed(c),
    });
    this.all.add(conn);
    return { conn, reused: false };
  }

  /** keep=false after any error or cancellation: the connection's framing state is unknown. */
  release(conn: UpstreamConn, keep: boolean): void {
    if (keep && conn.reusable && this.idle.length < this.settings.maxIdle) this.idle.push(conn);
    else if (!conn.closed) conn.destroy();
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

/** Every endpoint pool of one listener. */
export class UpstreamPools {
  private readonly pools = new Map<string, EndpointPool>();
  constructor(
    private readonly ids: IdSource,
    private readonly observer: PoolObserver,
    private readonly settings: PoolSettings,
  ) {}

  for(endpoint: EndpointRuntime): EndpointPool {
    // Keyed by name and port: a stopped and restarted endpoint may come back on a new port.
    const key = `${endpoint.name}:${endpoint.port}`;
    let pool = this.pools.get(key);
    if (!pool) this.pools.set(key, (pool = new EndpointPool(endpoint, this.ids, this.observer, this.settings)));
    return pool;
  }

  close(): void {
    for (const p of this.pools.values()) p.close();
    this.pools.clear();
  }
}
