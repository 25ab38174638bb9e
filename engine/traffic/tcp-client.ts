// Raw TCP traffic for tcp-echo endpoints (through an L4 listener): connect, read the endpoint's
// greeting line (it names itself), send the payload and wait for the echo. A keep-alive client
// keeps the connection between exchanges, so it keeps talking to the same endpoint.
import net from "node:net";
import tls from "node:tls";
import { GREETING_PATTERN } from "../sandbox/tcp-echo-endpoint";
import { elapsed, type ExchangeResult } from "./exchange-result";

export interface TcpConnectOptions {
  port: number;
  localAddress: string;
  tls: { servername: string; secureContext: tls.SecureContext; verifyName: boolean } | null;
  timeoutMs: number;
  /** The run's signal: when it fires, the connection is closed and whatever waits on it fails. */
  signal: AbortSignal;
}

/** A connected client with the greeting already read. */
export class TcpClientConnection {
  endpoint: string | null = null;
  local: { address: string; port: number } | null = null;
  private buffer = "";
  private waiter: (() => void) | null = null;
  closed = false;

  private constructor(readonly socket: net.Socket) {
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => {
      this.buffer += d;
      this.waiter?.();
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      this.closed = true;
      this.waiter?.();
    });
  }

  static open(o: TcpConnectOptions, timings: ExchangeResult["timings"], t0: number): Promise<TcpClientConnection> {
    const socket = o.tls
      ? tls.connect({
          host: "127.0.0.1",
          port: o.port,
          localAddress: o.localAddress, // passed through to net.connect, missing from the TLS typings
          servername: o.tls.servername,
          secureContext: o.tls.secureContext,
          ...(o.tls.verifyName ? {} : { checkServerIdentity: () => undefined }),
        } as tls.ConnectionOptions)
      : net.connect({ host: "127.0.0.1", port: o.port, localAddress: o.localAddress, noDelay: true });
    const conn = new TcpClientConnection(socket);
    const onAbort = () => socket.destroy();
    if (o.signal.aborted) onAbort();
    else o.signal.addEventListener("abort", onAbort, { once: true });
    return new Promise((resolve, reject) => {
      socket.once("close", () => {
        o.signal.removeEventListener("abort", onAbort);
        // Closed before it was ready (the run stopped, or the proxy hung up without an error);
        // once open() has resolved this changes nothing.
        reject(Object.assign(new Error("connection closed before the endpoint's greeting"), { code: "ECONNRESET" }));
      });
      socket.once("connect", () => {
        timings.connectMs = elapsed(t0);
        conn.local = { address: socket.localAddress ?? "", port: socket.localPort ?? 0 };
      });
      socket.once(o.tls ? "secureConnect" : "connect", () => {
        if (o.tls) timings.tlsMs = elapsed(t0);
        conn
          .readUntil((b) => b.includes("\n"), o.timeoutMs)
          .then(() => {
            const m = GREETING_PATTERN.exec(conn.buffer);
            conn.endpoint = m?.[1] ?? null;
            conn.buffer = m ? conn.buffer.slice(m[0].length) : conn.buffer.slice(conn.buffer.indexOf("\n") + 1);
            resolve(conn);
          }, reject);
      });
      socket.once("error", reject);
    });
  }

  /** Sends `payload` and resolves when as many bytes came back. */
  async exchange(payload: string, timeoutMs: number): Promise<string> {
    this.socket.write(payload);
    await this.readUntil((b) => b.length >= payload.length || b.startsWith("ERROR "), timeoutMs);
    const out = this.buffer.slice(0, payload.length);
    this.buffer = this.buffer.slice(out.length);
    return out;
  }

  private readUntil(done: (buffer: string) => boolean, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (done(this.buffer)) {
          cleanup();
          resolve();
        } else if (this.closed) {
          cleanup();
          reject(Object.assign(new Error("connection closed by the proxy or endpoint"), { code: "ECONNRESET" }));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "TIMEOUT" }));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiter = null;
      };
      this.waiter = check;
      check();
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

