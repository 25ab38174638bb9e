// Node's own TCP handles, one level below `net`: the libuv stream that every net.Socket wraps.
//
// Why the L4 listener uses them: a proxy that opens a connection per client pays for two
// net.Sockets per connection — each a Duplex stream with its state objects, listeners, nextTicks
// and a close sequence — and on this 2-core machine that was most of the proxy's own CPU.
// Measured per connection with wrk -c32 and `Connection: close` (proxy thread only, interleaved):
// a bare net.Socket proxy 186–238 µs, the same forwarding on these handles 108–130 µs, nginx
// stream 84–93 µs. With keep-alive (bytes only, no new connections) the gap is small.
//
// The handles come from `process.binding('tcp_wrap' | 'stream_wrap')`, which Node documents as
// deprecated (DEP0111, a documentation-only deprecation: no warning is printed) and does not
// promise to keep. So this module only *detects* them: `libuvTcp()` returns null when the binding
// is missing or has a different shape, and the L4 listener then uses `net` (same behaviour, same
// tests, see engine/filters/l4/net-transport.ts). ENGINE_TCP_TRANSPORT=net forces that fallback.
// The plain-HTTP L7 listener accepts on them too, for the same reason (handle-socket.ts).
//
// The calling conventions below are the ones Node's own lib/net.js and
// lib/internal/stream_base_commons.js use with these handles; the tests run on both transports.

import util from "node:util";
import type { TcpTransportKind } from "../contracts";

/** A connected or listening TCP handle (src/tcp_wrap.cc, src/stream_wrap.cc). */
export interface TcpHandle {
  bind(address: string, port: number): number;
  listen(backlog: number): number;
  connect(req: Req, address: string, port: number): number;
  getsockname(out: Record<string, unknown>): number;
  getpeername(out: Record<string, unknown>): number;
  setNoDelay(on: boolean): number;
  readStart(): number;
  readStop(): number;
  /** Reads go into this buffer (from offset 0) instead of a fresh allocation per read; onread then gets no ArrayBuffer. */
  useUserBuffer(buffer: Uint8Array): void;
  /** Tries to write at once; whatever the socket cannot take yet is queued, and req completes later. */
  writeBuffer(req: Req, data: Uint8Array): number;
  /** The same for a string, encoded in C++ (no Buffer is made for it). */
  writeLatin1String(req: Req, data: string): number;
  writeUtf8String(req: Req, data: string): number;
  /** Bytes read and written so far, counted in C++ (reads a consuming parser took included). */
  readonly bytesRead: number;
  readonly bytesWritten: number;
  /** FIN after the queued writes: returns 0 (req completes later), 1 (done already) or an error. */
  shutdown(req: Req): number;
  close(callback?: () => void): void;
  /** Called with the new connection's handle (server handles). */
  onconnection: ((status: number, client: TcpHandle | undefined) => void) | null;
  /** Called per read (`this` is the handle); the byte count or error is in readBytesOrError(). */
  onread: (() => void) | null;
}
/**
 * A write, shutdown or connect request (WriteWrap, ShutdownWrap, TCPConnectWrap). When it
 * completes later, libuv calls its `oncomplete(status)` with `this` the request, so callers hang
 * what the completion needs on it.
 */
export type Req = object;

export interface LibuvTcp {
  newSocket(): TcpHandle;
  newServer(): TcpHandle;
  newWriteReq(): Req;
  newShutdownReq(): Req;
  newConnectReq(): Req;
  /** After onread: bytes read (> 0), 0 (nothing, ignore), UV_EOF or a negative error. */
  readBytesOrError(): number;
  /** After a write: true when part of it was queued and the req will complete later. */
  lastWriteWasAsync(): boolean;
  /** After onread without a user buffer: where the bytes start in the ArrayBuffer it was given. */
  readOffset(): number;
}

/** libuv's end of stream (UV_EOF). */
export const UV_EOF = -4095;
/** libuv's ENOTCONN: e.g. a shutdown of a socket whose peer is already gone (nothing left to do). */
export const UV_ENOTCONN = -107;
/** What handle.shutdown() returns when it finished synchronously. */
const SHUTDOWN_DONE = 1;

interface Bindings {
  tcp: { TCP: new (type: number) => TcpHandle; TCPConnectWrap: new () => Req; constants: { SOCKET: number; SERVER: number } };
  stream: {
    WriteWrap: new () => Req;
    ShutdownWrap: new () => Req;
    streamBaseState: Int32Array;
    kReadBytesOrError: number;
    kLastWriteWasAsync: number;
    kArrayBufferOffset: number;
  };
}

let detected: LibuvTcp | null | undefined;

/** The handles, or null where this Node does not offer them as expected (or ENGINE_TCP_TRANSPORT=net). */
export function libuvTcp(): LibuvTcp | null {
  if (detected === undefined) detected = process.env.ENGINE_TCP_TRANSPORT === "net" ? null : detect();
  return detected;
}

function detect(): LibuvTcp | null {
  let b: Bindings;
  try {
    const binding = (process as unknown as { binding(name: string): unknown }).binding;
    b = { tcp: binding("tcp_wrap") as Bindings["tcp"], stream: binding("stream_wrap") as Bindings["stream"] };
  } catch {
    return null;
  }
  const { tcp, stream } = b;
  const shaped =
    typeof tcp?.TCP === "function" &&
    typeof tcp.TCPConnectWrap === "function" &&
    typeof tcp.constants?.SOCKET === "number" &&
    typeof tcp.constants.SERVER === "number" &&
    typeof stream?.WriteWrap === "function" &&
    typeof stream.ShutdownWrap === "function" &&
    stream.streamBaseState instanceof Int32Array &&
    [stream.kReadBytesOrError, stream.kLastWriteWasAsync, stream.kArrayBufferOffset].every((k) => typeof k === "number");
  if (!shaped) return null;
  const proto = tcp.TCP.prototype as unknown as Record<string, unknown>;
  const methods = ["bind", "listen", "connect", "getsockname", "getpeername", "setNoDelay", "readStart", "readStop", "useUserBuffer", "writeBuffer", "writeLatin1String", "writeUtf8String", "shutdown", "close"];
  if (!methods.every((m) => typeof proto[m] === "function")) return null;
  if (!["bytesRead", "bytesWritten"].every((m) => m in proto)) return null;
  const { TCP, TCPConnectWrap, constants } = tcp;
  const { WriteWrap, ShutdownWrap, streamBaseState: state, kReadBytesOrError, kLastWriteWasAsync, kArrayBufferOffset } = stream;
  return {
    newSocket: () => new TCP(constants.SOCKET),
    newServer: () => new TCP(constants.SERVER),
    newWriteReq: () => new WriteWrap(),
    newShutdownReq: () => new ShutdownWrap(),
    newConnectReq: () => new TCPConnectWrap(),
    readBytesOrError: () => state[kReadBytesOrError]!,
    lastWriteWasAsync: () => state[kLastWriteWasAsync] !== 0,
    readOffset: () => state[kArrayBufferOffset]!,
  };
}

/** The transport L4 listeners use unless a lab says otherwise: these handles where available, else net. */
export function defaultTcpTransport(): TcpTransportKind {
  return libuvTcp() ? "libuv" : "net";
}

/** The address a handle's getsockname/getpeername reports ("" and 0 when the socket is gone). */
export function handleAddress(handle: TcpHandle, which: "local" | "peer"): { address: string; port: number } {
  const out: Record<string, unknown> = {};
  const err = which === "local" ? handle.getsockname(out) : handle.getpeername(out);
  if (err !== 0) return { address: "", port: 0 };
  return { address: typeof out.address === "string" ? out.address : "", port: typeof out.port === "number" ? out.port : 0 };
}

/**
 * Starts a FIN after the handle's queued writes. "pending": `req.oncomplete(status)` follows;
 * "done": nothing to wait for (it finished at once, or the peer is gone already); else the
 * libuv error code.
 */
export function shutdownHandle(handle: TcpHandle, req: Req): "pending" | "done" | number {
  const err = handle.shutdown(req);
  if (err === SHUTDOWN_DONE || err === UV_ENOTCONN) return "done";
  return err === 0 ? "pending" : err;
}

export interface LoopbackServer {
  readonly port: number;
  /** Stops accepting (connections already accepted are their owners' to close). */
  close(): Promise<void>;
}

/**
 * A listening handle on 127.0.0.1, port 0; `onClient` gets each accepted connection's handle.
 * Throws when bind or listen fails. Accept errors (EMFILE) are skipped: the next connection may
 * succeed.
 */
export function listenLoopback(uv: LibuvTcp, onClient: (client: TcpHandle) => void): LoopbackServer {
  const server = uv.newServer();
  const check = (err: number, what: string) => {
    if (err === 0) return;
    server.close();
    const code = util.getSystemErrorName(err);
    throw Object.assign(new Error(`${what} 127.0.0.1: ${code}`), { code });
  };
  check(server.bind("127.0.0.1", 0), "bind");
  check(server.listen(511), "listen");
  server.onconnection = (status, client) => {
    if (status === 0 && client) onClient(client);
  };
  let closing: Promise<void> | null = null;
  return {
    port: handleAddress(server, "local").port,
    close: () => (closing ??= new Promise<void>((resolve) => server.close(resolve))),
  };
}
