// Listeners can be endpoints of other listeners (`kind: listener`, tiered designs). A listener
// endpoint's port is its target listener's, so targets must be bound before the listeners that
// forward to them: a depth-first topological sort. The schema already rejects cycles; we still
// guard against them so a bad spec can never hang the engine.
import type { LabSpec, ListenerSpec } from "../api/schema";

/** Listener names a listener forwards to (through its clusters' listener endpoints). */
function targetsOf(listener: ListenerSpec, spec: LabSpec): string[] {
  const clusterNames = listener.layer === "l4" ? [listener.cluster, ...(listener.sniRoutes ?? []).map((r) => r.cluster)] : listener.routes.map((r) => r.cluster);
  const endpoints = new Map(spec.endpoints.map((e) => [e.name, e]));
  const out = new Set<string>();
  for (const cn of clusterNames) {
    const cluster = spec.clusters.find((c) => c.name === cn);
    for (const m of cluster?.endpoints ?? []) {
      const e = endpoints.get(typeof m === "string" ? m : m.endpoint);
      if (e?.kind === "listener" && e.listener) out.add(e.listener);
    }
  }
  return [...out];
}

/** Listener specs in an order where every target comes before the listeners that use it. */
export function bindOrder(spec: LabSpec): ListenerSpec[] {
  const byName = new Map(spec.listeners.map((l) => [l.name, l]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: ListenerSpec[] = [];
  const visit = (l: ListenerSpec) => {
    if (done.has(l.name)) return;
    if (visiting.has(l.name)) throw new Error(`listener "${l.name}" reaches itself through its clusters`);
    visiting.add(l.name);
    for (const t of targetsOf(l, spec)) {
      const target = byName.get(t);
      if (target) visit(target);
    }
    visiting.delete(l.name);
    done.add(l.name);
    order.push(l);
  };
  for (const l of spec.listeners) visit(l);
  return order;
}
