// HTTP/1.1 server side of one sandbox connection, on Node's native request parser (llhttp in
// C++, the one node:http uses) without node:http's IncomingMessage/ServerResponse machinery.
//
// Why not http.Server: the endpoints sit behind every proxy the learner (and the benchmark) drives,
// so their cost is part of every measured hop. Measured on this machine (2 cores, wrk -c32,
// constant 274-byte answer): node:http 8.3 µs user CPU per request, this 3.5 µs.
//
// What it does, as a real origin server must (RFC 9112): framing by Content-Length or chunked
// (the parser), keep-alive per version and `Connection`, responses in request order even when a
// latency fault delays one of several pipelined requests, `Expect: 100-continue`, HEAD, upgrades
// handed over with the bytes after the head, 400 for a malformed request, 413 for a body over
// the limit, 408 when the head does not arrive in time, and an idle keep-alive timeout.
import { createRequire } from "node:module";
import type net from "node:net";

interface NativeParser {
  initialize(type: number, resource: object, maxHeaderSize: number, lenient: number): void;
  execute(data: Buffer): number | Error;
  close(): void;
  [key: number]: unknown;
}
// `_http_common` is Node's own module behind node:http; there is no public parser constructor.
const { HTTPParser, methods } = createRequire(import.meta.url)("_http_common") as {
  HTTPParser: { new (): NativeParser; REQUEST: number; kOnHeaders: number; kOnHeadersComplete: number; kOnBody: number; kOnMessageComplete: number };
  methods: string[];
};

export type RequestHeaders = Record<string, string | string[]>;

export interface ServerRequest {
  method: string;
  url: string;
  httpVersion: string;
  /** Lower-cased names, duplicates combined the way node:http does (see addHeader). */
  headers: RequestHeaders;
  keepAlive: boolean;
}

export interface ServerResponse {
  status: number;
  reason: string;
  /** Name/value pairs, in order; Content-Length, Date and Connection are added here. */
  headers: string[];
  body: string;
  /** Close the connection after this response even if the client would keep it. */
  close?: boolean;
}

export interface HttpServerLimits {
  maxHeaderBytes: number;
  maxBodyBytes: number;
  /** The whole request head must arrive within this (slow clients, Slowloris). */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
}

export interface HttpServerHandlers {
  /** A complete request; `reply` may be called later (latency), answers still go out in order. */
  onRequest(req: ServerRequest, body: Buffer, reply: (res: ServerResponse) => void): void;
  /** An upgrade request: the socket is handed over with any bytes that followed the head. */
  onUpgrade(req: ServerRequest, socket: net.Socket, head: Buffer): void;
}

/** Headers node:http keeps only the first of (duplicates of these are dropped). */
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
function httpDate(): string {
  const now = Date.now();
  if (now - cachedDateAt >= 1000) {
    cachedDateAt = now - (now % 1000);
    cachedDate = new Date(cachedDateAt).toUTCString();
  }
  return cachedDate;
}

const REASONS: Record<number, string> = { 400: "Bad Request", 408: "Request Timeout", 413: "Content Too Large", 431: "Request Header Fields Too Large" };

export class HttpServerConnection {
  private readonly parser: NativeParser = new HTTPParser();
  private partialHeaders: string[] = [];
  private partialUrl = "";
  private current: ServerRequest | null = null;
  private body: Buffer[] = [];
  private bodyBytes = 0;
  /** Answers not yet written, in request order; null marks one still being prepared. */
  private readonly queue: (Answer | null)[] = [];
  /** Answers written so far: a request's slot is its queue position plus this at push time. */
  private written = 0;
  private upgrading: ServerRequest | null = null;
  private headStartedAt = 0;
  private done = false;
  private upgraded = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly limits: HttpServerLimits,
    private readonly handlers: HttpServerHandlers,
    /** Name/value pairs added to the connection's own error answers (who answered). */
    private readonly errorHeaders: readonly string[] = [],
  ) {
    const p = this.parser;
    p.initialize(HTTPParser.REQUEST, {}, limits.maxHeaderBytes, 0);
    // More than 32 header pairs, or a head split across reads, arrive in slices first.
    p[HTTPParser.kOnHeaders] = (headers: string[], url: string) => {
      this.partialHeaders.push(...headers);
      this.partialUrl += url;
    };
    p[HTTPParser.kOnHeadersComplete] = this.onHeadersComplete;
    p[HTTPParser.kOnBody] = this.onBody;
    p[HTTPParser.kOnMessageComplete] = this.onMessageComplete;
    socket.on("data", this.onData);
    socket.on("close", () => this.detach());
    // Node re-arms a socket timeout on every read and write, so this fires only after a quiet
    // spell; a connection that still owes an answer (a latency fault) is left alone.
    socket.setTimeout(limits.keepAliveTimeoutMs);
    socket.on("timeout", () => {
      if (this.queue.length === 0 && !this.upgraded) socket.destroy();
    });
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.done) return;
    if (this.current === null && this.headStartedAt === 0) this.headStartedAt = Date.now();
    else if (this.current === null && Date.now() - this.headStartedAt > this.limits.headersTimeoutMs) return this.fail(408);
    const r = this.parser.execute(chunk);
    if (r instanceof Error) {
      const code = (r as { code?: string }).code;
      return this.fail(code === "HPE_HEADER_OVERFLOW" ? 431 : 400);
    }
    if (this.upgrading) {
      const req = this.upgrading;
      this.upgraded = true;
      this.socket.setTimeout(0); // the new protocol keeps its own time
      this.detach();
      this.handlers.onUpgrade(req, this.socket, chunk.subarray(r));
    }
  };

  private readonly onHeadersComplete = (
    major: number,
    minor: number,
    headers: string[] | undefined,
    method: number,
    url: string | undefined,
    _status: unknown,
    _reason: unknown,
    upgrade: boolean,
    keepAlive: boolean,
  ): number => {
    const raw = headers === undefined ? this.partialHeaders : this.partialHeaders.length ? [...this.partialHeaders, ...headers] : headers;
    const all: RequestHeaders = {};
    for (let i = 0; i < raw.length; i += 2) addHeader(all, raw[i]!, raw[i + 1]!);
    const req: ServerRequest = { method: methods[method] ?? "GET", url: url ?? this.partialUrl, httpVersion: `${major}.${minor}`, headers: all, keepAlive };
    this.partialHeaders = [];
    this.partialUrl = "";
    this.headStartedAt = 0;
    this.body = [];
    this.bodyBytes = 0;
    if (upgrade) {
      this.upgrading = req;
      return 1; // no body to parse: the bytes after the head belong to the new protocol
    }
    this.current = req;
    if (all.expect === "100-continue") this.socket.write("HTTP/1.1 100 Continue\r\n\r\n");
    return 0;
  };

  private readonly onBody = (chunk: Buffer): void => {
    if (this.current === null) return;
    this.bodyBytes += chunk.length;
    if (this.bodyBytes > this.limits.maxBodyBytes) return this.fail(413);
    this.body.push(chunk);
  };

  private readonly onMessageComplete = (): void => {
    const req = this.current;
    if (req === null) return; // the upgrade request, or after a failure
    this.current = null;
    const body = this.body.length === 0 ? EMPTY : this.body.length === 1 ? this.body[0]! : Buffer.concat(this.body);
    this.body = [];
    const slot = this.written + this.queue.length;
    this.queue.push(null);
    this.handlers.onRequest(req, body, (res) => this.reply(slot, req, res));
  };

  private reply(slot: number, req: ServerRequest, res: ServerResponse): void {
    if (this.done) return;
    const index = slot - this.written;
    if (index < 0 || this.queue[index] !== null) return;
    const close = res.close === true || !req.keepAlive;
    let head = `HTTP/1.1 ${res.status} ${res.reason}\r\n`;
    for (let i = 0; i < res.headers.length; i += 2) head += `${res.headers[i]}: ${res.headers[i + 1]}\r\n`;
    const bodyBytes = Buffer.byteLength(res.body);
    head += `content-length: ${bodyBytes}\r\ndate: ${httpDate()}\r\nconnection: ${close ? "close" : "keep-alive"}\r\n\r\n`;
    this.queue[index] = { text: req.method === "HEAD" ? head : head + res.body, close };
    this.flush();
  }

  private flush(): void {
    while (this.queue.length > 0 && this.queue[0] !== null) {
      const answer = this.queue.shift()!;
      this.written++;
      if (answer.close) {
        // Whatever was pipelined after a closing answer is never answered (RFC 9112 §9.6).
        this.socket.end(answer.text);
        this.detach();
        this.queue.length = 0;
        return;
      }
      this.socket.write(answer.text);
    }
  }

  /** Answers a broken request and closes, after the answers owed before it. */
  private fail(status: number): void {
    if (this.done) return;
    const reason = REASONS[status] ?? "Error";
    const body = JSON.stringify({ error: status === 413 ? `body larger than ${this.limits.maxBodyBytes} bytes` : reason });
    let extra = "";
    for (let i = 0; i < this.errorHeaders.length; i += 2) extra += `${this.errorHeaders[i]}: ${this.errorHeaders[i + 1]}\r\n`;
    const text = `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\n${extra}content-length: ${body.length}\r\ndate: ${httpDate()}\r\nconnection: close\r\n\r\n${body}`;
    this.queue.push({ text, close: true });
    this.current = null;
    this.body = [];
    this.socket.removeListener("data", this.onData);
    this.socket.pause();
    this.flush();
  }

  /** Stops parsing for good (the connection closed, was upgraded, or ends after the queue). */
  private detach(): void {
    if (this.done) return;
    this.done = true;
    this.socket.removeListener("data", this.onData);
    // Free the native parser once the stack (possibly inside execute()) has unwound.
    queueMicrotask(() => this.parser.close());
  }
}

interface Answer {
  text: string;
  close: boolean;
}

const EMPTY = Buffer.alloc(0);
