// What an L4 transport gives the L4 listener: an acceptor on a loopback port, and per accepted
// connection an L4Session that connects upstream and forwards bytes both ways, untouched.
//
// There are two transports with the same behaviour: libuv-transport.ts (Node's TCP handles, the
// default where this Node offers them) and net-transport.ts (`net.Socket`, the fallback). What
// both must do, and the tests check on both:
//   - Forwarding starts only once the upstream connection is up: until then the client's bytes
//     wait unread, so when a connect fails (refused, timed out) nothing was sent anywhere and the
//     listener can try another endpoint — nginx stream's default `proxy_next_upstream on`.
//   - The PROXY header, then any bytes already read (the SNI peek), go upstream before the rest.
//   - Backpressure: a side that cannot take more pauses reading from the other side.
//   - Half-close is propagated like HAProxy and Envoy's tcp_proxy do: an end of stream from one
//     side shuts down the writing side of the other, so a client that shuts down its sending
//     side still gets the rest of the response.
//   - Byte counts come from counters, with no per-chunk events.
import type { Address } from "../../api/schema";
import type { ClusterMember, ClusterRuntime, IdSource } from "../../contracts";
import type { PeekDone, PeekOptions } from "./sni-peek";

/** What the session tells its listener. */
export interface L4SessionOwner {
  /** The upstream connection is up; forwarding has started. */
  upstreamConnected(s: L4Session): void;
  /** The connect failed before any byte moved; the session is still open for another try. */
  connectFailed(s: L4Session, endpoint: string, code: string): void;
  /** Both connections are closed. */
  finished(s: L4Session): void;
}

export interface ConnectOptions {
  connectTimeoutMs: number;
  proxyHeader: string | null;
  /** Bytes already read from the client (the SNI peek), sent first. */
  initial: Buffer | null;
}

/** Bytes read from and written to one peer. */
export interface ByteCounts {
  bytesIn: number;
  bytesOut: number;
}

export interface L4Acceptor {
  readonly port: number;
  /** Stops accepting; sessions are the listener's to close. */
  close(): Promise<void>;
}

export interface AcceptorOptions {
  /** Connections beyond this are closed at once (as net.Server.maxConnections does). */
  maxConnections: number;
  ids: IdSource;
  owner: L4SessionOwner;
  onSession(session: L4Session): void;
}

export type ListenL4 = (options: AcceptorOptions) => Promise<L4Acceptor>;

export abstract class L4Session {
  member: ClusterMember | null = null;
  cluster: ClusterRuntime | null = null;
  upstreamId: string | null = null;
  /** Endpoints tried for this connection: after a failed connect, the next pick excludes them. */
  readonly tried = new Set<string>();
  readonly startedAt = Date.now();
  /** Why the connection ended early, for downstream.close (null: normal close). */
  reason: string | null = null;
  /** Bytes moved (both ways) at the last idle sweep, and when that total last changed. */
  movedAtSweep = 0;
  lastMovedAt = Date.now();
  /** Sent upstream before the client's bytes, on every connect attempt. */
  proxyHeader: string | null = null;
  initial: Buffer | null = null;
  /** Links in the listener's open sessions (a LinkedSet). */
  setPrev: L4Session | null = null;
  setNext: L4Session | null = null;

  abstract readonly remoteAddress: string;
  abstract readonly remotePort: number;

  constructor(
    readonly id: string,
    protected readonly owner: L4SessionOwner,
  ) {}

  /** The listener's address as the client reached it. */
  abstract localAddress(): Address;
  /** The proxy's own address on the upstream connection. */
  abstract upstreamLocalAddress(): Address;
  /** The client's connection is closed (or closing) for good. */
  abstract get clientGone(): boolean;
  abstract downstreamBytes(): ByteCounts;
  abstract upstreamBytes(): ByteCounts;
  /** Reads the client's first bytes until the ClientHello is complete (see sni-peek.ts). */
  abstract peekClientHello(options: PeekOptions, done: PeekDone): void;
  /** Connects upstream; forwarding starts once connected. */
  abstract connect(member: ClusterMember, cluster: ClusterRuntime, options: ConnectOptions): void;
  /** Tears both sides down at once (reset, lab deletion, no endpoint, idle). */
  abstract destroy(reason?: string): void;

  /** Bytes read and written on the client's side so far (either way means the connection is alive). */
  get moved(): number {
    const b = this.downstreamBytes();
    return b.bytesIn + b.bytesOut;
  }

  /** The bookkeeping every connect attempt starts with. */
  protected beginConnect(member: ClusterMember, cluster: ClusterRuntime, options: ConnectOptions): void {
    this.member = member;
    this.cluster = cluster;
    this.tried.add(member.endpoint.name);
    cluster.acquire(member);
    this.proxyHeader = options.proxyHeader;
    this.initial = options.initial;
  }

  /** A connect failed before any byte moved: the listener may try another endpoint. */
  protected connectAttemptFailed(code: string): void {
    const member = this.member!;
    this.cluster!.reportFailure(member, code);
    this.cluster!.release(member);
    this.member = null;
    if (!this.clientGone) this.owner.connectFailed(this, member.endpoint.name, code);
  }

  /** Both connections are closed: release the endpoint and tell the listener, once. */
  protected finished(): void {
    if (this.member && this.cluster) this.cluster.release(this.member);
    this.owner.finished(this);
  }

  /** Ends the connection for a reason that downstream.close reports. */
  fail(reason: string): void {
    if (this.reason === null) this.reason = reason;
    this.destroy();
  }
}
