// The lab as one nginx.conf: `stream {}` for L4 listeners (ssl_preread for SNI routing,
// proxy_protocol), `http {}` for L7 listeners (see nginx-http.ts). Runs with `nginx -c <file>`.
import type { L4ListenerSpec, LabSpec } from "../api/schema";
import { nginxHttp } from "./nginx-http";
import { nginxUpstream } from "./nginx-upstream";
import { clustersOfLayer, header, ms, resolveOptions, varName, type ExportOptions, type ExportPorts } from "./topology";

const l4Upstream = (cluster: string) => `l4_${cluster}`;

function l4Server(l: L4ListenerSpec, ports: ExportPorts): string[] {
  const port = ports.listeners[l.name] ?? 0;
  const body: string[] = [`listen 127.0.0.1:${port};`];
  const sni = l.sniRoutes ?? [];
  if (sni.length > 0) {
    // ssl_preread reads the ClientHello's server_name without decrypting — the engine's SNI peek.
    body.push("ssl_preread on;", `proxy_pass $ll_${varName(l.name)}_backend;`);
  } else body.push(`proxy_pass ${l4Upstream(l.cluster)};`);
  if (l.tls === "passthrough") body.push("# tls passthrough: the endpoint terminates TLS; nginx only sees ciphertext");
  if (l.proxyProtocol) body.push("proxy_protocol on;  # PROXY protocol v1 header before the client's bytes");
  // Without it nginx closes both sides at the first FIN; the engine passes a half-close on, as
  // HAProxy's tcp mode does, so a client that shuts down its writing still gets the answer.
  body.push("proxy_half_close on;  # a FIN from one side is passed on; the other side may still send");
  body.push("proxy_connect_timeout 1s;", `proxy_timeout ${ms(l.idleTimeoutMs)};  # idle connections close`);
  body.push(l.connectRetries > 0 ? `proxy_next_upstream on;  proxy_next_upstream_tries ${l.connectRetries + 1};  # a refused connect goes to another server` : "proxy_next_upstream off;  # a refused connect closes the client");
  return [`# listener ${l.name}: L4, tls ${l.tls}`, "server {", ...body.map((b) => `    ${b}`), "}"];
}

function sniMap(l: L4ListenerSpec): string[] {
  const routes = l.sniRoutes ?? [];
  if (routes.length === 0) return [];
  const wild = routes.some((r) => r.serverName.startsWith("*."));
  return [
    `map $ssl_preread_server_name $ll_${varName(l.name)}_backend {`,
    ...(wild ? ["    hostnames;  # allows *.example.test keys"] : []),
    ...routes.map((r) => `    ${r.serverName.toLowerCase()} ${l4Upstream(r.cluster)};`),
    `    default ${l4Upstream(l.cluster)};`,
    "}",
  ];
}

function stream(spec: LabSpec, ports: ExportPorts): string[] {
  const l4 = spec.listeners.filter((l): l is L4ListenerSpec => l.layer === "l4");
  if (l4.length === 0) return [];
  const body: string[] = [];
  for (const c of clustersOfLayer(spec, "l4")) body.push(...nginxUpstream(spec, c, ports, "l4", l4Upstream(c.name)));
  for (const l of l4) body.push(...sniMap(l));
  for (const l of l4) body.push(...l4Server(l, ports));
  return ["stream {", ...body.map((b) => `    ${b}`), "}"];
}

export function exportNginx(spec: LabSpec, ports: ExportPorts, options?: ExportOptions): string {
  const o = resolveOptions(spec, options);
  const hasL4 = spec.listeners.some((l) => l.layer === "l4");
  const out: string[] = [
    ...header("nginx", spec).split("\n").map((l) => `# ${l}`),
    `# Check: nginx -t -c <this file>. Certificates: ${o.certDir}/<host>.pem (chain + key), ca.pem.`,
    "",
  ];
  if (hasL4 && o.nginxModulesDir) out.push(`load_module ${o.nginxModulesDir}/ngx_stream_module.so;  # Debian builds stream {} as a module`);
  out.push(
    `worker_processes ${o.workers};`,
    `pid ${o.runtimeDir}/nginx.pid;`,
    "error_log stderr warn;",
    "events {",
    "    worker_connections 4096;",
    "}",
    ...stream(spec, ports),
    ...nginxHttp(spec, ports, o.certDir),
    "",
  );
  return out.join("\n");
}
