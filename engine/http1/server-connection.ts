// The server side of one HTTP/1.1 connection, on Node's native request parser (llhttp in C++, the
// one node:http uses) without node:http's IncomingMessage/ServerResponse machinery. Both the L7
// listener (downstream) and the sandbox endpoints serve HTTP with it.
//
// Why not http.Server: these two sit on every proxied hop the learner (and the benchmark)
// drives. Measured on this machine (2 cores, wrk -c32, a constant 274-byte answer): node:http
// 8.3 µs of user CPU per request, this 3.5 µs — and far less garbage per request.
//
// What it does, as RFC 9112 asks of a server:
// - framing by Content-Length or chunked (the parser, strict: Content-Length together with
//   Transfer-Encoding and the other smuggling shapes are errors);
// - one request at a time: pipelined requests wait, parsed, until the answer before them ends,
//   so answers leave in request order (at most PIPELINE_DEPTH wait; beyond that reading pauses);
// - keep-alive per version and `Connection`; `Expect: 100-continue`; HEAD, 204 and 304 without
//   a body; chunked answers when the handler gives no length to an HTTP/1.1 client;
// - upgrades handed over with the bytes that followed the head;
// - refusals it makes itself — 400 malformed (or HTTP/1.1 without Host), 408 too slow, 413 body
//   too large, 431 head too large — worded by the owner (`refuse`), then the connection closes.
import type net from "node:net";
import type { DeadlineSweep } from "./deadline-sweep";
import { HTTPParser, methods, type NativeParser } from "./native-parser";
import { upgradeSocket, type ServerSocket } from "./server-socket";

const PIPELINE_DEPTH = 16;

/** A socket's stream handle (TCPWrap, TLSWrap), as far as consuming it goes. */
interface StreamHandle {
  isStreamBase?: boolean;
  /** node:http's mark that a parser consumes this handle. */
  _consumed?: boolean;
  readStart(): number;
  readStop(): number;
}

export type RequestHeaders = Record<string, string | string[]>;

export interface ServerRequest {
  method: string;
  /** The request target as sent (origin-form, absolute-form, asterisk-form). */
  url: string;
  httpVersion: string;
  /** Lower-cased names, duplicates combined the way node:http does (see addHeader). */
  headers: RequestHeaders;
  /** Name/value pairs exactly as received. */
  rawHeaders: string[];
  keepAlive: boolean;
  /** The whole body (null when there was none); bodies are read in full before dispatch. */
  body: Buffer | null;
}

export type Refusal = 400 | 408 | 413 | 431;

export interface Answer {
  status: number;
  reason: string;
  headers: readonly string[];
  body: string;
}

export interface HttpServerLimits {
  maxHeaderBytes: number;
  maxBodyBytes: number;
  /** The head must arrive within this of its first byte (Slowloris). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this of its first byte. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
}

export interface HttpServerHandlers {
  /** A complete request; answer through `res`. The next request waits until `res.end()`. */
  onRequest(req: ServerRequest, res: ServerResponse): void;
  /** An upgrade (or CONNECT) request: the socket is handed over with the bytes after the head. */
  onUpgrade(req: ServerRequest, socket: net.Socket, head: Buffer): void;
  /** Words a refusal the connection makes itself; `detail` is the parser's reason. */
  refuse(status: Refusal, detail: string): Answer;
}

/** Headers node:http keeps only the first of (later duplicates are dropped). */
const SINGLE = new Set([
  "age", "authorization", "content-length", "content-type", "etag", "expires", "from", "host", "if-modified-since",
  "if-unmodified-since", "last-modified", "location", "max-forwards", "proxy-authorization", "referer", "retry-after",
  "server", "user-agent",
]);

function addHeader(into: RequestHeaders, rawName: string, value: string): void {
  const name = rawName.toLowerCase();
  const prev = into[name];
  if (prev === undefined) into[name] = name === "set-cookie" ? [value] : value;
  else if (name === "set-cookie") (prev as string[]).push(value);
  else if (SINGLE.has(name)) return;
  else into[name] = `${prev as string}${name === "cookie" ? "; " : ", "}${value}`;
}

let cachedDate = "";
let cachedDateAt = 0;
/** The IMF-fixdate for Date headers, computed at most once a second. */
export function httpDate(): string {
  const now = Date.now();
  if (now - cachedDateAt >= 1000) {
    cachedDateAt = now - (now % 1000);
    cachedDate = new Date(cachedDateAt).toUTCString();
  }
  return cachedDate;
}

const REFUSAL_CODES: Record<string, Refusal> = { HPE_HEADER_OVERFLOW: 431 };
const EMPTY = Buffer.alloc(0);

// Parser and socket callbacks are module functions that find their connection through a symbol
// (as node:http does), so a new connection allocates no closures for them.
const kOwner = Symbol("layerlab.http1.owner");

const PARSER_POOL_SIZE = 256;
const parserPool: NativeParser[] = [];
/** Back to the pool (free() ends its async resource, as node:http's freeParser does), or closed. */
function releaseParser(parser: NativeParser): void {
  if (parserPool.length < PARSER_POOL_SIZE && typeof parser.free === "function") {
    parser.free();
    parserPool.push(parser);
  } else parser.close();
}
type Owned<T> = T & { [kOwner]: HttpServerConnection };
function parserOnMessageBegin(this: Owned<NativeParser>): void {
  this[kOwner].messageBegin();
}
function parserOnHeaders(this: Owned<NativeParser>, headers: string[], url: string): void {
  this[kOwner].headerSlice(headers, url);
}
function parserOnHeadersComplete(this: Owned<NativeParser>, ...args: HeadArgs): number {
  return this[kOwner].headersComplete(...args);
}
function parserOnBody(this: Owned<NativeParser>, chunk: Buffer): void {
  this[kOwner].bodyChunk(chunk);
}
function parserOnMessageComplete(this: Owned<NativeParser>): void {
  this[kOwner].messageComplete();
}
function parserOnExecute(this: Owned<NativeParser>, result: number | Error): void {
  this[kOwner].executed(result);
}
function socketOnData(this: Owned<ServerSocket>, chunk: Buffer): void {
  this[kOwner].data(chunk);
}
function socketOnClose(this: Owned<ServerSocket>): void {
  this[kOwner].socketClosed();
}

type HeadArgs = [major: number, minor: number, headers: string[] | undefined, method: number, url: string | undefined, status: unknown, reason: unknown, upgrade: boolean, keepAlive: boolean];

export class HttpServerConnection {
  // Parsers are reused, as node:http does: a native parser costs more to make than to reset.
  private readonly parser: NativeParser = parserPool.pop() ?? new HTTPParser();
  private partialHeaders: string[] = [];
  private partialUrl = "";
  /** The request whose head is complete and whose body is still arriving. */
  private reading: ServerRequest | null = null;
  private body: Buffer[] = [];
  private bodyBytes = 0;
  /** Parsed requests waiting for the answer before them to end. */
  private readonly waiting: ServerRequest[] = [];
  private active: ServerResponse | null = null;
  /** A refusal to send once the answers before it are out. */
  private refusal: Answer | null = null;
  private upgrade: ServerRequest | null = null;
  /** Bytes after an upgrade's head, kept while earlier pipelined requests are answered. */
  private upgradeHead: Buffer = EMPTY;
  /** When the request now arriving sent its first byte (0: none is arriving). */
  private requestStartedAt = 0;
  private headComplete = false;
  private closed = false;
  /**
   * The parser reads straight from the socket's stream handle (node:http does the same): the
   * bytes go from libuv into llhttp in C++, with no Buffer, 'data' event or execute() call per
   * read. Only for handles that are Node stream handles (TCP and TLS sockets).
   */
  private consuming: StreamHandle | null;
  private readingPaused = false;
  /** When the connection last read a byte or finished an answer (or stopped parsing). */
  private quietSince = Date.now();
  /** Writes so far (see outgoing()). */
  private writes = 0;
  /** Links in the sweep's set of connections (DeadlineSweep). */
  setPrev: HttpServerConnection | null = null;
  setNext: HttpServerConnection | null = null;

  constructor(
    readonly socket: ServerSocket,
    private readonly limits: HttpServerLimits,
    private readonly handlers: HttpServerHandlers,
    /** Enforces this connection's deadlines until its socket closes. */
    private readonly sweep: DeadlineSweep,
  ) {
    const p = this.parser as Owned<NativeParser>;
    p.initialize(HTTPParser.REQUEST, {}, limits.maxHeaderBytes, 0);
    p[kOwner] = this;
    p[HTTPParser.kOnMessageBegin] = parserOnMessageBegin;
    p[HTTPParser.kOnHeaders] = parserOnHeaders;
    p[HTTPParser.kOnHeadersComplete] = parserOnHeadersComplete;
    p[HTTPParser.kOnBody] = parserOnBody;
    p[HTTPParser.kOnMessageComplete] = parserOnMessageComplete;
    (socket as Owned<ServerSocket>)[kOwner] = this;
    // The 'data' listener keeps the socket flowing (reading) in both cases; when the parser
    // consumes the handle, only ends of stream and errors still reach the socket itself.
    socket.on("data", socketOnData);
    socket.on("close", socketOnClose);
    const handle = (socket as ServerSocket & { _handle?: StreamHandle | null })._handle;
    if (handle && handle.isStreamBase && !handle._consumed && p.consume) {
      handle._consumed = true;
      p[HTTPParser.kOnExecute] = parserOnExecute;
      p.consume(handle);
      this.consuming = handle;
    } else this.consuming = null;
    // The keep-alive timeout is enforced by the sweep too, from quietSince: a socket timeout
    // would re-arm a timer on every read and write of every request.
    sweep.watch(this);
  }

  /** @internal More than 32 header pairs, or a head split across reads, arrive in slices first. */
  headerSlice(headers: string[], url: string): void {
    this.partialHeaders.push(...headers);
    this.partialUrl += url;
  }

  /** Requests parsed and waiting for the answers before them (at most PIPELINE_DEPTH, then reading pauses). */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * The socket, for a write. Nagle's algorithm is turned off from the second write on (nginx does
   * the same for keep-alive connections): a first answer leaves in one write, so Nagle cannot hold
   * it, and a connection answered once and closed saves the setsockopt call. Later writes (the
   * next answer, or the rest of a streamed one) must not wait for the client's ACK.
   */
  outgoing(): ServerSocket {
    if (this.writes++ === 1) this.socket.setNoDelay(true);
    return this.socket;
  }

  /** True while no request is being read, waiting or answered (a clean point to close). */
  private get idle(): boolean {
    return this.active === null && this.waiting.length === 0 && this.requestStartedAt === 0;
  }

  /**
   * Enforces the keep-alive timeout and the head and request deadlines; the owner calls it
   * periodically (a sweep, as node:http's connectionsCheckingInterval does), since a stalled
   * client sends no event.
   */
  checkDeadlines(now: number): void {
    // Idle between requests, or closed by us and the client never hung up: let go.
    if ((this.closed || this.idle) && now - this.quietSince > this.limits.keepAliveTimeoutMs) return void this.socket.destroy();
    if (this.closed || this.requestStartedAt === 0) return;
    if (!this.headComplete && this.late(now, this.limits.headersTimeoutMs, "the head")) return;
    this.late(now, this.limits.requestTimeoutMs, "the request");
  }

  /** @internal Bytes read from a socket whose handle the parser does not consume. */
  data(chunk: Buffer): void {
    if (this.closed || this.refusal) return;
    this.arrived();
    if (this.refusal) return;
    this.parsed(this.parser.execute(chunk), chunk);
  }

  /** @internal The parser consumed a read from the handle (`result`: bytes parsed, or the error). */
  executed(result: number | Error): void {
    if (this.closed || this.refusal) return;
    this.arrived();
    if (this.refusal) return;
    // The bytes after an upgrade's head are only reachable through getCurrentBuffer() (a copy).
    this.parsed(result, this.upgrade ? (this.parser.getCurrentBuffer!() as Buffer) : EMPTY);
  }

  /**
   * Bytes arrived: the connection is not quiet, and a request arriving slowly may be past its
   * deadline. (With a consumed handle this runs after the bytes were parsed, so the head and
   * the whole request are also checked when they complete.)
   */
  private arrived(): void {
    const now = Date.now();
    this.quietSince = now;
    if (this.requestStartedAt !== 0) this.checkDeadlines(now);
  }

  /** @internal The first byte of a request: its deadlines start. */
  messageBegin(): void {
    this.requestStartedAt = Date.now();
  }

  /** Refuses the request arriving (408) if `now` is past its deadline; says whether it did. */
  private late(now: number, limitMs: number, what: string): boolean {
    if (now - this.requestStartedAt <= limitMs) return false;
    this.fail(408, `${what} took longer than ${limitMs} ms`);
    return true;
  }

  private parsed(result: number | Error, chunk: Buffer): void {
    if (result instanceof Error) {
      const e = result as Error & { code?: string; reason?: string };
      const code = e.code ?? "HPE_INVALID";
      return this.fail(REFUSAL_CODES[code] ?? 400, `${code}${e.reason ? ` (${e.reason})` : ""}`);
    }
    if (this.upgrade && this.active === null && this.waiting.length === 0) this.handOver(chunk.subarray(result));
    else if (this.upgrade) {
      // An upgrade pipelined behind unanswered requests: keep its bytes until they are answered.
      this.upgradeHead = chunk.subarray(result);
      this.pauseReading();
    }
  }

  private pauseReading(): void {
    if (this.readingPaused) return;
    this.readingPaused = true;
    // net's pause() does not stop a consumed handle from reading: stop the handle itself.
    if (this.consuming) this.consuming.readStop();
    else this.socket.pause();
  }

  private resumeReading(): void {
    if (!this.readingPaused) return;
    this.readingPaused = false;
    if (this.consuming) this.consuming.readStart();
    else this.socket.resume();
  }

  /** Hands reads back to the socket (an upgrade, or parsing is over). */
  private stopConsuming(): void {
    const handle = this.consuming;
    if (!handle) return;
    this.consuming = null;
    this.parser.unconsume!();
    handle._consumed = false;
    if (this.readingPaused && !this.socket.destroyed) {
      // Paused at the handle: hand the pause over to the socket, which now owns reading.
      handle.readStart();
      this.socket.pause();
    }
  }

  /** @internal */
  headersComplete(...[major, minor, headers, method, url, , , upgrade, keepAlive]: HeadArgs): number {
    // After a refusal, the parser may still be in the same read: what follows the refused request
    // (its unread body, say) must never be taken for a new request.
    if (this.refusal || this.closed) return 1;
    const raw = headers === undefined ? this.partialHeaders : this.partialHeaders.length > 0 ? [...this.partialHeaders, ...headers] : headers;
    const all: RequestHeaders = {};
    for (let i = 0; i < raw.length; i += 2) addHeader(all, raw[i]!, raw[i + 1]!);
    const name = methods[method] ?? "GET";
    const req: ServerRequest = { method: name, url: url ?? this.partialUrl, httpVersion: `${major}.${minor}`, headers: all, rawHeaders: raw, keepAlive, body: null };
    this.partialHeaders = [];
    this.partialUrl = "";
    this.headComplete = true;
    if (this.late(Date.now(), this.limits.headersTimeoutMs, "the head")) return 1;
    this.body = [];
    this.bodyBytes = 0;
    if (all.host === undefined && major === 1 && minor >= 1) {
      // RFC 9112 §3.2: a server must answer 400 to an HTTP/1.1 request without Host.
      this.fail(400, "HTTP/1.1 request without a Host header");
      return 1;
    }
    if (upgrade || name === "CONNECT") {
      this.upgrade = req;
      return 1; // the bytes after the head belong to the new protocol (or tunnel)
    }
    const declared = Number(all["content-length"]);
    if (declared > this.limits.maxBodyBytes) {
      this.fail(413, `Content-Length ${declared} is over ${this.limits.maxBodyBytes} bytes`);
      return 1;
    }
    this.reading = req;
    if (all.expect === "100-continue") this.outgoing().write("HTTP/1.1 100 Continue\r\n\r\n");
    return 0;
  }

  /** @internal */
  bodyChunk(chunk: Buffer): void {
    if (this.reading === null) return;
    this.bodyBytes += chunk.length;
    if (this.bodyBytes > this.limits.maxBodyBytes) return this.fail(413, `the body is over ${this.limits.maxBodyBytes} bytes`);
    this.body.push(chunk);
  }

  /** @internal */
  messageComplete(): void {
    const req = this.reading;
    if (req === null || this.refusal) return; // an upgrade request, or after a refusal
    if (this.late(Date.now(), this.limits.requestTimeoutMs, "the request")) return;
    this.reading = null;
    this.requestStartedAt = 0;
    this.headComplete = false;
    req.body = this.body.length === 0 ? null : this.body.length === 1 ? this.body[0]! : Buffer.concat(this.body, this.bodyBytes);
    this.body = [];
    this.waiting.push(req);
    if (this.waiting.length >= PIPELINE_DEPTH) this.pauseReading();
    if (this.active === null) this.dispatchNext();
  }

  private dispatchNext(): void {
    const req = this.waiting.shift();
    if (req === undefined) {
      if (this.refusal) return this.sendRefusal();
      if (this.upgrade) return this.handOver(this.upgradeHead);
      if (!this.closed) this.resumeReading();
      return;
    }
    const res = new ServerResponse(this, req);
    this.active = res;
    this.handlers.onRequest(req, res);
  }

  /** Called by the active response when it has ended. */
  answered(res: ServerResponse, keepOpen: boolean): void {
    if (this.active !== res) return;
    this.active = null;
    this.quietSince = Date.now();
    if (!keepOpen) return this.close();
    this.dispatchNext();
  }

  private handOver(head: Buffer): void {
    const req = this.upgrade!;
    this.upgrade = null;
    this.stopParsing();
    this.sweep.forget(this); // the new protocol keeps its own time
    this.socket.removeListener("close", socketOnClose);
    this.socket.setNoDelay(true); // the new protocol's messages are small and interactive
    this.handlers.onUpgrade(req, upgradeSocket(this.socket), head);
  }

  /** Refuses the request now arriving; the answers owed before it go out first. */
  private fail(status: Refusal, detail: string): void {
    if (this.closed || this.refusal) return;
    this.refusal = this.handlers.refuse(status, detail);
    this.reading = null;
    this.body = [];
    this.socket.removeListener("data", socketOnData);
    this.stopConsuming();
    if (this.active === null && this.waiting.length === 0) this.sendRefusal();
  }

  private sendRefusal(): void {
    const a = this.refusal!;
    let head = `HTTP/1.1 ${a.status} ${a.reason}\r\n`;
    for (let i = 0; i < a.headers.length; i += 2) head += `${a.headers[i]}: ${a.headers[i + 1]}\r\n`;
    head += `content-length: ${Buffer.byteLength(a.body)}\r\ndate: ${httpDate()}\r\nconnection: close\r\n\r\n`;
    this.stopParsing();
    if (this.socket.writable) this.outgoing().end(head + a.body);
    else this.socket.destroy();
  }

  private stopParsing(): void {
    if (this.closed) return;
    this.closed = true;
    this.quietSince = Date.now();
    this.stopConsuming();
    this.socket.removeListener("data", socketOnData);
    // Free the native parser once the stack (possibly inside execute()) has unwound.
    queueMicrotask(() => releaseParser(this.parser));
  }

  /** Ends the connection after what was written (requests still waiting are dropped). */
  private close(): void {
    this.stopParsing();
    this.socket.end();
  }

  /** @internal The socket closed. */
  socketClosed(): void {
    this.sweep.forget(this);
    this.stopParsing();
    this.waiting.length = 0;
    const res = this.active;
    this.active = null;
    res?.downstreamClosed();
  }
}

/**
 * Up to this size, a head and its body leave as one Buffer: copying a small body is cheaper than
 * cork/uncork, whose writev path builds a chunk list and a write request per call.
 */
const COALESCE_MAX_BYTES = 16 * 1024;

function withHead(head: string, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(head.length + body.length);
  out.write(head, 0, "latin1");
  body.copy(out, head.length);
  return out;
}

/**
 * One answer on an HttpServerConnection, written as it comes: the head once, then the body —
 * raw when its length is known, chunked for an HTTP/1.1 client when not, or delimited by the
 * close for an HTTP/1.0 one.
 */
export class ServerResponse {
  headersSent = false;
  private finished = false;
  private head: string | null = null;
  private chunked = false;
  private bodyless = false;
  private keepOpen: boolean;
  private onAbort: { downstreamClosed(): void } | null = null;

  constructor(
    private readonly conn: HttpServerConnection,
    readonly req: ServerRequest,
  ) {
    this.keepOpen = req.keepAlive;
  }

  /** `target` hears if the downstream goes away before this answer ends (nginx's 499). */
  whenAborted(target: { downstreamClosed(): void }): void {
    this.onAbort = target;
  }

  /** Close the connection after this answer even if the client would keep it. */
  closeAfter(): void {
    this.keepOpen = false;
  }

  /** Stores the head; it leaves with the first body bytes (one write for small answers). */
  writeHead(status: number, reason: string, headers: readonly string[]): void {
    if (this.headersSent || this.head !== null) return;
    let length = false;
    let date = false;
    let head = `HTTP/1.1 ${status} ${reason}\r\n`;
    for (let i = 0; i < headers.length; i += 2) {
      const name = headers[i]!;
      if (name.length === 14 && name.toLowerCase() === "content-length") length = true;
      else if (name.length === 4 && name.toLowerCase() === "date") date = true;
      head += `${name}: ${headers[i + 1]}\r\n`;
    }
    this.bodyless = this.req.method === "HEAD" || status === 204 || status === 304 || (status >= 100 && status < 200);
    if (!length && !this.bodyless) {
      if (this.req.httpVersion === "1.1") {
        this.chunked = true;
        head += "transfer-encoding: chunked\r\n";
      } else this.keepOpen = false; // HTTP/1.0: the close delimits the body
    }
    if (!date) head += `date: ${httpDate()}\r\n`;
    head += this.keepOpen ? "connection: keep-alive\r\n\r\n" : "connection: close\r\n\r\n";
    this.head = head;
  }

  /** Writes body bytes; false when the client is reading slower than we write (wait for drain). */
  write(chunk: Buffer): boolean {
    if (this.finished || chunk.length === 0) return true;
    const socket = this.conn.outgoing();
    const head = this.takeHead();
    if (this.bodyless) {
      if (head !== null) return socket.write(head, "latin1");
      return true;
    }
    if (head === null && !this.chunked) return socket.write(chunk);
    if (head !== null && !this.chunked && chunk.length <= COALESCE_MAX_BYTES) return socket.write(withHead(head, chunk));
    socket.cork();
    if (head !== null) socket.write(head, "latin1");
    if (this.chunked) {
      socket.write(`${chunk.length.toString(16)}\r\n`, "latin1");
      socket.write(chunk);
      socket.write("\r\n", "latin1");
    } else socket.write(chunk);
    socket.uncork();
    return !socket.writableNeedDrain;
  }

  /** Ends the answer (with a last piece of body); the next pipelined request then starts. */
  end(body?: string | Buffer): void {
    if (this.finished) return;
    const head = this.takeHead() ?? "";
    const last = body === undefined || body.length === 0 || this.bodyless ? null : body;
    const socket = last === null && !this.chunked && head === "" ? this.conn.socket : this.conn.outgoing();
    if (last === null) {
      const out = this.chunked ? `${head}0\r\n\r\n` : head;
      if (out) socket.write(out, "latin1");
    } else if (this.chunked) {
      const length = typeof last === "string" ? Buffer.byteLength(last) : last.length;
      socket.cork();
      socket.write(`${head}${length.toString(16)}\r\n`, "latin1");
      socket.write(last);
      socket.write("\r\n0\r\n\r\n", "latin1");
      socket.uncork();
    } else if (typeof last === "string") {
      socket.write(head + last); // the head is ASCII, so one UTF-8 write carries both
    } else if (head && last.length <= COALESCE_MAX_BYTES) {
      socket.write(withHead(head, last));
    } else if (head) {
      socket.cork();
      socket.write(head, "latin1");
      socket.write(last);
      socket.uncork();
    } else socket.write(last);
    this.finished = true;
    this.onAbort = null;
    this.conn.answered(this, this.keepOpen);
  }

  /** Cuts the connection: after a failure mid-answer this is the only honest signal left. */
  destroy(): void {
    this.finished = true;
    this.onAbort = null;
    this.conn.socket.destroy();
  }

  /** Calls `fn` once the socket has room again. */
  onceDrain(fn: () => void): void {
    this.conn.socket.once("drain", fn);
  }

  offDrain(fn: () => void): void {
    this.conn.socket.off("drain", fn);
  }

  /** @internal the connection closed under this answer. */
  downstreamClosed(): void {
    if (this.finished) return;
    this.finished = true;
    const target = this.onAbort;
    this.onAbort = null;
    target?.downstreamClosed();
  }

  private takeHead(): string | null {
    if (this.headersSent) return null;
    if (this.head === null) this.writeHead(200, "OK", []);
    this.headersSent = true;
    const h = this.head;
    this.head = null;
    return h;
  }
}
