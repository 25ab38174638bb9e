// One try of a request against one endpoint over one pooled upstream connection, and the
// response handler for it. Every path ends in settle() exactly once: the cluster's connection
// count is released, and the upstream connection goes back to the pool only after a clean,
// complete response (anything else leaves its framing unknown, so it is closed).
import type { TLSSocket } from "node:tls";
import { UpstreamConnectError } from "../../transport/upstream-connect";
import { describeTls } from "../../transport/tls-info";
import { stickyCookie } from "./cookies";
import type { EndpointChoice } from "./endpoint-choice";
import type { Exchange } from "./exchange";
import { downstreamResponseHeaders } from "./forward-headers";
import { PROXY_ERRORS, type ProxyErrorSpec } from "./proxy-errors";
import type { ResponseHandler } from "./upstream-conn";
import type { EndpointPool, UpstreamConn } from "./upstream-pool";

/** Module-level timer callback: no closure per attempt. */
function attemptTimedOut(a: Attempt, ms: number): void {
  a.timedOut(ms);
}

export class Attempt implements ResponseHandler {
  private readonly pool: EndpointPool;
  private readonly conn: UpstreamConn;
  private readonly reused: boolean;
  private readonly startedAt = performance.now();
  private timer: NodeJS.Timeout | null = null;
  private settled = false;
  private relaying = false;
  private draining = false;
  private status = 0;
  /** Created only if the client reads slower than the endpoint writes (backpressure). */
  private resume: (() => void) | null = null;

  constructor(
    private readonly ex: Exchange,
    readonly choice: EndpointChoice,
  ) {
    const cluster = ex.cluster!;
    cluster.acquire(choice.member);
    this.pool = ex.s.pools.for(choice.member.endpoint);
    const { conn, reused } = this.pool.acquire(cluster.spec.timeouts?.connectMs ?? ex.s.options.connectTimeoutMs);
    this.conn = conn;
    this.reused = reused;
    conn.owner = this;
    conn.lastDownstream = ex.dc.id;
  }

  dispatch(): void {
    const ex = this.ex;
    const responseMs = ex.cluster!.spec.timeouts?.responseMs ?? ex.s.options.responseTimeoutMs;
    this.timer = setTimeout(attemptTimedOut, responseMs, this, responseMs);
    if (this.reused) this.upstreamConnected(this.conn);
    this.conn.send(ex.req.method, ex.target, ex.upstreamHeaders!.headers, ex.body, this);
  }

  /** The socket for this attempt is up (new) or was taken from the pool (reused). */
  upstreamConnected(conn: UpstreamConn): void {
    const ev = this.ex.s.ctx.events;
    if (this.settled) return;
    if (!this.reused && this.ex.s.upstreamTls && ev.wants("tls.handshake"))
      ev.emit({ type: "tls.handshake", listener: this.ex.listener, connectionId: this.ex.dc.id, side: "upstream", ...describeTls(conn.socket as TLSSocket, "upstream") });
    if (!ev.wants("upstream.connect")) return;
    const local = conn.socket.address() as { address?: string; port?: number };
    ev.emit({
      type: "upstream.connect",
      listener: this.ex.listener,
      connectionId: this.ex.dc.id,
      upstreamConnectionId: conn.id,
      endpoint: this.choice.member.endpoint.name,
      reused: this.reused,
      tls: this.ex.s.upstreamTls,
      local: { address: local.address ?? "127.0.0.1", port: local.port ?? 0 },
      proxyProtocol: null,
    });
  }

  // ---- response handler -----------------------------------------------------------------------

  onHeaders(status: number, statusText: string, raw: string[]): void {
    if (this.settled) return;
    const ex = this.ex;
    this.status = status;
    if (status >= 500 && ex.mayRetry("5xx")) {
      this.draining = true; // read and drop the body so the connection stays reusable
      return;
    }
    const headers = downstreamResponseHeaders(raw, ex.fwd);
    const sticky = ex.cluster!.spec.sticky;
    const cookie = sticky && this.choice.issueCookie;
    if (cookie) headers.push("set-cookie", stickyCookie(sticky.cookie, cookie, sticky.ttlSeconds, ex.s.proto === "https"));
    // The upstream parser (strict llhttp) already refused heads with bytes that could split this one.
    ex.res.writeHead(status, statusText, headers);
    this.relaying = true;
    const ev = ex.s.ctx.events;
    if (ev.wants("upstream.response")) {
      const headersAdded = { ...ex.upstreamHeaders!.added };
      if (cookie) headersAdded["set-cookie"] = `${sticky.cookie}=${cookie}`;
      ev.emit({ type: "upstream.response", listener: ex.listener, connectionId: ex.dc.id, requestId: ex.requestId, endpoint: this.choice.member.endpoint.name, status, durationMs: Math.round((performance.now() - this.startedAt) * 100) / 100, headersAdded });
    }
  }

  onData(chunk: Buffer): boolean {
    if (this.settled || this.draining) return true;
    if (this.ex.res.write(chunk)) return true;
    this.ex.res.onceDrain((this.resume ??= () => this.conn.resume()));
    return false;
  }

  onComplete(): void {
    if (this.settled) return;
    this.settle(true);
    const ex = this.ex;
    const endpoint = this.choice.member.endpoint.name;
    if (this.draining) {
      ex.retriesUsed++;
      return ex.pickAndSend({ endpoint, cause: "5xx", detail: `endpoint answered ${this.status}` });
    }
    ex.res.end();
    ex.complete(this.status, endpoint, null);
  }

  onError(err: Error & { code?: string }): void {
    if (this.settled) return;
    this.settle(false);
    const ex = this.ex;
    const member = this.choice.member;
    const endpoint = member.endpoint.name;
    if (this.relaying) {
      // Mid-body: the status is gone already; cutting the connection is the only signal left.
      ex.res.destroy();
      return ex.complete(this.status, endpoint, "LL_UPSTREAM_RESET");
    }
    if (err instanceof UpstreamConnectError) {
      ex.cluster!.reportFailure(member, err.message);
      if (ex.mayRetry("connect-failure")) {
        ex.retriesUsed++;
        return ex.pickAndSend({ endpoint, cause: "connect-failure", detail: err.message });
      }
      return this.failWith(err.code === "LL_UPSTREAM_TLS_FAILED" ? PROXY_ERRORS.upstreamTls : PROXY_ERRORS.upstreamConnect, `${endpoint}: ${err.message}`);
    }
    if (this.reused && !ex.staleRetried && ex.isIdempotent()) {
      // The endpoint closed an idle keep-alive connection just as we reused it (RFC 9112 §9.3.1
      // allows retrying idempotent requests then; browsers and Go's Transport do). Same endpoint.
      ex.staleRetried = true;
      ex.emitRetry({ endpoint, cause: "stale-connection", detail: "reused keep-alive connection was closed by the endpoint" });
      return ex.send(this.choice, true);
    }
    this.failWith(PROXY_ERRORS.upstreamReset, `${endpoint}: ${err.code ?? ""} ${err.message}`.trim());
  }

  // ---- endings --------------------------------------------------------------------------------

  private failWith(spec: ProxyErrorSpec, detail: string): void {
    this.ex.fail(spec, detail, this.choice.member.endpoint.name);
  }

  timedOut(ms: number): void {
    this.timer = null;
    if (this.settled) return;
    this.settle(false);
    if (this.relaying) {
      this.ex.res.destroy();
      return this.ex.complete(this.status, this.choice.member.endpoint.name, "LL_UPSTREAM_TIMEOUT");
    }
    this.failWith(PROXY_ERRORS.upstreamTimeout, `${this.choice.member.endpoint.name} took longer than ${ms} ms`);
  }

  /** Downstream gone or listener closing. */
  cancel(): void {
    if (!this.settled) this.settle(false);
  }

  private settle(keep: boolean): void {
    this.settled = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.resume) this.ex.res.offDrain(this.resume);
    this.ex.cluster!.release(this.choice.member);
    this.conn.owner = null;
    this.pool.release(this.conn, keep);
  }
}
