// One downstream connection through an L4 listener and the upstream connection it gets.
// Bytes are piped both ways untouched (stream.pipe keeps backpressure: a slow reader pauses the
// fast writer); half-close is propagated like HAProxy and Envoy's tcp_proxy do, so a client that
// shuts down its sending side still gets the rest of the response. Byte counts come from the
// sockets' own counters at the end — no per-chunk work.
import net from "node:net";
import type { ClusterMember, ClusterRuntime } from "../../contracts";

export class L4Session {
  up: net.Socket | null = null;
  member: ClusterMember | null = null;
  cluster: ClusterRuntime | null = null;
  upstreamId: string | null = null;
  readonly startedAt = Date.now();
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** Why the connection ended early, for downstream.close (null: normal close). */
  reason: string | null = null;
  private openSides = 1;
  private finished = false;

  constructor(
    readonly id: string,
    readonly down: net.Socket,
    private readonly onFinish: (s: L4Session) => void,
  ) {
    this.remoteAddress = down.remoteAddress ?? "";
    this.remotePort = down.remotePort ?? 0;
    down.on("error", (err: NodeJS.ErrnoException) => this.fail(`downstream ${err.code ?? "error"}`));
    down.once("close", () => this.sideClosed());
  }

  /** Connects upstream and starts piping; `initial` holds bytes already read (SNI peek). */
  connect(member: ClusterMember, cluster: ClusterRuntime, options: { connectTimeoutMs: number; proxyHeader: string | null; initial: Buffer | null; onConnect: (up: net.Socket) => void }): void {
    this.member = member;
    this.cluster = cluster;
    cluster.acquire(member);
    this.openSides++;
    const up = net.connect({ host: member.endpoint.host, port: member.endpoint.port, noDelay: true, allowHalfOpen: true });
    this.up = up;
    up.setTimeout(options.connectTimeoutMs, () => {
      if (up.connecting) up.destroy(Object.assign(new Error("connect timeout"), { code: "ETIMEDOUT" }));
    });
    up.once("connect", () => {
      up.setTimeout(0);
      options.onConnect(up);
    });
    up.on("error", (err: NodeJS.ErrnoException) => {
      if (up.connecting || up.bytesRead === 0) cluster.reportFailure(member, err.code ?? "error");
      this.fail(`upstream ${err.code ?? "error"}`);
    });
    up.once("close", () => this.sideClosed());
    // Written before the client's bytes: the PROXY header must be the first thing on the wire.
    if (options.proxyHeader) up.write(options.proxyHeader);
    if (options.initial && options.initial.length > 0) up.write(options.initial);
    this.down.pipe(up);
    up.pipe(this.down);
    this.down.resume();
  }

  /** Tears both sides down (reset, lab deletion, no endpoint). */
  destroy(reason?: string): void {
    if (reason && this.reason === null) this.reason = reason;
    this.down.destroy();
    this.up?.destroy();
  }

  private fail(reason: string): void {
    if (this.reason === null) this.reason = reason;
    this.down.destroy();
    this.up?.destroy();
  }

  private sideClosed(): void {
    // One side gone for good: the other has nothing left to talk to.
    if (this.down.destroyed && this.up && !this.up.destroyed) this.up.destroySoon();
    if (this.up?.destroyed && !this.down.destroyed) this.down.destroySoon();
    if (--this.openSides > 0 || this.finished) return;
    this.finished = true;
    if (this.member && this.cluster) this.cluster.release(this.member);
    this.onFinish(this);
  }
}
