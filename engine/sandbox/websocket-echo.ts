// WebSocket side of an http endpoint (RFC 6455), via the `ws` package: each message is answered
// with a JSON echo naming the endpoint and its connection, so a learner can see that a WebSocket
// keeps talking to the one endpoint it was upgraded on.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { ServerRequest } from "../http1/server-connection";
import { WebSocketServer } from "ws";
import { LIMITS } from "../api/schema";

export interface WebSocketEchoOptions {
  endpoint: string;
}

export class WebSocketEcho {
  private readonly wss: WebSocketServer;

  constructor(private readonly options: WebSocketEchoOptions) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.bodyBytes, clientTracking: true, perMessageDeflate: false });
    // Name the endpoint on the 101 response too, like every HTTP answer (x-served-by).
    this.wss.on("headers", (headers) => headers.push(`x-served-by: ${options.endpoint}`));
  }

  upgrade(req: ServerRequest, socket: Duplex, head: Buffer, connectionId: string): void {
    // ws reads only the method, url and headers of the request it is handed.
    const asIncoming = { method: req.method, url: req.url, headers: req.headers } as unknown as IncomingMessage;
    this.wss.handleUpgrade(asIncoming, socket, head, (ws) => {
      ws.on("error", () => {});
      let seq = 0;
      ws.on("message", (data, isBinary) => {
        const message = isBinary ? Buffer.from(data as Buffer).toString("base64") : String(data);
        ws.send(JSON.stringify({ endpoint: this.options.endpoint, connectionId, seq: ++seq, path: req.url, message }));
      });
    });
  }

  /** Refuses an upgrade the way a real server does: an HTTP status and a closed connection. */
  static reject(socket: Duplex, status: number, endpoint: string): void {
    const body = JSON.stringify({ endpoint, error: "injected fault", status });
    socket.end(
      `HTTP/1.1 ${status} Injected Fault\r\nx-served-by: ${endpoint}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }

  closeAll(): void {
    for (const ws of this.wss.clients) ws.terminate();
  }

  close(): Promise<void> {
    this.closeAll();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}
