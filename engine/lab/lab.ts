// One running lab: the runtimes built from its spec, its event bus, and the bookkeeping the API
// reports (state, counters, activity). Built by build-lab.ts; owned by the LabManager.
import { trafficProtocolProblem, type ClusterInfo, type Fault, type FaultRequest, type LabCreated, type LabSpec, type LabState, type ListenerInfo, type TrafficRun, type TrafficSpec } from "../api/schema";
import { EngineError } from "../api/errors";
import type { EndpointRuntime, IdSource, LabCertificateAuthority, ListenerRuntime } from "../contracts";
import type { EventBus } from "../events/event-bus";
import { nextFault } from "../sandbox/fault-request";
import { RemoteEndpoint } from "../sandbox/remote-endpoint";
import type { SandboxHost } from "../sandbox/sandbox-host";
import { runTraffic } from "../traffic/generator";
import { LAB_DELETED } from "../traffic/run-stop";
import type { Cluster } from "../upstream/cluster";

export interface LabParts {
  id: string;
  owner: string | null;
  spec: LabSpec;
  events: EventBus;
  ids: IdSource;
  ca: LabCertificateAuthority;
  endpoints: Map<string, EndpointRuntime>;
  clusters: Map<string, Cluster>;
  /** In bind order; closed in reverse. */
  listeners: Map<string, ListenerRuntime>;
  /** The sandbox thread hosting the endpoints, or null when they run inline. */
  sandbox: SandboxHost | null;
}

export class Lab {
  readonly id: string;
  readonly owner: string | null;
  readonly spec: LabSpec;
  readonly events: EventBus;
  readonly createdAt = new Date();
  lastActivityAt = Date.now();
  private readonly parts: LabParts;
  private readonly runs = new Set<AbortController>();
  private closing: Promise<void> | null = null;
  /** Counter fingerprint at the last idle sweep: traffic through the listeners is activity too. */
  private lastFingerprint = -1;

  constructor(parts: LabParts) {
    this.parts = parts;
    this.id = parts.id;
    this.owner = parts.owner;
    this.spec = parts.spec;
    this.events = parts.events;
  }

  get closed(): boolean {
    return this.closing !== null;
  }

  touch(): void {
    this.lastActivityAt = Date.now();
  }

  /** Idle unless someone is watching, traffic is running, or connections moved since last sweep. */
  idleSince(now: number): number {
    let fingerprint = 0;
    for (const l of this.parts.listeners.values()) {
      const s = l.stats();
      fingerprint += s.totalConnections + s.requests + s.activeConnections;
    }
    if (fingerprint !== this.lastFingerprint || this.events.subscriberCount() > 0 || this.runs.size > 0) {
      this.lastFingerprint = fingerprint;
      this.lastActivityAt = now;
    }
    return now - this.lastActivityAt;
  }

  created(): LabCreated {
    const listeners: ListenerInfo[] = this.spec.listeners.map((l) => ({
      name: l.name,
      layer: l.layer,
      tls: l.tls,
      host: "127.0.0.1",
      port: this.parts.listeners.get(l.name)?.port ?? 0,
    }));
    const clusters: ClusterInfo[] = [...this.parts.clusters.values()].map((c) => ({
      name: c.name,
      policy: c.spec.policy,
      endpoints: c.members.map((m) => ({ name: m.endpoint.name, port: m.endpoint.port, healthy: m.healthy })),
    }));
    return { id: this.id, listeners, clusters, caCertificate: this.parts.ca.caCertPem };
  }

  async state(): Promise<LabState> {
    const remote = [...this.parts.endpoints.values()].filter((e): e is RemoteEndpoint => e instanceof RemoteEndpoint);
    await this.parts.sandbox?.refreshStats(this.id, remote).catch(() => {});
    const listenerStats: LabState["listenerStats"] = {};
    for (const [name, l] of this.parts.listeners) listenerStats[name] = l.stats();
    const endpointStats: LabState["endpointStats"] = {};
    for (const [name, e] of this.parts.endpoints) endpointStats[name] = { kind: e.spec.kind, tls: e.tls, fault: e.fault, ...e.stats() };
    return { ...this.created(), createdAt: this.createdAt.toISOString(), lastActivityAt: new Date(this.lastActivityAt).toISOString(), listenerStats, endpointStats };
  }

  /** Bound ports by name, for the config exporter. */
  ports(): { listeners: Record<string, number>; endpoints: Record<string, number> } {
    const listeners: Record<string, number> = {};
    for (const [name, l] of this.parts.listeners) listeners[name] = l.port;
    const endpoints: Record<string, number> = {};
    for (const [name, e] of this.parts.endpoints) endpoints[name] = e.port;
    return { listeners, endpoints };
  }

  listener(name: string): ListenerRuntime | undefined {
    return this.parts.listeners.get(name);
  }

  /**
   * Turns the lab's per-connection and per-request events on or off, in the proxies and the
   * endpoints alike (the benchmark compares one lab both ways, so no second lab's sockets and
   * ports differ from the first's).
   */
  async setDataPlaneEvents(on: boolean): Promise<void> {
    this.events.setDataPlane(on);
    await this.parts.sandbox?.setDataPlane(this.id, on);
  }

  async applyFault(req: FaultRequest): Promise<{ endpoint: string; fault: Fault }> {
    const endpoint = this.parts.endpoints.get(req.endpoint);
    if (!endpoint) throw new EngineError("endpoint_not_found", `lab ${this.id} has no endpoint "${req.endpoint}"`, 404);
    const fault = nextFault(endpoint.fault, req);
    await endpoint.setFault(fault);
    return { endpoint: endpoint.name, fault: endpoint.fault };
  }

  /** `caller`: fires (with its reason, e.g. CALLER_GONE) when whoever asked for the run stops waiting; the run stops too. */
  async runTraffic(spec: TrafficSpec, caller?: AbortSignal): Promise<TrafficRun> {
    const listener = this.parts.listeners.get(spec.listener);
    const listenerSpec = this.spec.listeners.find((l) => l.name === spec.listener);
    if (!listener || !listenerSpec) throw new EngineError("listener_not_found", `lab ${this.id} has no listener "${spec.listener}"`, 404);
    const mismatch = trafficProtocolProblem(spec.protocol, listenerSpec.layer);
    if (mismatch) throw new EngineError("invalid_request", `traffic spec is invalid: ${mismatch}`, 400, "downstream", [{ path: "protocol", message: mismatch }]);
    if (this.runs.size > 0) throw new EngineError("traffic_busy", "a traffic run is already in progress for this lab; wait for it to finish", 409);
    const abort = new AbortController();
    const signal = caller ? AbortSignal.any([abort.signal, caller]) : abort.signal;
    this.runs.add(abort);
    try {
      return await runTraffic(spec, { listener, listenerSpec, caCertPem: this.parts.ca.caCertPem, events: this.events, ids: this.parts.ids, signal });
    } finally {
      this.runs.delete(abort);
      this.touch();
    }
  }

  /** Closes every listener, endpoint, health check, traffic run and SSE stream. Idempotent. */
  close(reason: "request" | "idle" | "shutdown"): Promise<void> {
    this.closing ??= closeParts(this.parts, this.runs).then(() => {
      this.parts.sandbox?.detach(this.id);
      this.events.close(reason);
    });
    return this.closing;
  }
}

export async function closeParts(parts: Pick<LabParts, "clusters" | "listeners" | "endpoints">, runs: Set<AbortController> = new Set()): Promise<void> {
  for (const r of runs) r.abort(LAB_DELETED);
  for (const c of parts.clusters.values()) c.close();
  const listeners = [...parts.listeners.values()].reverse();
  await Promise.allSettled(listeners.map((l) => l.close()));
  await Promise.allSettled([...parts.endpoints.values()].map((e) => e.close()));
}
