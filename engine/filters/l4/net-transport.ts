// The L4 transport on `net`: the fallback where Node's TCP handles are not available (see
// engine/transport/libuv-tcp.ts), and the reference the libuv transport must behave like. What
// both must do is in l4-transport.ts.
//
// Bytes are forwarded by a few module-level handlers on each socket (data, drain, end), not by
// stream.pipe(): pipe() attaches about ten listeners and closures per direction, and with a
// connection per request that setup is a large part of the proxy's own work. Measured with wrk
// -c32 and a connection per request against the same endpoint, a bare proxy forwarding this way
// did 5.9–6.4k req/s where the same proxy on pipe() did 5.0–5.5k. Byte counts are the sockets'
// own counters.
import net from "node:net";
import type { Address } from "../../api/schema";
import type { ClusterMember, ClusterRuntime } from "../../contracts";
import { L4Session, type AcceptorOptions, type ByteCounts, type ConnectOptions, type L4Acceptor, type L4SessionOwner } from "./l4-transport";
import { ClientHelloPeek, type PeekDone, type PeekOptions } from "./sni-peek";

const kSession = Symbol("layerlab.l4session");
const kPeer = Symbol("layerlab.l4peer");
type Tagged = net.Socket & { [kSession]?: NetL4Session; [kPeer]?: net.Socket };

export function listenNet(options: AcceptorOptions): Promise<L4Acceptor> {
  // pauseOnConnect: the client's bytes wait in the socket until an upstream is up (or the SNI
  // peek reads them), so a failed connect can still go to another endpoint.
  const server = net.createServer({ noDelay: true, allowHalfOpen: true, pauseOnConnect: true }, (socket) =>
    options.onSession(new NetL4Session(options.ids.next("c"), socket, options.owner)),
  );
  server.maxConnections = options.maxConnections;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port: 0 }, () => {
      server.removeListener("error", reject);
      server.on("error", () => {}); // accept-time errors (EMFILE) must not crash the engine
      const port = (server.address() as net.AddressInfo).port;
      resolve({ port, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

// ---- module-level handlers: `this` is the socket, no closure per connection -------------------

function forwardData(this: Tagged, chunk: Buffer): void {
  if (!this[kPeer]!.write(chunk)) this.pause();
}
/** This socket drained: the peer, paused because this one could not take more, reads again. */
function resumePeer(this: Tagged): void {
  this[kPeer]!.resume();
}
function endPeer(this: Tagged): void {
  this[kPeer]!.end();
}
function downError(this: Tagged, err: NodeJS.ErrnoException): void {
  this[kSession]!.downstreamError(err.code ?? "error");
}
function upError(this: Tagged, err: NodeJS.ErrnoException): void {
  this[kSession]!.upstreamError(this, err.code ?? "error");
}
function upConnected(this: Tagged): void {
  this[kSession]!.upstreamUp(this);
}
function sideClosed(this: Tagged): void {
  this[kSession]?.sideClosed();
}
function connectTimedOut(up: net.Socket): void {
  if (up.connecting) up.destroy(Object.assign(new Error("connect timeout"), { code: "ETIMEDOUT" }));
}

class NetL4Session extends L4Session {
  readonly remoteAddress: string;
  readonly remotePort: number;
  private up: net.Socket | null = null;
  private connected = false;
  private openSides = 1;
  private done = false;
  private connectTimer: NodeJS.Timeout | null = null;

  constructor(
    id: string,
    private readonly down: net.Socket,
    owner: L4SessionOwner,
  ) {
    super(id, owner);
    this.remoteAddress = down.remoteAddress ?? "";
    this.remotePort = down.remotePort ?? 0;
    (down as Tagged)[kSession] = this;
    down.on("error", downError);
    down.once("close", sideClosed);
  }

  localAddress(): Address {
    return { address: this.down.localAddress ?? "", port: this.down.localPort ?? 0 };
  }
  upstreamLocalAddress(): Address {
    return { address: this.up?.localAddress ?? "", port: this.up?.localPort ?? 0 };
  }
  get clientGone(): boolean {
    return this.down.destroyed;
  }
  downstreamBytes(): ByteCounts {
    return { bytesIn: this.down.bytesRead, bytesOut: this.down.bytesWritten };
  }
  upstreamBytes(): ByteCounts {
    return { bytesIn: this.up?.bytesRead ?? 0, bytesOut: this.up?.bytesWritten ?? 0 };
  }

  peekClientHello(options: PeekOptions, done: PeekDone): void {
    const down = this.down;
    const onData = (chunk: Buffer) => peek.data(chunk);
    const onEnd = () => peek.end();
    const onClose = () => peek.closed();
    const peek = new ClientHelloPeek(
      options,
      () => {
        down.removeListener("data", onData);
        down.removeListener("end", onEnd);
        down.removeListener("close", onClose);
        down.pause();
      },
      done,
    );
    down.on("data", onData);
    down.once("end", onEnd);
    down.once("close", onClose);
    down.resume(); // accepted paused (pauseOnConnect): a 'data' listener alone does not start it
  }

  connect(member: ClusterMember, cluster: ClusterRuntime, options: ConnectOptions): void {
    this.beginConnect(member, cluster, options);
    const up = net.connect({ host: member.endpoint.host, port: member.endpoint.port, noDelay: true, allowHalfOpen: true }) as Tagged;
    this.up = up;
    up[kSession] = this;
    up.once("connect", upConnected);
    up.on("error", upError);
    this.connectTimer = setTimeout(connectTimedOut, options.connectTimeoutMs, up);
  }

  /** @internal (upConnected) */
  upstreamUp(up: net.Socket): void {
    this.clearConnectTimer();
    if (this.done || this.down.destroyed) return void up.destroy();
    this.connected = true;
    this.openSides++;
    up.once("close", sideClosed);
    this.owner.upstreamConnected(this);
    // Written before the client's bytes: the PROXY header must be the first thing on the wire.
    if (this.proxyHeader) up.write(this.proxyHeader);
    if (this.initial && this.initial.length > 0) up.write(this.initial);
    const down = this.down as Tagged;
    down[kPeer] = up;
    (up as Tagged)[kPeer] = down;
    for (const s of [down, up]) {
      s.on("data", forwardData);
      s.on("drain", resumePeer);
      s.on("end", endPeer);
    }
    // The client may have half-closed already (during the SNI peek): its 'end' has been emitted.
    if (down.readableEnded) up.end();
    else down.resume();
  }

  /** @internal (downError) */
  downstreamError(code: string): void {
    this.fail(`downstream ${code}`);
  }

  /** @internal (upError) */
  upstreamError(up: net.Socket, code: string): void {
    if (this.up !== up) return;
    if (this.connected) return this.fail(`upstream ${code}`);
    this.clearConnectTimer();
    this.up = null;
    up.destroy();
    if (!this.done) this.connectAttemptFailed(code);
  }

  destroy(reason?: string): void {
    if (reason && this.reason === null) this.reason = reason;
    this.clearConnectTimer();
    this.down.destroy();
    this.up?.destroy();
  }

  /** @internal (sideClosed) */
  sideClosed(): void {
    const up = this.up;
    // One side gone for good: the other has nothing left to talk to. destroySoon() lets what
    // was already written reach it first.
    if (this.down.destroyed && up && !up.destroyed) {
      if (up.connecting) up.destroy();
      else up.destroySoon();
    }
    if (up?.destroyed && !this.down.destroyed) this.down.destroySoon();
    if (--this.openSides > 0 || this.done) return;
    this.done = true;
    this.clearConnectTimer();
    this.finished();
  }

  private clearConnectTimer(): void {
    if (this.connectTimer) clearTimeout(this.connectTimer);
    this.connectTimer = null;
  }
}
