// An accepted TCP connection on a Node TCP handle (libuv-tcp.ts) with the part of net.Socket's
// surface an HTTP server connection uses (engine/http1/server-socket.ts): writes, end, cork,
// destroy, Nagle, pause and resume, 'drain' and 'close', byte counts and the peer's address.
//
// Why the plain-HTTP L7 listener accepts on these instead of net: with a connection per request,
// making the net.Socket (a Duplex with its two state objects, listeners, nextTicks and close
// sequence) was the largest single cost the proxy thread had per connection in a V8 profile.
// The HTTP parser reads straight from the handle either way, so reads need no stream at all.
// Measured on the proxy thread with wrk -c32 and `Connection: close`: 147–156 µs of CPU per
// connection on net, 97–110 µs on these (the same per request with keep-alive).
//
// The few things that are different from net, on purpose:
// - Backpressure is libuv's own: write() returns false while a write is queued in libuv (the
//   kernel's buffer was full), and 'drain' follows when every queued write has completed. There
//   is no JavaScript-side buffer.
// - Reads that nobody consumes are dropped unless a 'data' listener is attached, like a flowing
//   net.Socket without one.
// - No 'error' event of its own: a failed read or write closes the connection, and 'close' says
//   it is gone. (After handOff(), the net.Socket's errors are passed on here.)
// - An upgrade needs a real net.Socket (WebSocket proxying pipes streams): handOff() makes one on
//   the same handle, and this object then follows it (its bytes, its close).
import { EventEmitter } from "node:events";
import net from "node:net";
import { handleAddress, listenLoopback, shutdownHandle, UV_ENOTCONN, UV_EOF, type LibuvTcp, type LoopbackServer, type Req, type TcpHandle } from "./libuv-tcp";

const kSocket = Symbol("layerlab.handle-socket");
type OwnedHandle = TcpHandle & { [kSocket]?: HandleSocket; _consumed?: boolean };
interface QueuedWrite {
  oncomplete: (this: QueuedWrite, status: number) => void;
  socket: HandleSocket;
  /** Keeps a Buffer alive while libuv writes from it. */
  data: string | Uint8Array;
}
interface PendingShutdown {
  oncomplete: (this: PendingShutdown, status: number) => void;
  socket: HandleSocket;
}

export class HandleSocket extends EventEmitter {
  destroyed = false;
  /** end() was called: nothing more is written, the FIN follows the queued writes. */
  private ending = false;
  /** The FIN went out. */
  private shutDown = false;
  /** The peer sent its FIN. */
  private peerEnded = false;
  private corkDepth = 0;
  private corked: Uint8Array[] = [];
  private queuedWrites = 0;
  private needDrain = false;
  /** A write request not in flight: a write that completes at once leaves it free for the next. */
  private spareReq: Req | null = null;
  /** The handle's byte counts, kept when it closes or goes to a successor (the C++ counters go with it). */
  private readAtClose = 0;
  private writtenAtClose = 0;
  private peer: { address: string; port: number } | null = null;
  /** The net.Socket that owns the handle after handOff(). */
  private successor: net.Socket | null = null;

  constructor(
    /** @internal (onRead) */
    readonly uv: LibuvTcp,
    readonly _handle: OwnedHandle,
  ) {
    super();
    _handle[kSocket] = this;
    _handle.onread = onRead;
    _handle.readStart();
  }

  get remoteAddress(): string | undefined {
    return this.peerAddress().address || undefined;
  }
  get remotePort(): number | undefined {
    return this.peerAddress().port || undefined;
  }
  get bytesRead(): number {
    if (this.successor) return this.successor.bytesRead;
    return this.destroyed ? this.readAtClose : this._handle.bytesRead;
  }
  get bytesWritten(): number {
    // net's bytesWritten counts only what it wrote itself, so ours from before the handOff add up with it.
    if (this.successor) return this.writtenAtClose + this.successor.bytesWritten;
    return this.destroyed ? this.writtenAtClose : this._handle.bytesWritten;
  }
  get writable(): boolean {
    return !this.ending && !this.destroyed && this.successor === null;
  }
  get writableNeedDrain(): boolean {
    return this.needDrain;
  }

  write(data: string | Uint8Array, encoding?: BufferEncoding): boolean {
    if (!this.writable) return false;
    if (this.corkDepth > 0) this.corked.push(typeof data === "string" ? Buffer.from(data, encoding) : data);
    else this.send(data, encoding);
    return !this.needDrain;
  }

  /** Writes are gathered until uncork() and leave as one. */
  cork(): void {
    this.corkDepth++;
  }

  uncork(): void {
    if (this.corkDepth === 0 || --this.corkDepth > 0) return;
    this.flushCorked();
  }

  /** Sends `data` (if any), then a FIN once everything queued is out. */
  end(data?: string | Uint8Array): this {
    if (data !== undefined && data.length > 0) this.write(data);
    if (!this.writable) return this;
    this.corkDepth = 0;
    this.flushCorked();
    this.ending = true;
    const req = this.uv.newShutdownReq() as PendingShutdown;
    req.oncomplete = afterShutdown;
    req.socket = this;
    const result = shutdownHandle(this._handle, req);
    if (result === "done") this.shutdownDone(0);
    else if (result !== "pending") this.destroy();
    return this;
  }

  /** Closes at once: queued writes are dropped; 'close' follows when libuv has let go. */
  destroy(): this {
    if (this.successor) {
      this.successor.destroy();
      return this;
    }
    if (this.destroyed) return this;
    this.destroyed = true;
    this.keepCounts();
    this._handle.close(onHandleClosed);
    return this;
  }

  setNoDelay(noDelay = true): this {
    if (!this.destroyed && !this.successor) this._handle.setNoDelay(noDelay);
    return this;
  }

  pause(): this {
    if (!this.destroyed && !this.successor) this._handle.readStop();
    return this;
  }

  resume(): this {
    if (!this.destroyed && !this.successor) this._handle.readStart();
    return this;
  }

  /**
   * Gives the handle to a new net.Socket (for an upgrade). Nobody may consume the handle at this
   * point; the net.Socket starts reading itself. This object stays the connection's record.
   * Its errors are emitted here, to this object's 'error' listeners, as a net.Socket upgraded in
   * place would give them to its own: whoever listened for errors on the connection still does.
   */
  handOff(): net.Socket {
    if (this.destroyed || this.successor) throw new Error("handOff() on a closed or handed-off socket");
    const handle = this._handle;
    // net starts reading on its own, and libuv refuses a second read start (EALREADY).
    handle.readStop();
    // (onread stays: it must always be a function, and net sets its own.)
    handle[kSocket] = undefined;
    this.keepCounts();
    // `handle` is how Node itself makes a net.Socket of a handle it already has (child_process).
    const socket = new net.Socket({ handle } as unknown as net.SocketConstructorOpts);
    this.successor = socket;
    socket.on("error", (err) => this.emit("error", err));
    socket.once("close", () => {
      this.destroyed = true;
      this.emit("close");
    });
    return socket;
  }

  private keepCounts(): void {
    this.readAtClose = this._handle.bytesRead;
    this.writtenAtClose = this._handle.bytesWritten;
  }

  private peerAddress(): { address: string; port: number } {
    if (this.peer === null && !this.destroyed) this.peer = handleAddress(this._handle, "peer");
    return this.peer ?? { address: "", port: 0 };
  }

  private flushCorked(): void {
    const pieces = this.corked;
    if (pieces.length === 0) return;
    this.corked = [];
    this.send(pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces));
  }

  private send(data: string | Uint8Array, encoding?: BufferEncoding): void {
    const req = (this.spareReq ?? this.uv.newWriteReq()) as QueuedWrite;
    this.spareReq = null;
    const h = this._handle;
    const err =
      typeof data !== "string" ? h.writeBuffer(req, data) : encoding === "latin1" ? h.writeLatin1String(req, data) : h.writeUtf8String(req, data);
    if (err !== 0) return void this.destroy();
    if (!this.uv.lastWriteWasAsync()) return void (this.spareReq = req);
    req.oncomplete = afterWrite;
    req.socket = this;
    req.data = data;
    this.queuedWrites++;
    this.needDrain = true;
  }

  /** @internal (afterWrite) */
  writeDone(status: number): void {
    this.queuedWrites--;
    if (this.destroyed) return;
    if (status < 0) return void this.destroy();
    if (this.queuedWrites === 0 && this.needDrain) {
      this.needDrain = false;
      this.emit("drain");
    }
  }

  /** @internal (afterShutdown) */
  shutdownDone(status: number): void {
    if (this.destroyed) return;
    if (status < 0 && status !== UV_ENOTCONN) return void this.destroy();
    this.shutDown = true;
    // Both directions are finished: nothing is left to wait for.
    if (this.peerEnded) this.destroy();
  }

  /** @internal (onRead) */
  readEnded(): void {
    this.peerEnded = true;
    // As a net.Socket without allowHalfOpen: the peer's FIN ends our side too.
    if (this.shutDown) this.destroy();
    else this.end();
  }

  /** @internal (onHandleClosed) */
  closed(): void {
    this.emit("close");
  }
}

// ---- module-level callbacks: `this` is the handle or the request, no closure per connection ----

function onRead(this: OwnedHandle, arrayBuffer?: ArrayBuffer): void {
  const socket = this[kSocket];
  if (!socket || socket.destroyed) return;
  const uv = socket.uv;
  const nread = uv.readBytesOrError();
  if (nread > 0) {
    // Without a user buffer every read comes in a fresh ArrayBuffer: a view of it is safe to keep.
    if (arrayBuffer && socket.listenerCount("data") > 0) socket.emit("data", Buffer.from(arrayBuffer, uv.readOffset(), nread));
  } else if (nread === UV_EOF) socket.readEnded();
  else if (nread < 0) socket.destroy();
}
function afterWrite(this: QueuedWrite, status: number): void {
  this.socket.writeDone(status);
}
function afterShutdown(this: PendingShutdown, status: number): void {
  this.socket.shutdownDone(status);
}
function onHandleClosed(this: OwnedHandle): void {
  this[kSocket]?.closed();
}

/** A listening handle on 127.0.0.1 (port 0) that makes a HandleSocket of each connection. */
export function listenHandles(uv: LibuvTcp, onConnection: (socket: HandleSocket) => void): LoopbackServer {
  return listenLoopback(uv, (client) => onConnection(new HandleSocket(uv, client)));
}
