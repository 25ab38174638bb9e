// The L4 transport on Node's TCP handles (engine/transport/libuv-tcp.ts says why and when):
// the default where this Node offers them. What it must do, like net-transport.ts, is in
// l4-transport.ts; here is how.
//
// A connection is an L4 session and two Sides, one per TCP handle. A Side counts its bytes,
// knows its peer and holds a 16 KiB read buffer (nginx stream's proxy_buffer_size), taken from a
// pool and given back when its handle closes: reads land there instead of in a fresh 64 KiB
// allocation per read, Node's default. Reads arrive in onRead (a module-level function: `this`
// is the handle, so no closure per connection) and are written to the peer at once, from that
// buffer:
//   - The write usually completes inside writeBuffer (libuv tries the socket first), and then
//     its request object is used again for the next one. When the socket could not take it all,
//     the rest is queued, the reading side stops reading (backpressure) and reads again when the
//     peer's queue is empty — net's 'drain'. Until then libuv writes from the read buffer, which
//     is why reading must stop: nothing may overwrite it.
//   - End of stream from one side shuts down the other's writing side after its queued writes
//     (a TCP FIN, the half-close). When both sides have ended and nothing is queued, both
//     handles close and the session is finished; if writes were still queued, that waits for
//     both shutdowns to complete.
//   - A read, write or shutdown error, or destroy(), closes both handles at once; requests still
//     in flight then complete with ECANCELED and are ignored.
import util from "node:util";
import type { Address } from "../../api/schema";
import type { ClusterMember, ClusterRuntime } from "../../contracts";
import { handleAddress, libuvTcp, listenLoopback, shutdownHandle, UV_ENOTCONN, UV_EOF, type LibuvTcp, type TcpHandle } from "../../transport/libuv-tcp";
import { L4Session, type AcceptorOptions, type ByteCounts, type ConnectOptions, type L4Acceptor, type L4SessionOwner } from "./l4-transport";
import { ClientHelloPeek, type PeekDone, type PeekOptions } from "./sni-peek";

const kSide = Symbol("layerlab.side");
type OwnedHandle = TcpHandle & { [kSide]?: Side };
/** A write that could not complete at once, with what its completion needs. */
interface QueuedWrite {
  oncomplete: (this: QueuedWrite, status: number) => void;
  side: Side;
  /** The side whose bytes these are: it stopped reading until `side`'s queue is empty. */
  from: Side | null;
  /** Keeps the bytes alive while libuv writes them. */
  chunk: Uint8Array;
}
interface PendingShutdown {
  oncomplete: (this: PendingShutdown, status: number) => void;
  side: Side;
}
interface PendingConnect {
  oncomplete: (this: PendingConnect, status: number) => void;
  side: Side;
}

/** Per side, as nginx stream's default proxy_buffer_size. */
const READ_BUFFER_BYTES = 16 * 1024;
/** Free read buffers kept for the next connections (4 MiB at most). */
const POOL_MAX = 256;
const bufferPool: Buffer[] = [];

const errName = (code: number) => util.getSystemErrorName(code);

export async function listenLibuv(options: AcceptorOptions & { sessionCount(): number }): Promise<L4Acceptor> {
  const uv = libuvTcp();
  if (!uv) throw new Error("Node's TCP handles are not available here");
  return listenLoopback(uv, (client) => {
    if (options.sessionCount() >= options.maxConnections) return client.close();
    options.onSession(new LibuvL4Session(options.ids.next("c"), uv, client, options.owner));
  });
}

class Side {
  bytesIn = 0;
  bytesOut = 0;
  /** This side sent its end of stream. */
  ended = false;
  /** Our writing towards this side is shut down (FIN sent after the queued writes). */
  shutDown = false;
  private shutting = false;
  closed = false;
  /** Reading stopped because the peer's write queue is not empty. */
  paused = false;
  queuedWrites = 0;
  peer: Side | null = null;
  /** Set while the client's first bytes are read for the SNI peek. */
  peek: ClientHelloPeek | null = null;
  readonly readBuffer = bufferPool.pop() ?? Buffer.allocUnsafeSlow(READ_BUFFER_BYTES);
  /** A write request not in flight: a write that completes at once leaves it free for the next. */
  private spareReq: QueuedWrite | null = null;

  constructor(
    readonly uv: LibuvTcp,
    readonly handle: OwnedHandle,
    readonly session: LibuvL4Session,
    readonly name: "downstream" | "upstream",
  ) {
    handle[kSide] = this;
    handle.onread = onRead;
    handle.useUserBuffer(this.readBuffer);
  }

  /** Writes bytes read from `from` (null: the proxy's own bytes, the PROXY header or the peek's). */
  write(chunk: Uint8Array, from: Side | null): void {
    if (this.closed) return;
    const req = this.spareReq ?? (this.uv.newWriteReq() as QueuedWrite);
    this.spareReq = null;
    const err = this.handle.writeBuffer(req, chunk);
    if (err !== 0) return this.session.fail(`${this.name} ${errName(err)}`);
    this.bytesOut += chunk.byteLength;
    if (!this.uv.lastWriteWasAsync()) return void (this.spareReq = req);
    req.oncomplete = afterWrite;
    req.side = this;
    req.from = from;
    req.chunk = chunk;
    this.queuedWrites++;
    if (from && !from.paused) {
      from.paused = true;
      from.handle.readStop();
    }
  }

  /** @internal (afterWrite) */
  written(status: number, from: Side | null): void {
    this.queuedWrites--;
    if (this.closed) return;
    if (status < 0) return this.session.fail(`${this.name} ${errName(status)}`);
    if (from && from.paused && this.queuedWrites === 0 && !from.closed) {
      from.paused = false;
      from.handle.readStart();
    }
  }

  /** FIN towards this side, after whatever is queued. */
  shutdown(): void {
    if (this.shutting || this.closed) return;
    this.shutting = true;
    const req = this.uv.newShutdownReq() as PendingShutdown;
    req.oncomplete = afterShutdown;
    req.side = this;
    const result = shutdownHandle(this.handle, req);
    if (result === "done") this.shutdownDone(0);
    else if (result !== "pending") this.session.fail(`${this.name} ${errName(result)}`);
  }

  /** @internal (afterShutdown) */
  shutdownDone(status: number): void {
    if (this.closed) return;
    if (status < 0 && status !== UV_ENOTCONN) return this.session.fail(`${this.name} ${errName(status)}`);
    this.shutDown = true;
    this.session.maybeFinish();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // close() stops all I/O on the socket at once (queued writes are cancelled), so nothing
    // reads or writes the buffer after this line.
    this.handle.close();
    if (bufferPool.length < POOL_MAX) bufferPool.push(this.readBuffer);
  }
}

// ---- module-level callbacks: `this` is the handle or the request, no closure per connection ----

function onRead(this: OwnedHandle): void {
  const side = this[kSide]!;
  const nread = side.uv.readBytesOrError();
  if (nread > 0) {
    side.bytesIn += nread;
    const chunk = side.readBuffer.subarray(0, nread);
    // The peek keeps what it reads, and the next read reuses the buffer: it gets a copy.
    if (side.peek) side.peek.data(Buffer.from(chunk));
    else side.peer!.write(chunk, side);
  } else if (nread === UV_EOF) side.session.sideEnded(side);
  else if (nread < 0) side.session.fail(`${side.name} ${errName(nread)}`);
}
function afterWrite(this: QueuedWrite, status: number): void {
  this.side.written(status, this.from);
}
function afterShutdown(this: PendingShutdown, status: number): void {
  this.side.shutdownDone(status);
}
function afterConnect(this: PendingConnect, status: number): void {
  this.side.session.connectDone(this.side, status);
}
function connectTimedOut(session: LibuvL4Session, up: Side): void {
  session.connectAttemptEnded(up, "ETIMEDOUT");
}

class LibuvL4Session extends L4Session {
  readonly remoteAddress: string;
  readonly remotePort: number;
  private readonly down: Side;
  private up: Side | null = null;
  private connected = false;
  private done = false;
  private connectTimer: NodeJS.Timeout | null = null;

  constructor(
    id: string,
    private readonly uv: LibuvTcp,
    handle: TcpHandle,
    owner: L4SessionOwner,
  ) {
    super(id, owner);
    this.down = new Side(uv, handle, this, "downstream");
    handle.setNoDelay(true);
    const peer = handleAddress(handle, "peer");
    this.remoteAddress = peer.address;
    this.remotePort = peer.port;
  }

  localAddress(): Address {
    return this.down.closed ? { address: "", port: 0 } : handleAddress(this.down.handle, "local");
  }
  upstreamLocalAddress(): Address {
    return !this.up || this.up.closed ? { address: "", port: 0 } : handleAddress(this.up.handle, "local");
  }
  get clientGone(): boolean {
    return this.down.closed;
  }
  downstreamBytes(): ByteCounts {
    return { bytesIn: this.down.bytesIn, bytesOut: this.down.bytesOut };
  }
  upstreamBytes(): ByteCounts {
    return { bytesIn: this.up?.bytesIn ?? 0, bytesOut: this.up?.bytesOut ?? 0 };
  }

  peekClientHello(options: PeekOptions, done: PeekDone): void {
    const down = this.down;
    down.peek = new ClientHelloPeek(
      options,
      () => {
        down.peek = null;
        if (!down.closed) down.handle.readStop();
      },
      done,
    );
    down.handle.readStart();
  }

  connect(member: ClusterMember, cluster: ClusterRuntime, options: ConnectOptions): void {
    this.beginConnect(member, cluster, options);
    const up = new Side(this.uv, this.uv.newSocket(), this, "upstream");
    this.up = up;
    const req = this.uv.newConnectReq() as PendingConnect;
    req.oncomplete = afterConnect;
    req.side = up;
    const err = up.handle.connect(req, member.endpoint.host, member.endpoint.port);
    // A synchronous failure is reported on the next tick, as net does, so the listener's retry
    // does not run inside this call.
    if (err !== 0) return void process.nextTick(() => this.connectAttemptEnded(up, errName(err)));
    // Reading starts now, not once connected: libuv then registers the socket with epoll once for
    // both the connect and the reads. Started after the connect, it found the registration it had
    // just dropped and paid a failing EPOLL_CTL_ADD and a MOD (`perf trace -s`: 6 epoll_ctl calls
    // per connection, one of them an error, against 5 now). No read can come before connectDone:
    // libuv reports the connect first and reads on a later turn of the loop.
    up.handle.readStart();
    this.connectTimer = setTimeout(connectTimedOut, options.connectTimeoutMs, this, up);
  }

  /** @internal (afterConnect) */
  connectDone(up: Side, status: number): void {
    if (status < 0) return this.connectAttemptEnded(up, errName(status));
    if (this.up !== up || this.done) return;
    this.clearConnectTimer();
    this.connected = true;
    const down = this.down;
    down.peer = up;
    up.peer = down;
    up.handle.setNoDelay(true);
    this.owner.upstreamConnected(this);
    // Written before the client's bytes: the PROXY header must be the first thing on the wire.
    if (this.proxyHeader) up.write(Buffer.from(this.proxyHeader, "latin1"), null);
    if (this.initial && this.initial.length > 0) up.write(this.initial, null);
    if (this.done) return;
    // The client may have half-closed already (during the SNI peek).
    if (down.ended) up.shutdown();
    else down.handle.readStart();
  }

  /** @internal A connect failed or timed out before any byte moved (the listener may retry). */
  connectAttemptEnded(up: Side, code: string): void {
    if (this.up !== up || this.connected) return;
    this.clearConnectTimer();
    this.up = null;
    up.close();
    if (!this.done) this.connectAttemptFailed(code);
  }

  /** @internal (onRead) */
  sideEnded(side: Side): void {
    side.ended = true;
    if (side.peek) return side.peek.end();
    const peer = side.peer;
    if (!peer) return;
    // The second end of stream with nothing queued either way: close() sends the last FIN itself
    // (both sides are read to their end, so the kernel closes gracefully), which saves a shutdown
    // request, its syscall and its callback on every connection.
    if (peer.ended && side.queuedWrites === 0 && peer.queuedWrites === 0) return this.closeBoth();
    peer.shutdown();
    this.maybeFinish();
  }

  /** @internal Both ends said they are done and both heard it: close, nothing is left in flight. */
  maybeFinish(): void {
    const { down, up } = this;
    if (up && down.ended && up.ended && down.shutDown && up.shutDown) this.closeBoth();
  }

  destroy(reason?: string): void {
    if (reason && this.reason === null) this.reason = reason;
    this.closeBoth();
  }

  private closeBoth(): void {
    if (this.done) return;
    this.done = true;
    this.clearConnectTimer();
    this.down.peek?.closed();
    this.down.close();
    this.up?.close();
    this.finished();
  }

  private clearConnectTimer(): void {
    if (this.connectTimer) clearTimeout(this.connectTimer);
    this.connectTimer = null;
  }
}
