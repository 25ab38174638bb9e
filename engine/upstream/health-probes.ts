// The two active probes. Each calls back exactly once with ok/detail and never throws; the
// returned `cancel` destroys the probe's socket (lab deletion, checker stop).
import http from "node:http";
import net from "node:net";
import type tls from "node:tls";
import https from "node:https";
import type { HealthCheck } from "../api/schema";
import { describeSocketError } from "../api/errors";
import type { EndpointRuntime } from "../contracts";

export interface ProbeResult {
  ok: boolean;
  detail: string;
}
export type Cancel = () => void;

/** HTTP checks name themselves, so endpoints can count them apart from the learner's traffic. */
export const HEALTH_CHECK_USER_AGENT = "layerlab-health-check/1";

/**
 * TCP connect check (HAProxy's plain `check`): healthy if the three-way handshake completes.
 * `localAddress` (HEALTH_CHECK_SOURCES.tcp where the OS allows it) lets the endpoint tell it apart.
 */
export function tcpProbe(endpoint: EndpointRuntime, timeoutMs: number, localAddress: string | undefined, done: (r: ProbeResult) => void): Cancel {
  let finished = false;
  const socket = net.connect({ host: endpoint.host, port: endpoint.port, localAddress });
  const finish = (r: ProbeResult) => {
    if (finished) return;
    finished = true;
    socket.destroy();
    done(r);
  };
  socket.setTimeout(timeoutMs, () => finish({ ok: false, detail: `TCP connect timed out after ${timeoutMs} ms` }));
  socket.once("connect", () => finish({ ok: true, detail: "TCP connect succeeded" }));
  socket.once("error", (err) => finish({ ok: false, detail: `TCP connect failed: ${describeSocketError(err).message}` }));
  return () => finish({ ok: false, detail: "cancelled" });
}

/**
 * HTTP check (HAProxy's `option httpchk` + `http-check expect status`): a GET on its own
 * connection, closed afterwards. When the endpoint speaks TLS the check does too, verifying
 * against the lab CA — a check over plain HTTP would fail against a TLS endpoint and say nothing.
 */
export function httpProbe(
  endpoint: EndpointRuntime,
  check: HealthCheck,
  caContext: tls.SecureContext | null,
  localAddress: string | undefined,
  done: (r: ProbeResult) => void,
): Cancel {
  let finished = false;
  const options: https.RequestOptions & tls.ConnectionOptions = {
    host: endpoint.host,
    port: endpoint.port,
    path: check.path,
    method: "GET",
    agent: false,
    localAddress,
    headers: { host: endpoint.serverName, "user-agent": HEALTH_CHECK_USER_AGENT, connection: "close" },
  };
  const useTls = endpoint.tls && caContext !== null;
  if (useTls) {
    options.servername = endpoint.serverName;
    options.secureContext = caContext;
    // A listener endpoint may present any of its virtual hosts' names: verify the chain only.
    if (endpoint.spec.kind === "listener") options.checkServerIdentity = () => undefined;
  }
  const req = (useTls ? https : http).request(options);
  const finish = (r: ProbeResult) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    req.destroy();
    done(r);
  };
  const timer = setTimeout(() => finish({ ok: false, detail: `HTTP check timed out after ${check.timeoutMs} ms` }), check.timeoutMs);
  req.once("response", (res) => {
    res.resume();
    const ok = res.statusCode === check.expectStatus;
    finish({ ok, detail: `GET ${check.path}${useTls ? " over TLS" : ""} answered ${res.statusCode} (expected ${check.expectStatus})` });
  });
  req.once("error", (err) => finish({ ok: false, detail: `HTTP check failed: ${describeSocketError(err).message}` }));
  req.end();
  return () => finish({ ok: false, detail: "cancelled" });
}
