// How one engine event changes the live counters of the diagram's nodes. Returns the node ids it
// touched so the store notifies only those. Counts drift when the engine samples events under
// load; the lab state poll (use-state-poll.ts) reseeds them with the engine's exact numbers.
import type { LabEvent } from "@/engine/api/schema";
import { nodeId } from "@/lib/labs/topology";

export interface NodeLive {
  /** Open connections (listener: downstream; endpoint: upstream from the proxies). */
  active: number;
  /** Connections accepted so far. */
  total: number;
  /** Requests (L7 listener: parsed; endpoint: received; cluster: picks). */
  requests: number;
  /** Answers ≥ 500 or failures. */
  errors: number;
  /** Health-check requests an endpoint received (kept apart from traffic). */
  probes: number;
  /** Health per cluster, for endpoints (an endpoint may be healthy in one cluster, not another). */
  health: Record<string, boolean>;
  fault: "up" | "down" | "error" | null;
  faultDetail?: string;
}

export interface NodeAccess {
  get(id: string): NodeLive;
  set(id: string, value: NodeLive): void;
  pulse(listener: string, cluster: string, endpoint: string): void;
}

/** The engine's HTTP health checks announce themselves (engine/upstream/health-probes.ts). */
export function isHealthProbe(e: LabEvent): boolean {
  return e.type === "endpoint.request" && (e.headers["user-agent"] ?? "").startsWith("layerlab-health-check");
}

export function applyEvent(e: LabEvent, nodes: NodeAccess): string[] {
  const bump = (id: string, patch: (n: NodeLive) => Partial<NodeLive>): string[] => {
    const n = nodes.get(id);
    nodes.set(id, { ...n, ...patch(n) });
    return [id];
  };
  switch (e.type) {
    case "downstream.connect":
      return bump(nodeId.listener(e.listener), (n) => ({ active: n.active + 1, total: n.total + 1, requests: e.layer === "l4" ? n.requests + 1 : n.requests }));
    case "downstream.close":
      return bump(nodeId.listener(e.listener), (n) => ({ active: Math.max(0, n.active - 1) }));
    case "http.request":
      return bump(nodeId.listener(e.listener), (n) => ({ requests: n.requests + 1 }));
    case "http.response":
      return e.status >= 500 || e.error ? bump(nodeId.listener(e.listener), (n) => ({ errors: n.errors + 1 })) : [];
    case "lb.pick":
      nodes.pulse(e.listener, e.cluster, e.endpoint);
      return bump(nodeId.cluster(e.cluster), (n) => ({ requests: n.requests + 1 }));
    case "endpoint.request":
      return bump(nodeId.endpoint(e.endpoint), (n) => (isHealthProbe(e) ? { probes: n.probes + 1 } : { requests: n.requests + 1 }));
    case "upstream.connect":
      return bump(nodeId.endpoint(e.endpoint), (n) => ({ active: n.active + 1, total: n.total + 1 }));
    case "upstream.close":
      return bump(nodeId.endpoint(e.endpoint), (n) => ({ active: Math.max(0, n.active - 1) }));
    case "health.change":
      return [...bump(nodeId.endpoint(e.endpoint), (n) => ({ health: { ...n.health, [e.cluster]: e.healthy } })), `health:${e.cluster}/${e.endpoint}`];
    case "fault.change":
      return bump(nodeId.endpoint(e.endpoint), () => ({
        fault: e.fault.mode,
        faultDetail: e.fault.mode === "error" ? `answers ${e.fault.status}` : e.fault.mode === "down" ? "stopped" : e.fault.latencyMs ? `+${e.fault.latencyMs} ms` : undefined,
      }));
    default:
      return [];
  }
}
