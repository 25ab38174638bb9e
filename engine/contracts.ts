// Interfaces between the engine's parts. Two halves are built side by side against these:
// the core (events, sandbox endpoints, clusters and policies, health checks, L4, traffic, API)
// and the L7/TLS half (certificate authority, L7 listener, config export). Keep them stable.
import type {
  Address,
  ClusterSpec,
  EndpointSpec,
  Fault,
  L4ListenerSpec,
  L7ListenerSpec,
  LabEventInput,
  LabEventType,
  PickReason,
} from "./api/schema";

/** Where producers send events; the bus stamps id/labId/at and may sample under load. */
export interface EventSink {
  emit(event: LabEventInput): void;
  /** False while this type is being sampled away, so hot paths can skip building the payload. */
  wants(type: LabEventType): boolean;
}

/** engine/transport/ca.ts: one CA per lab, ECDSA P-256 keys (fast handshakes). */
export interface LabCertificateAuthority {
  readonly caCertPem: string;
  /** A leaf certificate for these DNS names (first is the subject CN), signed by the lab CA. */
  issue(names: string[]): Promise<{ keyPem: string; certPem: string }>;
}

export interface EndpointCounters {
  activeConnections: number;
  /** Connections of the learner's traffic (health checks from HEALTH_CHECK_SOURCES are not among them). */
  totalConnections: number;
  /** Requests of the learner's traffic (the engine's own health checks are not among them). */
  requests: number;
  /** The engine's health checks: HTTP check requests, and TCP check connections. */
  healthChecks: number;
}

/** A running sandbox endpoint (engine/sandbox/). For kind "listener", port is that listener's. */
export interface EndpointRuntime {
  readonly name: string;
  readonly spec: EndpointSpec;
  readonly host: "127.0.0.1";
  readonly port: number;
  /** Speaks TLS (its own cert from the lab CA, for `serverName`). */
  readonly tls: boolean;
  readonly serverName: string;
  readonly fault: Fault;
  setFault(fault: Fault): Promise<void>;
  stats(): EndpointCounters;
  close(): Promise<void>;
}

export interface ClusterMember {
  readonly endpoint: EndpointRuntime;
  readonly weight: number;
  /** From health checks (true when the cluster has none, unless the endpoint is stopped). */
  readonly healthy: boolean;
  /** Open proxy connections to this member (for least-connections). */
  readonly active: number;
}

export interface PickInput {
  sourceIp: string;
  /** Value for consistent-hash when hashOn is not source-ip (header, cookie or path value). */
  hashKey?: string;
  /** Members already tried (retries) or known bad. */
  exclude?: ReadonlySet<string>;
}

/** engine/upstream/cluster.ts: members + one policy (one file per policy behind pick()). */
export interface ClusterRuntime {
  readonly name: string;
  readonly spec: ClusterSpec;
  readonly members: readonly ClusterMember[];
  member(name: string): ClusterMember | undefined;
  /** Only healthy members; null when none is healthy. */
  pick(input: PickInput): { member: ClusterMember; reason: PickReason } | null;
  /** Connection accounting for least-connections and stats; call release exactly once. */
  acquire(member: ClusterMember): void;
  release(member: ClusterMember): void;
  /** Passive signal from a proxy (connect refused, reset): lets health react between checks. */
  reportFailure(member: ClusterMember, reason: string): void;
}

/** Issued per lab: short, readable, unique ids ("c12", "u7", "r40"). */
export interface IdSource {
  next(prefix: "c" | "u" | "r" | "e"): string;
}

export interface ListenerStats {
  activeConnections: number;
  totalConnections: number;
  requests: number;
  bytesIn: number;
  bytesOut: number;
}

export interface ListenerContext {
  labId: string;
  clusters: ReadonlyMap<string, ClusterRuntime>;
  events: EventSink;
  ca: LabCertificateAuthority;
  ids: IdSource;
  /** What L4 listeners and plain-HTTP L7 listeners accept on; unset: libuv where available. */
  tcpTransport?: TcpTransportKind;
}

/** Node's TCP handles (engine/transport/libuv-tcp.ts), or net.Socket. */
export type TcpTransportKind = "libuv" | "net";

/** engine/filters/l4 and engine/filters/l7 both produce one of these. */
export interface ListenerRuntime {
  readonly name: string;
  readonly layer: "l4" | "l7";
  /** 0 until listen() resolves. */
  readonly port: number;
  listen(): Promise<void>;
  /** Closes the server and destroys every downstream and upstream socket it opened. */
  close(): Promise<void>;
  stats(): ListenerStats;
  /** The downstream connection id for a client's socket (the traffic generator reports it). */
  connectionIdFor(client: Address): string | undefined;
}

export type CreateL4Listener = (spec: L4ListenerSpec, ctx: ListenerContext) => ListenerRuntime;
export type CreateL7Listener = (spec: L7ListenerSpec, ctx: ListenerContext) => ListenerRuntime;
