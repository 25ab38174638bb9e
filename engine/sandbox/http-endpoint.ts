// An HTTP/1.1 (or HTTPS) endpoint that echoes what it received as JSON, names itself in
// `x-served-by`, accepts WebSocket upgrades, and obeys its fault (error status, latency; "down"
// is handled by the front). `GET /health` is an ordinary request here on purpose: a health check
// sees exactly what the traffic sees, so an endpoint in "error" mode fails an HTTP check while a
// TCP-connect check still passes — the lesson of health.json.
import type net from "node:net";
import tls from "node:tls";
import { LIMITS } from "../api/schema";
import type { FrontConnection } from "./connection-front";
import { ConnectionEcho } from "./echo";
import { flatHeaders } from "../http1/flat-headers";
import { HttpServerConnection, type Answer, type HttpServerHandlers, type HttpServerLimits, type Refusal, type ServerRequest, type ServerResponse } from "../http1/server-connection";
import { DeadlineSweep } from "../http1/deadline-sweep";
import { reasonPhrase } from "../http1/reason-phrases";
import { HEALTH_CHECK_USER_AGENT } from "../upstream/health-probes";
import { SandboxEndpoint } from "./sandbox-endpoint";
import { WebSocketEcho } from "./websocket-echo";

const SERVER_LIMITS: HttpServerLimits = {
  maxHeaderBytes: LIMITS.headerBytes,
  maxBodyBytes: LIMITS.bodyBytes,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
};

export class HttpEndpoint extends SandboxEndpoint {
  private readonly ws: WebSocketEcho;
  private secureContext: tls.SecureContext | null = null;
  /** A client that stalls mid-request sends no event: deadlines need a clock. */
  private readonly sweep = new DeadlineSweep(1000);

  constructor(...args: ConstructorParameters<typeof SandboxEndpoint>) {
    super(...args);
    this.ws = new WebSocketEcho({ endpoint: this.name });
  }

  protected override async prepare(): Promise<void> {
    if (!this.spec.tls) return;
    const { keyPem, certPem } = await this.ctx.ca.issue([this.serverName]);
    this.secureContext = tls.createSecureContext({ key: keyPem, cert: certPem });
  }

  protected override onReady(socket: net.Socket, conn: FrontConnection): void {
    if (this.secureContext) {
      // Terminate TLS ourselves so the PROXY header could be stripped first; Node feeds the
      // already-buffered bytes into the handshake.
      const secure = new tls.TLSSocket(socket, { isServer: true, secureContext: this.secureContext });
      secure.on("error", () => {});
      // A handshake that stalls is dropped like a stalled head (the HTTP side times out after).
      const stalled = () => secure.destroy();
      secure.setTimeout(SERVER_LIMITS.headersTimeoutMs);
      secure.once("timeout", stalled);
      secure.once("secure", () => {
        // Off, not only unheard: a socket timeout re-arms its timer on every read and write.
        secure.setTimeout(0);
        secure.removeListener("timeout", stalled);
        const version = secure.getProtocol();
        const sni = (secure as tls.TLSSocket & { servername?: string | false }).servername;
        this.serve(secure, conn, { sni: typeof sni === "string" ? sni : null, version: typeof version === "string" ? version : null });
      });
      return;
    }
    this.serve(socket, conn, null);
    socket.resume();
  }

  protected override async closeExtras(): Promise<void> {
    this.sweep.stop();
    await this.ws.close();
  }

  private serve(socket: net.Socket, conn: FrontConnection, tlsInfo: { sni: string | null; version: string | null } | null): void {
    new HttpServerConnection(socket, SERVER_LIMITS, new EndpointHttp(this, conn, new ConnectionEcho(this.name, conn, tlsInfo)), this.sweep);
  }

  /** @internal (EndpointHttp) One request: echo it after the fault's latency. */
  answer(req: ServerRequest, res: ServerResponse, conn: FrontConnection, echo: ConnectionEcho): void {
    if (req.headers["user-agent"] === HEALTH_CHECK_USER_AGENT) this.healthChecks++;
    else this.requests++;
    this.emitRequest(req, conn);
    this.afterLatency(() => {
      const fault = this.fault;
      const status = fault.mode === "error" ? fault.status : 200;
      const body = echo.json(req, req.body === null ? "" : req.body.toString("utf8"), fault.mode === "error" ? status : null);
      res.writeHead(status, status === 200 ? "OK" : "Injected Fault", ["content-type", "application/json", "x-served-by", this.name, "content-length", String(Buffer.byteLength(body))]);
      res.end(body);
    });
  }

  /** @internal (EndpointHttp) */
  onUpgrade(req: ServerRequest, socket: net.Socket, head: Buffer, conn: FrontConnection): void {
    this.requests++;
    if ((req.headers.upgrade ?? "").toString().toLowerCase() !== "websocket") {
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

  private emitRequest(req: ServerRequest, conn: FrontConnection): void {
    if (!this.ctx.events.wants("endpoint.request")) return;
    this.ctx.events.emit({
      type: "endpoint.request",
      endpoint: this.name,
      connectionId: conn.id,
      method: req.method,
      path: req.url,
      peer: conn.peer,
      encrypted: this.secureContext !== null,
      headers: flatHeaders(req.headers),
      proxyProtocol: conn.proxy?.raw ?? null,
    });
  }
}

/** One connection's HTTP handlers: an object, not closures, per connection. */
class EndpointHttp implements HttpServerHandlers {
  constructor(
    private readonly endpoint: HttpEndpoint,
    private readonly conn: FrontConnection,
    private readonly echo: ConnectionEcho,
  ) {}

  onRequest(req: ServerRequest, res: ServerResponse): void {
    this.endpoint.answer(req, res, this.conn, this.echo);
  }

  onUpgrade(req: ServerRequest, socket: net.Socket, head: Buffer): void {
    this.endpoint.onUpgrade(req, socket, head, this.conn);
  }

  refuse(status: Refusal, detail: string): Answer {
    const name = this.endpoint.name;
    const reason = reasonPhrase(status);
    return { status, reason, headers: ["content-type", "application/json", "x-served-by", name], body: JSON.stringify({ endpoint: name, error: reason, detail }) };
  }
}
