// The lab as one haproxy.cfg: a frontend per listener (`mode tcp` for L4, `mode http` for L7),
// a backend per cluster and layer. Check it with `haproxy -c -f <file>`.
import type { L4ListenerSpec, L7ListenerSpec, LabSpec } from "../api/schema";
import { LIMITS } from "../api/schema";
import { haproxyBackend, type BackendUse } from "./haproxy-backend";
import { certFile, clusterByName, header, ms, q, resolveOptions, type ExportOptions, type ExportPorts } from "./topology";

const NO_ROUTE = "ll_no_route";

function backendName(layer: "l4" | "l7", cluster: string, proxyProtocol: boolean, reencrypt: boolean, connectRetries = 0): string {
  return `${layer === "l4" ? "l4_" : ""}${cluster}${proxyProtocol ? "_pp" : ""}${reencrypt ? "_tls" : ""}${layer === "l4" ? `_r${connectRetries}` : ""}`;
}

/** HAProxy host acl: Host header without port, exact or one-label wildcard. */
function hostAcl(host: string): string {
  const h = host.toLowerCase();
  return h.startsWith("*.") ? `req.hdr(host),field(1,:),lower -m end ${h.slice(1)}` : `req.hdr(host),field(1,:),lower -m str ${h}`;
}

function l7Frontend(l: L7ListenerSpec, port: number, certDir: string, register: (b: BackendUse) => string, spec: LabSpec): string[] {
  const reencrypt = l.tls === "reencrypt";
  // Several `crt`: HAProxy picks by the SNI name against each certificate's names; the first is
  // the default (like the engine's first virtual host).
  const bind = `bind 127.0.0.1:${port}${l.tls !== "none" ? ` ssl ${l.hostnames.map((h) => `crt ${certFile(certDir, h)}`).join(" ")} alpn http/1.1${l.sessionResumption === false ? " no-tls-tickets" : ""}` : ""}`;
  const lines = [
    "mode http",
    bind,
    "option forwardfor  # appends X-Forwarded-For",
    `http-request set-header X-Forwarded-Proto ${l.tls === "none" ? "http" : "https"}`,
    `http-request add-header Via "1.1 layerlab-${l.name}"`,
    "# keep a sane incoming X-Request-Id, else generate one (the engine does the same)",
    "acl ll_rid_ok req.hdr(x-request-id) -m reg ^[A-Za-z0-9._:-]{1,128}$",
    "http-request set-var(txn.ll_rid) req.hdr(x-request-id) if ll_rid_ok",
    "http-request set-var(txn.ll_rid) uuid unless ll_rid_ok",
    "http-request set-header X-Request-Id %[var(txn.ll_rid)]",
    "http-response set-header X-Request-Id %[var(txn.ll_rid)]",
  ];
  // First match wins: HAProxy evaluates use_backend rules in order, like the engine.
  l.routes.forEach((r, i) => {
    const acls: string[] = [];
    const m = r.match;
    const acl = (name: string, test: string) => {
      lines.push(`acl ${name} ${test}`);
      acls.push(name);
    };
    if (m.pathPrefix) acl(`r${i}_path`, `path_beg ${q(m.pathPrefix)}`);
    if (m.host) acl(`r${i}_host`, hostAcl(m.host));
    if (m.header) acl(`r${i}_hdr`, `req.hdr(${m.header.name}) -m str ${q(m.header.value)}`);
    if (m.cookie) acl(`r${i}_cook`, `req.cook(${m.cookie.name}) -m str ${q(m.cookie.value)}`);
    const target = register({ name: backendName("l7", r.cluster, false, reencrypt), cluster: clusterByName(spec, r.cluster), layer: "l7", proxyProtocol: false, reencrypt });
    lines.push(`use_backend ${target}${acls.length ? ` if ${acls.join(" ")}` : ""}  # route ${r.name ?? `#${i}`}`);
  });
  lines.push(`default_backend ${NO_ROUTE}`);
  return [`frontend ${l.name}`, ...lines.map((x) => `    ${x}`), ""];
}

function l4Frontend(l: L4ListenerSpec, port: number, register: (b: BackendUse) => string, spec: LabSpec): string[] {
  const lines = ["mode tcp", `bind 127.0.0.1:${port}`, `timeout client ${ms(l.idleTimeoutMs)}  # idle connections close`];
  const backend = (cluster: string) =>
    register({ name: backendName("l4", cluster, l.proxyProtocol, false, l.connectRetries), cluster: clusterByName(spec, cluster), layer: "l4", proxyProtocol: l.proxyProtocol, reencrypt: false, connectRetries: l.connectRetries });
  if (l.tls === "passthrough") lines.push("# tls passthrough: the endpoint terminates TLS; HAProxy only sees ciphertext");
  if (l.sniRoutes?.length) {
    lines.push(
      "# SNI peek: wait (at most 5 s) for a ClientHello, read its server_name without decrypting",
      "tcp-request inspect-delay 5s",
      "tcp-request content accept if { req.ssl_hello_type 1 }",
    );
    for (const r of l.sniRoutes) {
      const h = r.serverName.toLowerCase();
      lines.push(`use_backend ${backend(r.cluster)} if { req.ssl_sni -i ${h.startsWith("*.") ? `-m end ${h.slice(1)}` : h} }`);
    }
  }
  lines.push(`default_backend ${backend(l.cluster)}`);
  return [`frontend ${l.name}`, ...lines.map((x) => `    ${x}`), ""];
}

export function exportHaproxy(spec: LabSpec, ports: ExportPorts, options?: ExportOptions): string {
  const o = resolveOptions(spec, options);
  const backends = new Map<string, BackendUse>();
  const register = (b: BackendUse) => {
    if (!backends.has(b.name)) backends.set(b.name, b);
    return b.name;
  };
  const frontends: string[] = [];
  for (const l of spec.listeners) {
    const port = ports.listeners[l.name] ?? 0;
    frontends.push(...(l.layer === "l4" ? l4Frontend(l, port, register, spec) : l7Frontend(l, port, o.certDir, register, spec)));
  }
  const hasL7 = spec.listeners.some((l) => l.layer === "l7");
  // HAProxy's session cache is global: with it on, a bind line's `no-tls-tickets` only moves
  // resumption from tickets to session IDs.
  const noResumption = spec.listeners.some((l) => l.layer === "l7" && l.tls !== "none" && l.sessionResumption === false);
  const out = [
    ...header("HAProxy", spec).split("\n").map((l) => `# ${l}`),
    `# Check: haproxy -c -f <this file>. Certificates: ${o.certDir}/<host>.pem (chain + key), ca.pem.`,
    "",
    "global",
    "    maxconn 4096",
    `    nbthread ${o.workers}`,
    `    pidfile ${o.runtimeDir}/haproxy.pid`,
    `    tune.bufsize ${Math.max(16384, LIMITS.headerBytes * 2)}`,
    "    ssl-default-bind-options ssl-min-ver TLSv1.2",
    ...(noResumption ? ["    tune.ssl.cachesize 0  # no TLS session cache: a listener asks for no session resumption (this holds for every bind)"] : []),
    "",
    "defaults",
    "    timeout connect 1s",
    "    timeout client 30s",
    "    timeout server 30s",
    "    timeout http-request 10s  # slow clients: 408",
    "    timeout http-keep-alive 15s",
    "    timeout tunnel 60s  # WebSocket after the 101",
    "",
    ...frontends,
    ...[...backends.values()].flatMap((b) => haproxyBackend(spec, b, ports, o.certDir)),
  ];
  if (hasL7)
    out.push(
      `backend ${NO_ROUTE}`,
      "    mode http",
      `    http-request return status 404 content-type application/json string ${q(JSON.stringify({ error: { code: "LL_PROXY_NO_ROUTE", message: "no route matches this request", origin: "proxy" } }))}`,
      "",
    );
  return out.join("\n");
}
