// One WebSocket session from a simulated client (RFC 6455): upgrade, send `messages` messages one
// at a time waiting for each echo, close. The 101 response names the endpoint (x-served-by), and
// every echo must come from that same endpoint — a WebSocket is one long connection.
import type tls from "node:tls";
import WebSocket from "ws";
import { elapsed, exchangeError, type ExchangeResult } from "./exchange-result";
import { stopOf } from "./run-stop";

export interface WebSocketSessionOptions {
  port: number;
  localAddress: string;
  tls: { servername: string; secureContext: tls.SecureContext; verifyName: boolean } | null;
  path: string;
  headers: Record<string, string>;
  messages: number;
  text: string;
  timeoutMs: number;
  signal: AbortSignal;
}

export function websocketSession(o: WebSocketSessionOptions): Promise<ExchangeResult> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const timings: ExchangeResult["timings"] = { totalMs: 0 };
    let status: number | null = null;
    let endpoint: string | null = null;
    let local: ExchangeResult["local"] = null;
    let settled = false;
    const url = `${o.tls ? "wss" : "ws"}://127.0.0.1:${o.port}${o.path}`;
    const ws = new WebSocket(url, {
      headers: o.headers,
      localAddress: o.localAddress,
      handshakeTimeout: o.timeoutMs,
      perMessageDeflate: false,
      ...(o.tls ? { servername: o.tls.servername, secureContext: o.tls.secureContext, ...(o.tls.verifyName ? {} : { checkServerIdentity: () => undefined }) } : {}),
    } as WebSocket.ClientOptions);
    const finish = (error?: { code: string; message: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal.removeEventListener("abort", onAbort);
      timings.totalMs = elapsed(t0);
      if (error) ws.terminate();
      else ws.close(1000);
      resolve({ status, endpoint, requestId: null, local, timings, ...(error ? { error } : {}) });
    };
    const onAbort = () => finish(stopOf(o.signal));
    o.signal.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => finish({ code: "TIMEOUT", message: `WebSocket session not done within ${o.timeoutMs} ms` }), o.timeoutMs);
    ws.on("upgrade", (res) => {
      timings.firstByteMs = elapsed(t0);
      status = res.statusCode ?? 101;
      const served = res.headers["x-served-by"];
      endpoint = typeof served === "string" ? served : null;
      const s = res.socket;
      if (s?.localAddress) local = { address: s.localAddress, port: s.localPort ?? 0 };
    });
    ws.on("unexpected-response", (_req, res) => {
      status = res.statusCode ?? null;
      const served = res.headers["x-served-by"];
      endpoint = typeof served === "string" ? served : null;
      if (res.socket?.localAddress) local = { address: res.socket.localAddress, port: res.socket.localPort ?? 0 };
      res.resume();
      finish({ code: "WS_UPGRADE_REFUSED", message: `upgrade answered ${res.statusCode}` });
    });
    let sent = 0;
    const sendNext = () => {
      if (sent >= o.messages) return finish();
      sent++;
      ws.send(o.text);
    };
    ws.on("open", sendNext);
    ws.on("message", (data) => {
      try {
        const echo = JSON.parse(String(data)) as { endpoint?: string };
        if (endpoint && echo.endpoint && echo.endpoint !== endpoint)
          return finish({ code: "WS_ENDPOINT_CHANGED", message: `echo came from ${echo.endpoint}, upgrade from ${endpoint}` });
        endpoint ??= echo.endpoint ?? null;
      } catch {
        // a non-JSON echo is still an echo
      }
      sendNext();
    });
    ws.on("error", (err) => finish(exchangeError(err)));
    ws.on("close", () => {
      if (sent < o.messages || !settled) finish(sent < o.messages ? { code: "WS_CLOSED", message: "closed before every message was echoed" } : undefined);
    });
  });
}
