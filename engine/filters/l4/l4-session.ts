// One downstream connection through an L4 listener and the upstream connection it gets.
// Bytes are piped both ways untouched (stream.pipe keeps backpressure: a slow reader pauses the
// fast writer); half-close is propagated like HAProxy and Envoy's tcp_proxy do, so a client that
// shuts down its sending side still gets the rest of the response. Byte counts come from the
// sockets' own counters at the end — no per-chunk work.
//
// Piping starts only once the upstream connection is up: until then the client's bytes wait in
// the downstream socket, so when a connect fails (refused, timed out) nothing was sent anywhere
// and the listener can try another endpoint — nginx stream's default `proxy_next_upstream on`.
import net from "node:net";
import type { ClusterMember, ClusterRuntime } from "../../contracts";

export interface ConnectOptions {
  connectTimeoutMs: number;
  proxyHeader: string | null;
  /** Bytes already read from the client (the SNI peek), sent first. */
  initial: Buffer | null;
  onConnect(up: net.Socket): void;
  /** The connect failed before any byte moved; the session is still open for another try. */
  onConnectFailed(reason: string): void;
}

export class L4Session {
  up: net.Socket | null = null;
  member: ClusterMember | null = null;
  cluster: ClusterRuntime | null = null;
  upstreamId: string | null = null;
  /** Endpoints tried for this connection: after a failed connect, the next pick excludes them. */
  readonly tried = new Set<string>();
  readonly startedAt = Date.now();
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** Why the connection ended early, for downstream.close (null: normal close). */
  reason: string | null = null;
  /** Bytes moved (both ways) at the last idle sweep, and when that total last changed. */
  movedAtSweep = 0;
  lastMovedAt = Date.now();
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

  /** Connects upstream; piping starts once connected (see the file comment). */
  connect(member: ClusterMember, cluster: ClusterRuntime, options: ConnectOptions): void {
    this.member = member;
    this.cluster = cluster;
    this.tried.add(member.endpoint.name);
    cluster.acquire(member);
    const up = net.connect({ host: member.endpoint.host, port: member.endpoint.port, noDelay: true, allowHalfOpen: true });
    this.up = up;
    up.setTimeout(options.connectTimeoutMs, () => {
      if (up.connecting) up.destroy(Object.assign(new Error("connect timeout"), { code: "ETIMEDOUT" }));
    });
    let connected = false;
    up.once("connect", () => {
      connected = true;
      up.setTimeout(0);
      if (this.finished || this.down.destroyed) return void up.destroy();
      this.openSides++;
      up.once("close", () => this.sideClosed());
      options.onConnect(up);
      // Written before the client's bytes: the PROXY header must be the first thing on the wire.
      if (options.proxyHeader) up.write(options.proxyHeader);
      if (options.initial && options.initial.length > 0) up.write(options.initial);
      this.down.pipe(up);
      up.pipe(this.down);
      this.down.resume();
    });
    up.on("error", (err: NodeJS.ErrnoException) => {
      const code = err.code ?? "error";
      if (!connected) {
        cluster.reportFailure(member, code);
        cluster.release(member);
        this.up = null;
        this.member = null;
        up.destroy();
        if (this.finished || this.down.destroyed) return;
        return options.onConnectFailed(`${member.endpoint.name}: ${code}`);
      }
      this.fail(`upstream ${code}`);
    });
  }

  /** Tears both sides down (reset, lab deletion, no endpoint, idle). */
  destroy(reason?: string): void {
    if (reason && this.reason === null) this.reason = reason;
    this.down.destroy();
    this.up?.destroy();
  }

  /** Bytes read and written on the client's side so far (either way means the connection is alive). */
  get moved(): number {
    return this.down.bytesRead + this.down.bytesWritten;
  }

  private fail(reason: string): void {
    if (this.reason === null) this.reason = reason;
    this.down.destroy();
    this.up?.destroy();
  }

  private sideClosed(): void {
    // One side gone for good: the other has nothing left to talk to.
    if (this.down.destroyed && this.up && !this.up.destroyed) {
      if (this.up.connecting) this.up.destroy();
      else this.up.destroySoon();
    }
    if (this.up?.destroyed && !this.down.destroyed) this.down.destroySoon();
    if (--this.openSides > 0 || this.finished) return;
    this.finished = true;
    if (this.member && this.cluster) this.cluster.release(this.member);
    this.onFinish(this);
  }
}
