// The `http {}` half of the nginx export: L7 listeners as server blocks, routes as locations,
// header/cookie conditions as `map`s, clusters as upstreams with keep-alive pools.
import type { ClusterSpec, L7ListenerSpec, LabSpec, RouteSpec } from "../api/schema";
import { LIMITS } from "../api/schema";
import { nginxUpstream } from "./nginx-upstream";
import { isConditional, planServers, type LocationPlan, type PlannedRoute } from "./route-plan";
import { caFile, certFile, clusterByName, clustersOfLayer, members, ms, q, serverNameOf, varName, type ExportPorts } from "./topology";

const routeVar = (l: L7ListenerSpec, r: PlannedRoute) => `$ll_${varName(l.name)}_route${r.index}`;

/** One map per header/cookie route: 1 when its conditions hold (nginx has no AND in `if`). */
function routeMaps(l: L7ListenerSpec): string[] {
  const out: string[] = [];
  l.routes.forEach((spec, index) => {
    if (!isConditional(spec)) return;
    const src: string[] = [];
    const want: string[] = [];
    if (spec.match.header) {
      src.push(`$http_${varName(spec.match.header.name)}`);
      want.push(spec.match.header.value);
    }
    // nginx variables cannot contain "-": a cookie like "ab-test" is unreachable as $cookie_ab-test.
    if (spec.match.cookie) {
      src.push(`$cookie_${varName(spec.match.cookie.name)}`);
      want.push(spec.match.cookie.value);
    }
    out.push(
      `# route ${spec.name ?? `#${index}`} of listener ${l.name}: ${describe(spec)}`,
      `map ${q(src.join("|"))} ${routeVar(l, { index, spec })} {`,
      `    ${q(want.join("|"))} 1;`,
      `    default 0;`,
      `}`,
    );
  });
  return out;
}

function describe(r: RouteSpec): string {
  const m = r.match;
  const parts = [m.pathPrefix && `path ${m.pathPrefix}*`, m.host && `host ${m.host}`, m.header && `header ${m.header.name}: ${m.header.value}`, m.cookie && `cookie ${m.cookie.name}=${m.cookie.value}`].filter(Boolean);
  return `${parts.length ? parts.join(" and ") : "everything"} → ${r.cluster}`;
}

function proxyDirectives(spec: LabSpec, c: ClusterSpec, l: L7ListenerSpec, ports: ExportPorts, certDir: string): string[] {
  const t = c.timeouts;
  const r = c.retries;
  const on = r ? [...(r.on.includes("connect-failure") ? ["error", "timeout"] : []), ...(r.on.includes("5xx") ? ["http_500", "http_502", "http_503", "http_504"] : [])] : [];
  const lines = [
    "proxy_http_version 1.1;",
    "proxy_set_header Host $http_host;",
    "proxy_set_header Connection $ll_connection_upgrade;  # \"\" keeps upstream keep-alive; \"upgrade\" for WebSocket",
    "proxy_set_header Upgrade $http_upgrade;",
    "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
    "proxy_set_header X-Forwarded-Proto $scheme;",
    "proxy_set_header X-Request-Id $ll_request_id;",
    `proxy_set_header Via $ll_via_${varName(l.name)};`,
    "add_header X-Request-Id $ll_request_id always;",
    `proxy_connect_timeout ${ms(t?.connectMs ?? 1000)};`,
    `proxy_read_timeout ${ms(t?.responseMs ?? 5000)};`,
    // nginx never retries POST/PATCH/LOCK unless `non_idempotent` is listed — the engine's rule.
    r ? `proxy_next_upstream ${on.join(" ")};` : "proxy_next_upstream off;  # no retries configured",
  ];
  if (r) lines.push(`proxy_next_upstream_tries ${r.attempts + 1};  # first try + ${r.attempts} retr${r.attempts === 1 ? "y" : "ies"}`);
  if (l.tls === "reencrypt") {
    const names = [...new Set(members(spec, c, ports).map((m) => serverNameOf(m.spec)))];
    lines.push(
      "proxy_ssl_verify on;  # reencrypt: verify the endpoint against the lab CA only",
      `proxy_ssl_trusted_certificate ${caFile(certDir)};`,
      "proxy_ssl_server_name on;",
      `proxy_ssl_name ${names[0]};`,
      "proxy_ssl_session_reuse on;",
    );
    if (names.length > 1) lines.push(`# nginx checks one name per location; HAProxy's per-server verifyhost can check ${names.join(", ")} each.`);
  }
  return lines;
}

function location(spec: LabSpec, l: L7ListenerSpec, loc: LocationPlan, ports: ExportPorts, certDir: string): string[] {
  const head = loc.prefix === "/" ? "location / {" : `location ^~ ${q(loc.prefix)} {`;
  const firstPlain = loc.routes.findIndex((r) => !isConditional(r.spec));
  const relevant = firstPlain >= 0 ? loc.routes.slice(0, firstPlain + 1) : loc.routes;
  if (relevant.length === 0) return [head, `    return 404;  # no route matches (engine: LL_PROXY_NO_ROUTE)`, "}"];
  const body: string[] = relevant.map((r) => `# route ${r.spec.name ?? `#${r.index}`}: ${describe(r.spec)}`);
  const clusters = [...new Set(relevant.map((r) => r.spec.cluster))];
  const scheme = l.tls === "reencrypt" ? "https" : "http";
  if (relevant.length === 1 && firstPlain === 0) body.push(`proxy_pass ${scheme}://${relevant[0]!.spec.cluster};`);
  else {
    // First match wins: assign in reverse so the earliest matching route is the last `set`.
    body.push(`set $ll_backend ${firstPlain >= 0 ? relevant[firstPlain]!.spec.cluster : '""'};`);
    for (const r of [...relevant].reverse()) if (isConditional(r.spec)) body.push(`if (${routeVar(l, r)} = 1) { set $ll_backend ${r.spec.cluster}; }`);
    if (firstPlain < 0) body.push(`if ($ll_backend = "") { return 404; }`);
    body.push(`proxy_pass ${scheme}://$ll_backend;  # a variable naming an upstream block`);
  }
  // Settings follow the location's fallback route (the one most requests take).
  const primary = firstPlain >= 0 ? relevant[firstPlain]!.spec.cluster : clusters[0]!;
  if (clusters.length > 1) body.push(`# timeouts/retries below are cluster ${primary}'s; nginx sets them per location, not per upstream`);
  body.push(...proxyDirectives(spec, clusterByName(spec, primary), l, ports, certDir));
  return [head, ...body.map((b) => `    ${b}`), "}"];
}

function servers(spec: LabSpec, l: L7ListenerSpec, ports: ExportPorts, certDir: string): string[] {
  const port = ports.listeners[l.name] ?? 0;
  const out: string[] = [`# listener ${l.name}: L7, tls ${l.tls}`];
  for (const s of planServers(l)) {
    const body: string[] = [`listen 127.0.0.1:${port}${l.tls !== "none" ? " ssl" : ""}${s.isDefault ? " default_server" : ""};`, `server_name ${s.serverName};`];
    if (l.tls !== "none") {
      const pem = certFile(certDir, s.certHost);
      body.push(`ssl_certificate ${pem};  # from the lab CA, for ${s.certHost}`, `ssl_certificate_key ${pem};`, "ssl_protocols TLSv1.2 TLSv1.3;");
      if (l.sessionResumption === false) body.push("ssl_session_tickets off;  # no session resumption:", "ssl_session_cache off;    # every connection is a full handshake");
    }
    for (const loc of s.locations) body.push(...location(spec, l, loc, ports, certDir));
    out.push("server {", ...body.map((b) => `    ${b}`), "}");
  }
  return out;
}

export function nginxHttp(spec: LabSpec, ports: ExportPorts, certDir: string): string[] {
  const l7 = spec.listeners.filter((l): l is L7ListenerSpec => l.layer === "l7");
  if (l7.length === 0) return [];
  const body: string[] = [
    "access_log off;",
    `client_max_body_size ${LIMITS.bodyBytes / 1024}k;`,
    `large_client_header_buffers 4 ${LIMITS.headerBytes / 1024}k;  # bigger heads: 431 (the engine) / 400 (nginx)`,
    "client_header_timeout 10s;  # slow clients: 408",
    "keepalive_timeout 15s;",
    "map $http_upgrade $ll_connection_upgrade {",
    '    default upgrade;',
    '    "" "";',
    "}",
    "# Keep a sane incoming X-Request-Id, else nginx's own $request_id (the engine does the same).",
    "map $http_x_request_id $ll_request_id {",
    '    "~^[A-Za-z0-9._:-]{1,128}$" $http_x_request_id;',
    "    default $request_id;",
    "}",
  ];
  for (const l of l7)
    body.push(`map $http_via $ll_via_${varName(l.name)} {`, `    "" "1.1 layerlab-${l.name}";`, `    default "$http_via, 1.1 layerlab-${l.name}";`, "}");
  for (const l of l7) body.push(...routeMaps(l));
  for (const c of clustersOfLayer(spec, "l7")) body.push(...nginxUpstream(spec, c, ports, "l7", c.name));
  for (const l of l7) body.push(...servers(spec, l, ports, certDir));
  return ["http {", ...body.map((b) => `    ${b}`), "}"];
}
