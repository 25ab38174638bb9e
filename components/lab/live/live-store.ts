// Live traffic, kept apart from the diagram's topology (React Flow's performance guide): events
// from the stream are queued and applied once per animation frame, and each node, edge or panel
// subscribes to its own key, so a burst of 500 requests/s re-renders only what changed, at most
// once per frame. Snapshots are immutable objects replaced on change (useSyncExternalStore).
import type { LabEvent, TrafficRun, TrafficSpec } from "@/engine/api/schema";
import { nodeId } from "@/lib/labs/topology";
import { applyEvent, isHealthProbe, type NodeLive } from "./apply-event";
import { LatencyProbe } from "./latency-probe";
import type { PulseAnimator } from "./pulse-animator";

export type { NodeLive } from "./apply-event";

export interface StoredRun {
  key: string;
  stepId: string | null;
  spec: TrafficSpec;
  status: "running" | "done" | "failed";
  startedAt: number;
  /** Endpoint-side arrivals seen while this run was the active one (for the progress bar). */
  seen: number;
  response: TrafficRun | null;
  error: string | null;
}

type Listener = () => void;
const EVENT_CAP = 20_000;

export class LiveStore {
  events: LabEvent[] = [];
  lastEventId = 0;
  runs: StoredRun[] = [];
  private queue: LabEvent[] = [];
  private frame = 0;
  private nodes = new Map<string, NodeLive>();
  private listeners = new Map<string, Set<Listener>>();
  private versions = new Map<string, number>();
  private probe = LatencyProbe.fromLocation();
  private deletedListeners = new Set<(reason: string) => void>();

  constructor(
    private readonly animator: PulseAnimator,
    /** Endpoints behind a listener endpoint resolve to that listener (tiered labs). */
    private readonly innerListenerOf: ReadonlyMap<string, string>,
  ) {}

  subscribe = (key: string, listener: Listener): (() => void) => {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  };

  /** The engine deleted the lab (idle reclaim, shutdown); returns an unsubscribe. */
  onLabDeleted(listener: (reason: string) => void): () => void {
    this.deletedListeners.add(listener);
    return () => this.deletedListeners.delete(listener);
  }

  node(id: string): NodeLive | undefined {
    return this.nodes.get(id);
  }

  version(key: string): number {
    return this.versions.get(key) ?? 0;
  }

  push(event: LabEvent): void {
    // Replays after a reconnect may overlap what we already have: ids are monotonic per lab.
    if (event.id <= this.lastEventId) return;
    this.lastEventId = event.id;
    this.queue.push(event);
    if (!this.frame) this.frame = requestAnimationFrame(this.flush);
  }

  /** Seeds counters and health from GET /api/labs/:id (exact even when events were sampled). */
  seed(update: Map<string, Partial<NodeLive>>, alsoNotify: readonly string[] = []): void {
    for (const [id, patch] of update) this.setNode(id, { ...this.blank(), ...this.nodes.get(id), ...patch });
    for (const id of [...update.keys(), ...alsoNotify]) this.notify(id);
  }

  addRun(run: StoredRun): void {
    this.runs = [...this.runs, run];
    this.notify("runs");
  }

  updateRun(key: string, patch: Partial<StoredRun>): void {
    this.runs = this.runs.map((r) => (r.key === key ? { ...r, ...patch } : r));
    this.notify("runs");
  }

  reset(): void {
    this.events = [];
    this.lastEventId = 0;
    this.runs = [];
    this.queue = [];
    this.nodes.clear();
    for (const key of this.listeners.keys()) this.notify(key);
  }

  dispose(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private blank(): NodeLive {
    return { active: 0, total: 0, requests: 0, errors: 0, probes: 0, health: {}, fault: null };
  }

  private setNode(id: string, value: NodeLive) {
    this.nodes.set(id, value);
  }

  private flush = (): void => {
    this.frame = 0;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const changed = new Set<string>();
    const running = this.runs.find((r) => r.status === "running");
    let arrivals = 0;
    for (const e of batch) {
      const touched = applyEvent(e, {
        get: (id) => this.nodes.get(id) ?? this.blank(),
        set: (id, v) => this.setNode(id, v),
        pulse: (listener, cluster, endpoint) => this.pulse(listener, cluster, endpoint),
      });
      for (const id of touched) changed.add(id);
      if (e.type === "endpoint.request" && !isHealthProbe(e)) arrivals++;
      if (e.type === "events.sampled") arrivals += e.byType["endpoint.request"] ?? 0;
      if (e.type === "lab.deleted") for (const l of this.deletedListeners) l(e.reason);
      if (e.type === "health.change" || e.type === "fault.change" || e.type === "traffic.end") changed.add("control");
    }
    this.events = this.events.length + batch.length > EVENT_CAP ? [...this.events, ...batch].slice(-EVENT_CAP) : this.events.concat(batch);
    if (running && arrivals) {
      running.seen += arrivals;
      changed.add(`run:${running.key}`);
    }
    changed.add("events");
    for (const key of changed) this.notify(key);
    this.probe?.record(batch);
  };

  private pulse(listener: string, cluster: string, endpoint: string): void {
    const entry = ![...this.innerListenerOf.values()].includes(listener);
    const lid = nodeId.listener(listener);
    const cid = nodeId.cluster(cluster);
    const inner = this.innerListenerOf.get(endpoint);
    const target = inner ? nodeId.listener(inner) : nodeId.endpoint(endpoint);
    const colorKey = inner ? null : endpoint;
    let delay = 0;
    if (entry) {
      this.animator.emit(`${nodeId.client}->${lid}`, colorKey, delay);
      delay += 140;
    }
    this.animator.emit(`${lid}->${cid}`, colorKey, delay);
    this.animator.emit(`${cid}->${target}`, colorKey, delay + 140);
  }

  private notify(key: string): void {
    this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
    for (const l of this.listeners.get(key) ?? []) l();
  }
}
