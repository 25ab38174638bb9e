// The control API: HTTP on loopback, bearer token on everything but GET /v1/health, JSON in and
// out, SSE for events. The web app is its only client. Never crashes on bad input: every request
// ends in a JSON answer with a stable error code, every socket has an error handler.
import http from "node:http";
import type net from "node:net";
import { EngineError } from "./errors";
import { createBearerCheck } from "./auth";
import { createRouter } from "./handlers";
import { sendError, sendJson } from "./respond";
import type { LabManager } from "../lab/lab-manager";
import type { SseOptions } from "../events/sse-writer";

export interface ControlServerOptions {
  token: string;
  manager: LabManager;
  host?: string;
  sse?: SseOptions;
}

export interface ControlServer {
  readonly server: http.Server;
  listen(port: number): Promise<number>;
  /** Stops accepting, ends SSE streams and closes keep-alive connections. Labs are not touched. */
  close(): Promise<void>;
}

export function createControlServer(options: ControlServerOptions): ControlServer {
  const authorized = createBearerCheck(options.token);
  const router = createRouter(options.manager, options.sse);
  const host = options.host ?? "127.0.0.1";

  const server = http.createServer({ maxHeaderSize: 16 * 1024, requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 }, (req, res) => {
    void handle(req, res);
  });
  server.on("connection", (socket: net.Socket) => socket.on("error", () => {}));
  server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    // Malformed HTTP on the control port: a JSON 400 (or 431) where the socket still can.
    if (!socket.writable) return socket.destroy();
    const status = err.code === "HPE_HEADER_OVERFLOW" ? 431 : err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
    const body = JSON.stringify({ error: { code: status === 431 ? "headers_too_large" : status === 408 ? "request_timeout" : "bad_request", message: "malformed HTTP request", origin: "downstream" } });
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.on("error", () => {});
    try {
      const url = new URL(req.url ?? "/", "http://engine.invalid");
      const match = router.match(req.method ?? "GET", url.pathname);
      if (!(match.kind === "found" && match.public) && !authorized(req))
        throw new EngineError("unauthorized", "missing or wrong bearer token (Authorization: Bearer $ENGINE_TOKEN)", 401, "downstream");
      if (match.kind === "none") throw new EngineError("not_found", `no route for ${req.method} ${url.pathname}`, 404, "downstream");
      if (match.kind === "method") {
        sendJson(res, 405, new EngineError("method_not_allowed", `${req.method} is not allowed on ${url.pathname}`, 405, "downstream").toJSON(), {
          allow: match.allow.join(", "),
        });
        return;
      }
      await match.handler({ req, res, params: match.params, url });
    } catch (err) {
      if (res.headersSent) res.destroy();
      else sendError(res, err);
    }
  }

  return {
    server,
    listen(port) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen({ host, port }, () => {
          server.removeListener("error", reject);
          resolve((server.address() as net.AddressInfo).port);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
