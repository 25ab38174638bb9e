// The engine's public contract: lab specs, traffic specs, faults and events. This is the only
// engine file the web app imports, so it depends on nothing but zod. Everything is plain data
// (Envoy's `api/` vs `source/` split): runtime classes receive the parsed, validated objects.
import { z } from "zod";

/** Engine-wide caps. A spec can ask for less, never more. */
export const LIMITS = {
  labsTotal: 500,
  labsPerOwner: 3,
  endpointsPerLab: 12,
  clustersPerLab: 8,
  listenersPerLab: 6,
  routesPerListener: 16,
  trafficRequests: 2000,
  trafficClients: 16,
  trafficConcurrency: 32,
  trafficRatePerSecond: 1000,
  /** Longest a traffic run may last: one API call never holds a lab (or its caller) for longer. */
  trafficRunMs: 60_000,
  headerBytes: 16 * 1024,
  bodyBytes: 64 * 1024,
  downstreamConnectionsPerListener: 1024,
  labIdleMs: 10 * 60_000,
  eventBuffer: 2000,
} as const;

const name = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,30}$/, "must start with a letter and use only a-z, 0-9 and '-' (max 31 chars)");
/** Virtual-host names are only ever used as SNI/Host/cert names, never resolved. */
const hostname = z
  .string()
  .max(253)
  .regex(/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i, "must be a DNS name like api.example.test");
const httpPath = z.string().max(512).regex(/^\/[\x21-\x7e]*$/, "must start with '/' and contain no spaces");
const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/, "must be a valid HTTP header name");
const headerValue = z.string().max(1024).regex(/^[\x20-\x7e\t]*$/, "must be printable ASCII");

// ---------------------------------------------------------------------------------------------
// Lab spec
// ---------------------------------------------------------------------------------------------

export const faultSchema = z
  .object({
    /** up: normal; down: the server is closed (connections refused); error: answers `status`. */
    mode: z.enum(["up", "down", "error"]).default("up"),
    status: z.number().int().min(400).max(599).default(500),
    /** Added before the response starts (and before echo for tcp-echo). */
    latencyMs: z.number().int().min(0).max(30_000).default(0),
  })
  .strict();
export type Fault = z.infer<typeof faultSchema>;

export const endpointSpecSchema = z
  .object({
    name,
    /**
     * http: an HTTP/1.1 server that also accepts WebSocket upgrades and echoes what it received.
     * tcp-echo: a raw TCP server that echoes bytes (prefixed by a greeting line naming itself).
     * listener: traffic goes to another listener of the same lab (for tiered designs).
     */
    kind: z.enum(["http", "tcp-echo", "listener"]).default("http"),
    /** The endpoint itself speaks TLS with a certificate from the lab's CA. */
    tls: z.boolean().default(false),
    /** The name on the endpoint's certificate (defaults to `<name>.endpoints.lab`). */
    serverName: hostname.optional(),
    /** kind=listener: the lab listener this endpoint forwards to. */
    listener: name.optional(),
    fault: faultSchema.optional(),
  })
  .strict();
export type EndpointSpec = z.infer<typeof endpointSpecSchema>;

export const policySchema = z.enum([
  "round-robin",
  "weighted-round-robin",
  "least-connections",
  "random",
  "power-of-two",
  "source-ip-hash",
  "consistent-hash",
]);
export type Policy = z.infer<typeof policySchema>;

export const healthCheckSchema = z
  .object({
    type: z.enum(["tcp", "http"]),
    path: httpPath.default("/health"),
    expectStatus: z.number().int().min(100).max(599).default(200),
    intervalMs: z.number().int().min(100).max(60_000).default(1000),
    timeoutMs: z.number().int().min(50).max(30_000).default(500),
    healthyThreshold: z.number().int().min(1).max(10).default(2),
    unhealthyThreshold: z.number().int().min(1).max(10).default(2),
  })
  .strict();
export type HealthCheck = z.infer<typeof healthCheckSchema>;

export const clusterMemberSchema = z.union([
  name,
  z.object({ endpoint: name, weight: z.number().int().min(1).max(100).default(1) }).strict(),
]);

export const clusterSpecSchema = z
  .object({
    name,
    endpoints: z.array(clusterMemberSchema).min(1).max(LIMITS.endpointsPerLab),
    policy: policySchema.default("round-robin"),
    /**
     * consistent-hash input. L4 listeners can only hash what they see: the source address.
     * L7 listeners can also hash a header, a cookie or the path.
     */
    hashOn: z
      .union([
        z.literal("source-ip"),
        z.literal("path"),
        z.string().regex(/^(header|cookie):[A-Za-z0-9_-]{1,64}$/, 'must be "source-ip", "path", "header:<name>" or "cookie:<name>"'),
      ])
      .default("source-ip"),
    healthCheck: healthCheckSchema.optional(),
    /** L7 only: the proxy issues a cookie naming the endpoint and honours it on later requests. */
    sticky: z
      .object({ cookie: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default("LL_STICKY"), ttlSeconds: z.number().int().min(1).max(86_400).optional() })
      .strict()
      .optional(),
    /** L7 only: retry idempotent requests on another endpoint. */
    retries: z
      .object({
        attempts: z.number().int().min(0).max(3).default(1),
        on: z.array(z.enum(["connect-failure", "5xx"])).min(1).default(["connect-failure", "5xx"]),
      })
      .strict()
      .optional(),
    timeouts: z
      .object({
        connectMs: z.number().int().min(10).max(30_000).default(1000),
        responseMs: z.number().int().min(10).max(60_000).default(5000),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ClusterSpec = z.infer<typeof clusterSpecSchema>;

const sniRouteSchema = z.object({ serverName: hostname, cluster: name }).strict();

export const l4ListenerSpecSchema = z
  .object({
    name,
    layer: z.literal("l4"),
    tls: z.enum(["none", "passthrough"]).default("none"),
    cluster: name,
    /** passthrough only: read the ClientHello's SNI (without decrypting) to choose a cluster. */
    sniRoutes: z.array(sniRouteSchema).max(LIMITS.routesPerListener).optional(),
    /** Send a PROXY protocol v1 header to the endpoint before the client's bytes. */
    proxyProtocol: z.boolean().default(false),
    /**
     * After a refused or timed-out connect (before any client byte was sent), try up to this many
     * other endpoints — nginx stream's `proxy_next_upstream`, on by default. 0: the client's
     * connection is closed instead.
     */
    connectRetries: z.number().int().min(0).max(5).default(2),
    /** A connection with no bytes either way for this long is closed (nginx `proxy_timeout`). */
    idleTimeoutMs: z.number().int().min(1000).max(3_600_000).default(60_000),
  })
  .strict();
export type L4ListenerSpec = z.infer<typeof l4ListenerSpecSchema>;

export const routeMatchSchema = z
  .object({
    pathPrefix: httpPath.optional(),
    host: hostname.optional(),
    header: z.object({ name: headerName, value: headerValue }).strict().optional(),
    cookie: z.object({ name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), value: headerValue }).strict().optional(),
  })
  .strict();

export const routeSpecSchema = z
  .object({
    name: name.optional(),
    match: routeMatchSchema.default({}),
    cluster: name,
  })
  .strict();
export type RouteSpec = z.infer<typeof routeSpecSchema>;

export const l7ListenerSpecSchema = z
  .object({
    name,
    layer: z.literal("l7"),
    /** none: plain HTTP; terminate: HTTPS downstream, plain upstream; reencrypt: HTTPS both sides. */
    tls: z.enum(["none", "terminate", "reencrypt"]).default("none"),
    /** Virtual hosts: one certificate per name (SNI-aware) when TLS is on. */
    hostnames: z.array(hostname).max(8).default(["lab.test"]),
    /**
     * TLS session resumption for downstream clients (session tickets; on unless set to false).
     * Off, every connection pays a full handshake: certificate, signature and key exchange.
     */
    sessionResumption: z.boolean().optional(),
    /** First match wins; a route with an empty match catches everything. */
    routes: z.array(routeSpecSchema).min(1).max(LIMITS.routesPerListener),
  })
  .strict();
export type L7ListenerSpec = z.infer<typeof l7ListenerSpecSchema>;

export const listenerSpecSchema = z.discriminatedUnion("layer", [l4ListenerSpecSchema, l7ListenerSpecSchema]);
export type ListenerSpec = z.infer<typeof listenerSpecSchema>;

/** Cross-reference checks: every name resolves, and each layer only uses what it can see. */
function checkLabReferences(spec: LabSpecShape, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const unique = (list: { name: string }[], key: string) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (seen.has(item.name)) issue([key, i, "name"], `duplicate name "${item.name}"`);
      seen.add(item.name);
    });
  };
  unique(spec.endpoints, "endpoints");
  unique(spec.clusters, "clusters");
  unique(spec.listeners, "listeners");
  const endpoints = new Map(spec.endpoints.map((e) => [e.name, e]));
  const clusters = new Map(spec.clusters.map((c) => [c.name, c]));
  const listeners = new Map(spec.listeners.map((l) => [l.name, l]));

  spec.endpoints.forEach((e, i) => {
    if (e.kind === "listener") {
      if (!e.listener) issue(["endpoints", i, "listener"], "an endpoint of kind 'listener' must name a listener");
      else if (!listeners.has(e.listener)) issue(["endpoints", i, "listener"], `unknown listener "${e.listener}"`);
      if (e.tls) issue(["endpoints", i, "tls"], "a listener endpoint takes its TLS from the listener it names");
    } else if (e.listener) issue(["endpoints", i, "listener"], "only endpoints of kind 'listener' name a listener");
  });

  const usedBy = new Map<string, { layer: "l4" | "l7"; path: (string | number)[] }[]>();
  const use = (cluster: string, layer: "l4" | "l7", path: (string | number)[]) => {
    if (!clusters.has(cluster)) return issue(path, `unknown cluster "${cluster}"`);
    usedBy.set(cluster, [...(usedBy.get(cluster) ?? []), { layer, path }]);
  };
  spec.listeners.forEach((l, i) => {
    if (l.layer === "l4") {
      use(l.cluster, "l4", ["listeners", i, "cluster"]);
      l.sniRoutes?.forEach((r, j) => use(r.cluster, "l4", ["listeners", i, "sniRoutes", j, "cluster"]));
      if (l.sniRoutes?.length && l.tls !== "passthrough")
        issue(["listeners", i, "sniRoutes"], "SNI routes need tls 'passthrough': without TLS there is no ClientHello to peek at");
    } else {
      l.routes.forEach((r, j) => use(r.cluster, "l7", ["listeners", i, "routes", j, "cluster"]));
      if (l.sessionResumption !== undefined && l.tls === "none")
        issue(["listeners", i, "sessionResumption"], "session resumption is a TLS setting: use tls 'terminate' or 'reencrypt'");
    }
  });

  spec.clusters.forEach((c, i) => {
    const members = c.endpoints.map((m) => (typeof m === "string" ? m : m.endpoint));
    members.forEach((m, j) => {
      if (!endpoints.has(m)) issue(["clusters", i, "endpoints", j], `unknown endpoint "${m}"`);
    });
    if (new Set(members).size !== members.length) issue(["clusters", i, "endpoints"], "an endpoint is listed twice");
    const users = usedBy.get(c.name) ?? [];
    const l4 = users.some((u) => u.layer === "l4");
    const l7 = users.some((u) => u.layer === "l7");
    if (l4 && c.sticky) issue(["clusters", i, "sticky"], "cookie stickiness needs an L7 listener: an L4 listener never sees cookies (use policy 'source-ip-hash')");
    if (l4 && c.retries) issue(["clusters", i, "retries"], "retries need an L7 listener: an L4 listener cannot replay a request it never parsed");
    if (l4 && c.healthCheck?.type === "http" && !l7)
      issue(["clusters", i, "healthCheck", "type"], "an L4-only cluster can only check TCP connects; use type 'tcp'");
    if (l4 && c.policy === "consistent-hash" && c.hashOn !== "source-ip")
      issue(["clusters", i, "hashOn"], "an L4 listener can only hash the source address");
    if (l7) {
      members.forEach((m, j) => {
        const e = endpoints.get(m);
        if (e?.kind === "tcp-echo") issue(["clusters", i, "endpoints", j], `endpoint "${m}" is a raw TCP echo; an L7 listener needs HTTP endpoints`);
      });
    }
  });

  // An L7 listener's upstream TLS follows its mode: reencrypt needs TLS endpoints, the others plain.
  spec.listeners.forEach((l, i) => {
    if (l.layer !== "l7") return;
    const wantTls = l.tls === "reencrypt";
    l.routes.forEach((r, j) => {
      for (const m of clusters.get(r.cluster)?.endpoints ?? []) {
        const e = endpoints.get(typeof m === "string" ? m : m.endpoint);
        if (!e || e.kind !== "http") continue;
        if (e.tls !== wantTls)
          issue(["listeners", i, "routes", j, "cluster"], wantTls
            ? `tls 'reencrypt' needs TLS endpoints, but "${e.name}" is plain`
            : `endpoint "${e.name}" speaks TLS; use tls 'reencrypt' to reach it`);
      }
    });
  });

  // Listener endpoints must not form a loop (a listener reaching itself through clusters).
  const reach = (from: string, seen: Set<string>): boolean => {
    const l = listeners.get(from);
    if (!l) return false;
    const cs = l.layer === "l4" ? [l.cluster, ...(l.sniRoutes ?? []).map((r) => r.cluster)] : l.routes.map((r) => r.cluster);
    for (const cn of cs)
      for (const m of clusters.get(cn)?.endpoints ?? []) {
        const e = endpoints.get(typeof m === "string" ? m : m.endpoint);
        if (e?.kind !== "listener" || !e.listener) continue;
        if (seen.has(e.listener)) return true;
        if (reach(e.listener, new Set([...seen, e.listener]))) return true;
      }
    return false;
  };
  spec.listeners.forEach((l, i) => {
    if (reach(l.name, new Set([l.name]))) issue(["listeners", i], `listener "${l.name}" reaches itself through its clusters`);
  });
}

const labSpecShape = z
  .object({
    name: z.string().min(1).max(80).optional(),
    endpoints: z.array(endpointSpecSchema).min(1).max(LIMITS.endpointsPerLab),
    clusters: z.array(clusterSpecSchema).min(1).max(LIMITS.clustersPerLab),
    listeners: z.array(listenerSpecSchema).min(1).max(LIMITS.listenersPerLab),
  })
  .strict();
type LabSpecShape = z.infer<typeof labSpecShape>;

export const labSpecSchema = labSpecShape.superRefine(checkLabReferences);
export type LabSpec = z.infer<typeof labSpecSchema>;
export type LabSpecInput = z.input<typeof labSpecSchema>;

// ---------------------------------------------------------------------------------------------
// Lab state (responses)
// ---------------------------------------------------------------------------------------------

export interface ListenerInfo {
  name: string;
  layer: "l4" | "l7";
  tls: L4ListenerSpec["tls"] | L7ListenerSpec["tls"];
  host: "127.0.0.1";
  port: number;
}
export interface EndpointInfo {
  name: string;
  port: number;
  healthy: boolean;
}
export interface ClusterInfo {
  name: string;
  policy: Policy;
  endpoints: EndpointInfo[];
}
export interface LabCreated {
  id: string;
  listeners: ListenerInfo[];
  clusters: ClusterInfo[];
  /** PEM of the lab's CA, so a client (curl --cacert) can verify the lab's certificates. */
  caCertificate: string;
}
export interface LabState extends LabCreated {
  createdAt: string;
  lastActivityAt: string;
  listenerStats: Record<string, { activeConnections: number; totalConnections: number; requests: number; bytesIn: number; bytesOut: number }>;
  /**
   * `requests` and `totalConnections` count traffic only; the engine's own checks are in
   * `healthChecks` (HTTP checks by their User-Agent; TCP checks by their source address, which
   * needs distinct loopback sources — elsewhere a TCP check counts as a connection).
   */
  endpointStats: Record<string, { kind: EndpointSpec["kind"]; tls: boolean; fault: Fault; activeConnections: number; totalConnections: number; requests: number; healthChecks: number }>;
}

// ---------------------------------------------------------------------------------------------
// Traffic spec and results
// ---------------------------------------------------------------------------------------------

export const trafficSpecSchema = z
  .object({
    listener: name,
    protocol: z.enum(["http", "websocket", "tcp"]).default("http"),
    /** Simulated clients; each gets its own source address where the OS allows it, and its own cookie jar. */
    clients: z.number().int().min(1).max(LIMITS.trafficClients).default(1),
    requests: z.number().int().min(1).max(LIMITS.trafficRequests).default(10),
    concurrency: z.number().int().min(1).max(LIMITS.trafficConcurrency).default(1),
    ratePerSecond: z.number().int().min(1).max(LIMITS.trafficRatePerSecond).optional(),
    /** true: each client reuses one connection; false: a new connection per request. */
    keepAlive: z.boolean().default(true),
    method: z.enum(["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]).default("GET"),
    /** Cycled through, request by request. */
    paths: z.array(httpPath).min(1).max(16).default(["/"]),
    /** Host header (and SNI, when TLS is used and `serverName` is not set). */
    host: hostname.optional(),
    headers: z.record(headerName, headerValue).default({}),
    cookies: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), headerValue).default({}),
    body: z.string().max(LIMITS.bodyBytes).optional(),
    /** Use TLS to the listener (the listener must have TLS on). */
    tls: z.object({ serverName: hostname.optional() }).strict().optional(),
    websocket: z.object({ messages: z.number().int().min(1).max(20).default(1), text: z.string().max(1024).default("hello") }).strict().optional(),
    timeoutMs: z.number().int().min(100).max(30_000).default(5000),
    /**
     * The run stops this long after it started, whatever is left: requests in flight are
     * cancelled and the rest are not sent, each reported with the code RUN_LIMIT.
     */
    maxRunMs: z.number().int().min(1000).max(LIMITS.trafficRunMs).default(LIMITS.trafficRunMs),
  })
  .strict()
  .superRefine((spec, ctx) => {
    // A paced run's length is known up front: refuse it rather than cut it short.
    if (pacedRunMs(spec) > spec.maxRunMs)
      ctx.addIssue({ code: "custom", path: ["ratePerSecond"], message: `${spec.requests} requests at ${spec.ratePerSecond} a second take longer than the run may last (${spec.maxRunMs / 1000} s): raise the rate or send fewer requests` });
  });
export type TrafficSpec = z.infer<typeof trafficSpecSchema>;

/**
 * How long a paced run takes at the least (`requests ÷ ratePerSecond`), 0 for an unpaced one.
 * The engine refuses a run longer than its maxRunMs; the web app, one longer than its viewer's cap.
 */
export function pacedRunMs(spec: { requests: number; ratePerSecond?: number }): number {
  return spec.ratePerSecond ? (spec.requests / spec.ratePerSecond) * 1000 : 0;
}
export type TrafficSpecInput = z.input<typeof trafficSpecSchema>;

/**
 * A protocol the listener can never carry, as a learner-readable reason (null when it can). The
 * raw TCP client waits for an echo endpoint's greeting before it sends, and an L7 listener waits
 * for an HTTP request: every request would only time out. The engine refuses such a run and the
 * lab composer says so next to the field.
 */
export function trafficProtocolProblem(protocol: TrafficSpec["protocol"], layer: "l4" | "l7"): string | null {
  return protocol === "tcp" && layer === "l7"
    ? "raw TCP needs an L4 listener: an L7 listener waits for an HTTP request, while the raw client waits for an echo endpoint's greeting"
    : null;
}

export interface TrafficTimings {
  /** ms since the run started */
  startMs: number;
  connectMs?: number;
  tlsMs?: number;
  firstByteMs?: number;
  totalMs: number;
}
export interface TrafficResult {
  seq: number;
  client: number;
  sourceIp: string;
  /** The downstream connection id the listener assigned (same across a keep-alive connection). */
  connectionId: string | null;
  listener: string;
  /** Endpoint that served the request, from its `x-served-by` header or echo greeting. */
  endpoint: string | null;
  status: number | null;
  requestId: string | null;
  error?: { code: string; message: string };
  timings: TrafficTimings;
}
export interface TrafficRun {
  runId: string;
  sourceAddresses: "distinct" | "shared";
  results: TrafficResult[];
  summary: {
    total: number;
    ok: number;
    failed: number;
    byEndpoint: Record<string, number>;
    durationMs: number;
    /** Why the run ended before every request was done (its time limit, the lab's deletion); null when it ran to the end. */
    stopped: { code: string; message: string } | null;
  };
}

// ---------------------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------------------

export const faultRequestSchema = z
  .object({
    endpoint: name,
    action: z.enum(["stop", "start", "error", "latency", "clear"]),
    status: z.number().int().min(400).max(599).optional(),
    latencyMs: z.number().int().min(0).max(30_000).optional(),
  })
  .strict();
export type FaultRequest = z.infer<typeof faultRequestSchema>;

// ---------------------------------------------------------------------------------------------
// Events: one discriminated union; engine/events/serialize.ts is the only serializer.
// ---------------------------------------------------------------------------------------------

export interface Address {
  address: string;
  port: number;
}
/** Why an endpoint was chosen. */
export interface PickReason {
  kind: "policy" | "hash" | "cookie" | "sticky-failover" | "retry";
  policy: Policy;
  /** The value that was hashed (source address, header, cookie or path). */
  hashInput?: string;
  detail: string;
}

interface EventBase {
  /** Monotonic per lab; also the SSE `id:`. */
  id: number;
  labId: string;
  /** Epoch ms */
  at: number;
}
type E<T extends string, P> = EventBase & { type: T } & P;

export type LabEvent =
  | E<"downstream.connect", { listener: string; layer: "l4" | "l7"; connectionId: string; client: Address; local: Address }>
  | E<"tls.client_hello", { listener: string; connectionId: string; sni: string | null; note: string }>
  | E<"tls.handshake", { listener: string; connectionId: string; side: "downstream" | "upstream"; sni: string | null; version: string | null; cipher: string | null; certificate: string | null; alpn: string | null; resumed: boolean }>
  | E<"http.request", { listener: string; connectionId: string; requestId: string; method: string; path: string; host: string | null; headers: Record<string, string>; cookies: Record<string, string> }>
  | E<"route.match", { listener: string; connectionId: string; requestId: string | null; route: string | null; cluster: string; matchedOn: "path-prefix" | "host" | "header" | "cookie" | "catch-all" | "sni" | "listener" }>
  | E<"lb.pick", { listener: string; connectionId: string; requestId: string | null; cluster: string; endpoint: string; reason: PickReason }>
  | E<"upstream.connect", { listener: string; connectionId: string; upstreamConnectionId: string; endpoint: string; reused: boolean; tls: boolean; local: Address; proxyProtocol: string | null }>
  | E<"upstream.response", { listener: string; connectionId: string; requestId: string; endpoint: string; status: number; durationMs: number; headersAdded: Record<string, string> }>
  | E<"http.response", { listener: string; connectionId: string; requestId: string; status: number; durationMs: number; endpoint: string | null; error: string | null }>
  /** requestId is null at L4: the connection (not a request) is retried after a failed connect. */
  | E<"retry", { listener: string; connectionId: string; requestId: string | null; attempt: number; fromEndpoint: string; reason: string }>
  | E<"websocket.upgrade", { listener: string; connectionId: string; requestId: string; path: string; endpoint: string; upstreamConnectionId: string }>
  | E<"downstream.close", { listener: string; connectionId: string; bytesIn: number; bytesOut: number; durationMs: number; reason: string | null }>
  | E<"upstream.close", { listener: string; connectionId: string; upstreamConnectionId: string; endpoint: string; bytesIn: number; bytesOut: number }>
  | E<"endpoint.request", { endpoint: string; connectionId: string; method: string; path: string; peer: Address; encrypted: boolean; headers: Record<string, string>; proxyProtocol: string | null }>
  | E<"health.change", { cluster: string; endpoint: string; healthy: boolean; check: "tcp" | "http"; detail: string }>
  | E<"fault.change", { endpoint: string; fault: Fault }>
  | E<"traffic.start", { runId: string; listener: string; clients: number; requests: number; sourceAddresses: "distinct" | "shared"; note: string }>
  | E<"traffic.end", { runId: string; ok: number; failed: number; durationMs: number; stopped: { code: string; message: string } | null }>
  | E<"events.sampled", { windowMs: number; dropped: number; byType: Record<string, number>; note: string }>
  | E<"lab.deleted", { reason: "request" | "idle" | "shutdown" }>;

export type LabEventType = LabEvent["type"];

/** Every event type at run time (scenario checks name them); the compiler keeps it complete. */
export const LAB_EVENT_TYPES = [
  "downstream.connect", "tls.client_hello", "tls.handshake", "http.request", "route.match", "lb.pick", "upstream.connect",
  "upstream.response", "http.response", "retry", "websocket.upgrade", "downstream.close", "upstream.close", "endpoint.request",
  "health.change", "fault.change", "traffic.start", "traffic.end", "events.sampled", "lab.deleted",
] as const satisfies readonly LabEventType[];
type MissingEventTypes = Exclude<LabEventType, (typeof LAB_EVENT_TYPES)[number]>;
const everyEventTypeListed: MissingEventTypes extends never ? true : MissingEventTypes = true;
void everyEventTypeListed;
/** What producers hand to the bus: the bus assigns id, labId and at. */
export type LabEventInput = LabEvent extends infer T ? (T extends LabEvent ? Omit<T, "id" | "labId" | "at"> : never) : never;

/** Problems reported with a 400: one entry per zod issue, path joined with '.'. */
export interface ApiProblem {
  path: string;
  message: string;
}
export interface ApiError {
  error: { code: string; message: string; problems?: ApiProblem[]; origin?: "downstream" | "proxy" | "upstream" | "engine" };
}
