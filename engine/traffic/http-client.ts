// One HTTP(S) request from a simulated client, with Node's http.request: keep-alive clients
// share a per-client Agent with one socket (so all their requests ride one connection, the way
// a browser tab reuses one), per-request clients use `agent: false` (a fresh connection and
// `Connection: close`). Timings mirror curl's -w fields: connect, TLS, first byte, total.
import http from "node:http";
import https from "node:https";
import type net from "node:net";
import type tls from "node:tls";
import { LIMITS } from "../api/schema";
import { elapsed, exchangeError, type ExchangeResult } from "./exchange-result";
import { stopOf } from "./run-stop";

export interface HttpRequestOptions {
  port: number;
  localAddress: string;
  agent: http.Agent | false;
  tls: { servername: string; secureContext: tls.SecureContext; verifyName: boolean } | null;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  timeoutMs: number;
  signal: AbortSignal;
}

export interface HttpOutcome extends ExchangeResult {
  setCookie: string[] | undefined;
}

export function httpExchange(o: HttpRequestOptions): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const timings: HttpOutcome["timings"] = { totalMs: 0 };
    let local: HttpOutcome["local"] = null;
    let settled = false;
    const finish = (r: Omit<HttpOutcome, "timings" | "local">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal.removeEventListener("abort", onAbort);
      timings.totalMs = elapsed(t0);
      resolve({ ...r, local, timings });
    };
    const options: https.RequestOptions & tls.ConnectionOptions = {
      host: "127.0.0.1",
      port: o.port,
      method: o.method,
      path: o.path,
      headers: o.headers,
      agent: o.agent,
      localAddress: o.localAddress,
    };
    if (o.tls) {
      options.servername = o.tls.servername;
      options.secureContext = o.tls.secureContext;
      if (!o.tls.verifyName) options.checkServerIdentity = () => undefined;
    }
    const req = (o.tls ? https : http).request(options);
    const onAbort = () => {
      req.destroy();
      finish({ status: null, endpoint: null, requestId: null, setCookie: undefined, error: stopOf(o.signal) });
    };
    const timer = setTimeout(() => {
      req.destroy();
      finish({ status: null, endpoint: null, requestId: null, setCookie: undefined, error: { code: "TIMEOUT", message: `no complete response within ${o.timeoutMs} ms` } });
    }, o.timeoutMs);
    o.signal.addEventListener("abort", onAbort, { once: true });
    req.on("socket", (socket: net.Socket) => {
      const remember = () => {
        if (socket.localAddress) local = { address: socket.localAddress, port: socket.localPort ?? 0 };
      };
      if (socket.connecting) {
        socket.once("connect", () => {
          timings.connectMs = elapsed(t0);
          remember();
        });
        if (o.tls) socket.once("secureConnect", () => (timings.tlsMs = elapsed(t0)));
      } else remember();
    });
    req.once("response", (res) => {
      timings.firstByteMs = elapsed(t0);
      if (res.socket?.localAddress) local = { address: res.socket.localAddress, port: res.socket.localPort ?? 0 };
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size <= LIMITS.bodyBytes) chunks.push(c);
      });
      res.once("end", () => {
        const served = res.headers["x-served-by"];
        let requestId = (res.headers["x-request-id"] as string | undefined) ?? null;
        if (requestId === null && String(res.headers["content-type"] ?? "").includes("json")) {
          try {
            const echo = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { headers?: Record<string, unknown> };
            const fromEcho = echo.headers?.["x-request-id"];
            if (typeof fromEcho === "string") requestId = fromEcho;
          } catch {
            // not an echo (a proxy's own error page): no request id to report
          }
        }
        finish({ status: res.statusCode ?? null, endpoint: typeof served === "string" ? served : null, requestId, setCookie: res.headers["set-cookie"] });
      });
      res.once("error", (err) => finish({ status: res.statusCode ?? null, endpoint: null, requestId: null, setCookie: undefined, error: exchangeError(err) }));
    });
    req.once("error", (err) => finish({ status: null, endpoint: null, requestId: null, setCookie: undefined, error: exchangeError(err) }));
    if (o.body !== undefined) req.end(o.body);
    else req.end();
  });
}
