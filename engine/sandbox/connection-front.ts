// The listening half of a sandbox endpoint: accepts on loopback, tracks every socket (so a
// "stop" fault or a lab deletion can destroy them), gives each connection an id, and strips an
// optional PROXY protocol v1 header before the endpoint's protocol (HTTP, TLS, echo) sees a byte.
// Accepting PROXY optionally — detected from the first bytes — is what lets one endpoint sit
// behind an L4 listener with `proxyProtocol` and an L7 listener without it.
import net from "node:net";
import type { Address } from "../api/schema";
import { EngineError, describeSocketError } from "../api/errors";
import { parseProxyV1, type ProxyHeader } from "../filters/l4/proxy-protocol";
import type { IdSource } from "../contracts";
import { HEALTH_CHECK_SOURCES } from "../traffic/source-addresses";
import { LinkedSet, type SetLinks } from "../collections/linked-set";

/** An accepted socket's entry in the front's set of open sockets. */
class OpenSocket implements SetLinks<OpenSocket> {
  setPrev: OpenSocket | null = null;
  setNext: OpenSocket | null = null;
  constructor(readonly socket: net.Socket) {}
}

export interface FrontConnection {
  id: string;
  peer: Address;
  proxy: ProxyHeader | null;
}

export interface FrontHandlers {
  /** Called at accept, before any byte is read (server-speaks-first protocols greet here). */
  accept?(socket: net.Socket, id: string): void;
  /** Called once the PROXY header (if any) is stripped; the socket is paused. */
  ready(socket: net.Socket, conn: FrontConnection): void;
}

/** Bytes we wait for while looking for a PROXY header; a silent client is dropped after this. */
const PEEK_TIMEOUT_MS = 10_000;

export class ConnectionFront {
  private server: net.Server | null = null;
  /** A LinkedSet, not a Set: connections come and go at traffic rates (see collections/linked-set.ts). */
  private readonly sockets = new LinkedSet<OpenSocket>();
  private boundPort = 0;
  /** Connections from traffic: the engine's health checks are not in it (see HEALTH_CHECK_SOURCES). */
  totalConnections = 0;
  /** TCP health checks: for those the connection is the whole check. */
  tcpHealthChecks = 0;
  private openChecks = 0;

  constructor(
    private readonly ids: IdSource,
    private readonly handlers: FrontHandlers,
  ) {}

  get port(): number {
    return this.boundPort;
  }
  get listening(): boolean {
    return this.server !== null;
  }
  /** Open connections of traffic: `sockets` also holds health checks' for the moment they are open. */
  get activeConnections(): number {
    return this.sockets.size - this.openChecks;
  }

  /** Binds 127.0.0.1 on the previous port (restart after "stop") or a fresh one. */
  listen(): Promise<void> {
    if (this.server) return Promise.resolve();
    const server = net.createServer({ noDelay: true }, (socket) => this.onSocket(socket));
    server.maxConnections = 1024;
    this.server = server;
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => {
        this.server = null;
        const { code, message } = describeSocketError(err);
        reject(new EngineError(`endpoint_listen_${code.toLowerCase()}`, `cannot listen on 127.0.0.1:${this.boundPort}: ${message}`, 409, "upstream"));
      };
      server.once("error", onError);
      server.listen({ host: "127.0.0.1", port: this.boundPort, exclusive: true }, () => {
        server.removeListener("error", onError);
        server.on("error", () => {}); // accept errors (EMFILE...) must not crash the engine
        this.boundPort = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  /** Stops accepting and destroys open connections (a crashed server's peers see a reset). */
  stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const { socket } of this.sockets) socket.destroy();
    this.sockets.clear();
    this.openChecks = 0;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  private onSocket(socket: net.Socket): void {
    const open = new OpenSocket(socket);
    this.sockets.add(open);
    const from = socket.remoteAddress;
    const check = from === HEALTH_CHECK_SOURCES.tcp || from === HEALTH_CHECK_SOURCES.http;
    if (from === HEALTH_CHECK_SOURCES.tcp) this.tcpHealthChecks++;
    if (check) this.openChecks++;
    else this.totalConnections++;
    socket.on("error", () => {}); // per-socket errors (resets) are normal for a sandbox server
    // Only a socket still in the set counts down: stop() has already cleared both.
    socket.once("close", () => {
      if (this.sockets.delete(open) && check) this.openChecks--;
    });
    const id = this.ids.next("e");
    const peer = { address: socket.remoteAddress ?? "", port: socket.remotePort ?? 0 };
    this.handlers.accept?.(socket, id);
    if (socket.destroyed) return;

    let buffered: Buffer | null = null;
    const timer = setTimeout(() => socket.destroy(), PEEK_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      buffered = buffered ? Buffer.concat([buffered, chunk]) : chunk;
      const parsed = parseProxyV1(buffered);
      if (parsed.kind === "incomplete") return;
      socket.removeListener("data", onData);
      socket.removeListener("close", onClose);
      clearTimeout(timer);
      socket.pause();
      if (parsed.kind === "invalid") {
        // HAProxy's accept-proxy drops a connection whose header is malformed; so do we.
        socket.destroy();
        return;
      }
      const rest = parsed.kind === "ok" ? buffered.subarray(parsed.length) : buffered;
      if (rest.length > 0) socket.unshift(rest);
      this.handlers.ready(socket, { id, peer, proxy: parsed.kind === "ok" ? parsed.header : null });
    };
    const onClose = () => clearTimeout(timer);
    socket.on("data", onData);
    socket.once("close", onClose);
  }
}
