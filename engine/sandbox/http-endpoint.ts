// An HTTP/1.1 (or HTTPS) endpoint that echoes what it received as JSON, names itself in
// `x-served-by`, accepts WebSocket upgrades, and obeys its fault (error status, latency; "down"
// is handled by the front). `GET /health` is an ordinary request here on purpose: a health check
// sees exactly what the traffic sees, so an endpoint in "error" mode fails an HTTP check while a
// TCP-connect check still passes — the lesson of health.json.
import http from "node:http";
import type net from "node:net";
import tls from "node:tls";
import { LIMITS } from "../api/schema";
import type { FrontConnection } from "./connection-front";
import { buildEcho, flatHeaders } from "./echo";
import { SandboxEndpoint } from "./sandbox-endpoint";
import { WebSocketEcho } from "./websocket-echo";

export class HttpEndpoint extends SandboxEndpoint {
  private readonly server: http.Server;
  private readonly ws: WebSocketEcho;
  private secureContext: tls.SecureContext | null = null;
  /** The connection a request arrived on: the socket handed to the http server → its metadata. */
  private readonly conns = new WeakMap<object, FrontConnection>();

  constructor(...args: ConstructorParameters<typeof SandboxEndpoint>) {
    super(...args);
    this.server = http.createServer({ maxHeaderSize: LIMITS.headerBytes, keepAliveTimeout: 5000, requestTimeout: 30_000, headersTimeout: 10_000 }, (req, res) =>
      this.onRequest(req, res),
    );
    // The server never listens itself (the front hands it sockets), so Node's periodic
    // connection checks do not run; an idle-socket timeout bounds slow clients instead.
    this.server.timeout = 30_000;
    this.server.on("clientError", (_err, socket) => socket.destroy());
    this.server.on("upgrade", (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => this.onUpgrade(req, socket, head));
    this.ws = new WebSocketEcho({ endpoint: this.name });
  }

  protected override async prepare(): Promise<void> {
    if (!this.spec.tls) return;
    const { keyPem, certPem } = await this.ctx.ca.issue([this.serverName]);
    this.secureContext = tls.createSecureContext({ key: keyPem, cert: certPem });
  }

  protected override onReady(socket: net.Socket, conn: FrontConnection): void {
    if (this.secureContext) {
      // Terminate TLS ourselves (rather than with https.Server) so the PROXY header could be
      // stripped first; Node feeds the already-buffered bytes into the handshake.
      const secure = new tls.TLSSocket(socket, { isServer: true, secureContext: this.secureContext });
      secure.on("error", () => {});
      this.conns.set(secure, conn);
      this.server.emit("connection", secure);
      return;
    }
    this.conns.set(socket, conn);
    this.server.emit("connection", socket);
    socket.resume();
  }

  protected override async closeExtras(): Promise<void> {
    await this.ws.close();
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.requests++;
    const conn = this.conns.get(req.socket);
    if (!conn) {
      res.destroy();
      return;
    }
    this.emitRequest(req, conn);
    const length = req.headers["content-length"];
    const hasBody = (length !== undefined && length !== "0") || req.headers["transfer-encoding"] !== undefined;
    if (!hasBody) return this.afterLatency(() => this.respond(req, res, conn, ""));

    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > LIMITS.bodyBytes) {
        req.removeAllListeners("data");
        res.writeHead(413, { "content-type": "application/json", "x-served-by": this.name, connection: "close" });
        res.end(JSON.stringify({ endpoint: this.name, error: `body larger than ${LIMITS.bodyBytes} bytes` }));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > LIMITS.bodyBytes) return;
      this.afterLatency(() => this.respond(req, res, conn, Buffer.concat(chunks).toString("utf8")));
    });
  }

  private respond(req: http.IncomingMessage, res: http.ServerResponse, conn: FrontConnection, body: string): void {
    if (res.writableEnded || res.destroyed) return;
    const fault = this.fault;
    const echo = buildEcho(this.name, conn, req, body);
    const status = fault.mode === "error" ? fault.status : 200;
    const payload = JSON.stringify(fault.mode === "error" ? { ...echo, fault: "error", status } : echo);
    res.writeHead(status, { "content-type": "application/json", "x-served-by": this.name, "content-length": Buffer.byteLength(payload) });
    res.end(req.method === "HEAD" ? undefined : payload);
  }

  private onUpgrade(req: http.IncomingMessage, socket: net.Socket, head: Buffer): void {
    socket.on("error", () => {});
    this.requests++;
    const conn = this.conns.get(socket);
    if (!conn || (req.headers.upgrade ?? "").toLowerCase() !== "websocket") {
      socket.destroy();
      return;
    }
    this.emitRequest(req, conn);
    this.afterLatency(() => {
      if (socket.destroyed) return;
      if (this.fault.mode === "error") return WebSocketEcho.reject(socket, this.fault.status, this.name);
      this.ws.upgrade(req, socket, head, conn.id);
    });
  }

  private emitRequest(req: http.IncomingMessage, conn: FrontConnection): void {
    if (!this.ctx.events.wants("endpoint.request")) return;
    this.ctx.events.emit({
      type: "endpoint.request",
      endpoint: this.name,
      connectionId: conn.id,
      method: req.method ?? "",
      path: req.url ?? "",
      peer: conn.peer,
      encrypted: this.secureContext !== null,
      headers: flatHeaders(req.headers),
      proxyProtocol: conn.proxy?.raw ?? null,
    });
  }
}
