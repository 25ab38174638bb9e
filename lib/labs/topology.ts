// Turns a lab spec into the diagram's nodes and edges: clients → listeners → clusters →
// endpoints, laid out in columns by depth (a listener endpoint makes a second tier). It also
// decides which hops are encrypted and where TLS ends, which is a property of the spec alone:
// terminate ends TLS at the L7 listener, passthrough carries it to the endpoint, reencrypt ends it
// at the listener and starts a new session upstream.
import type { LabSpec, ListenerSpec } from "@/engine/api/schema";

export type TopoNode =
  | { id: string; kind: "client"; name: string; col: number; row: number }
  | { id: string; kind: "listener"; name: string; col: number; row: number; layer: "l4" | "l7"; tls: ListenerSpec["tls"]; entry: boolean; rules: string[]; tlsEnds: "here" | "here-reencrypt" | null }
  | { id: string; kind: "cluster"; name: string; col: number; row: number; policy: string; features: string[] }
  | { id: string; kind: "endpoint"; name: string; col: number; row: number; tls: boolean; endpointKind: string; colorIndex: number; tlsEnds: boolean };

// A type alias, not an interface: React Flow's edge data must be assignable to Record<string, unknown>.
export type TopoEdge = {
  id: string;
  source: string;
  target: string;
  hop: "downstream" | "internal" | "upstream";
  encrypted: boolean;
  label: string | null;
};

export const nodeId = {
  client: "client",
  listener: (n: string) => `listener:${n}`,
  cluster: (n: string) => `cluster:${n}`,
  endpoint: (n: string) => `endpoint:${n}`,
};
export const edgeId = (source: string, target: string) => `${source}->${target}`;

const memberName = (m: string | { endpoint: string }) => (typeof m === "string" ? m : m.endpoint);

function listenerClusters(l: ListenerSpec): Array<{ cluster: string; label: string | null }> {
  if (l.layer === "l4") return [{ cluster: l.cluster, label: l.sniRoutes?.length ? "default" : null }, ...(l.sniRoutes ?? []).map((r) => ({ cluster: r.cluster, label: `SNI ${r.serverName}` }))];
  return l.routes.map((r) => {
    const m = r.match;
    const parts = [m.pathPrefix && `path ${m.pathPrefix}*`, m.host && `host ${m.host}`, m.header && `${m.header.name}: ${m.header.value}`, m.cookie && `cookie ${m.cookie.name}=${m.cookie.value}`].filter(Boolean);
    return { cluster: r.cluster, label: parts.length ? parts.join(", ") : "everything else" };
  });
}

function listenerRules(l: ListenerSpec): string[] {
  if (l.layer === "l4") return [...(l.sniRoutes ?? []).map((r) => `SNI ${r.serverName} → ${r.cluster}`), ...(l.proxyProtocol ? ["sends PROXY protocol v1"] : [])];
  return [...l.routes.map((r, i) => `${listenerClusters(l)[i]?.label} → ${r.cluster}`), ...(l.tls !== "none" ? [`names: ${l.hostnames.join(", ")}`] : [])];
}

export function buildTopology(spec: LabSpec): { nodes: TopoNode[]; edges: TopoEdge[] } {
  const listenerTargets = new Map<string, string>(); // endpoint name → listener name (listener endpoints)
  for (const e of spec.endpoints) if (e.kind === "listener" && e.listener) listenerTargets.set(e.name, e.listener);
  const innerListeners = new Set(listenerTargets.values());

  // Depth: entry listeners at 1; a cluster one right of its deepest listener; a listener behind a
  // listener endpoint one right of that cluster; endpoints one right of their deepest cluster.
  const depth = new Map<string, number>();
  const visit = (listener: string, d: number) => {
    const id = nodeId.listener(listener);
    if ((depth.get(id) ?? 0) >= d) return;
    depth.set(id, d);
    const l = spec.listeners.find((x) => x.name === listener);
    if (!l) return;
    for (const { cluster } of listenerClusters(l)) {
      const cid = nodeId.cluster(cluster);
      depth.set(cid, Math.max(depth.get(cid) ?? 0, d + 1));
      for (const m of spec.clusters.find((c) => c.name === cluster)?.endpoints ?? []) {
        const inner = listenerTargets.get(memberName(m));
        if (inner) visit(inner, d + 2);
        else depth.set(nodeId.endpoint(memberName(m)), Math.max(depth.get(nodeId.endpoint(memberName(m))) ?? 0, d + 2));
      }
    }
  };
  for (const l of spec.listeners) if (!innerListeners.has(l.name)) visit(l.name, 1);

  const rows = new Map<number, number>();
  const place = (id: string) => {
    const col = depth.get(id) ?? 1;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    return { col, row };
  };

  const nodes: TopoNode[] = [{ id: nodeId.client, kind: "client", name: "Clients", col: 0, row: 0 }];
  const edges: TopoEdge[] = [];
  const edge = (source: string, target: string, hop: TopoEdge["hop"], encrypted: boolean, label: string | null = null) => {
    const id = edgeId(source, target);
    const existing = edges.find((e) => e.id === id);
    if (existing) existing.label = existing.label && label ? `${existing.label}; ${label}` : (existing.label ?? label);
    else edges.push({ id, source, target, hop, encrypted, label });
  };

  for (const l of spec.listeners) {
    const id = nodeId.listener(l.name);
    const entry = !innerListeners.has(l.name);
    const tlsEnds = l.layer === "l7" && l.tls === "terminate" ? "here" : l.layer === "l7" && l.tls === "reencrypt" ? "here-reencrypt" : null;
    nodes.push({ id, kind: "listener", name: l.name, ...place(id), layer: l.layer, tls: l.tls, entry, rules: listenerRules(l), tlsEnds });
    if (entry) edge(nodeId.client, id, "downstream", l.tls !== "none");
    for (const { cluster, label } of listenerClusters(l)) edge(id, nodeId.cluster(cluster), "internal", l.layer === "l4" && l.tls === "passthrough", label);
  }
  for (const c of spec.clusters) {
    const id = nodeId.cluster(c.name);
    const features = [c.sticky && `sticky cookie ${c.sticky.cookie}`, c.healthCheck && `${c.healthCheck.type.toUpperCase()} health check`, c.retries && `retries ×${c.retries.attempts}`, c.policy === "consistent-hash" && `hash on ${c.hashOn}`].filter(
      (f): f is string => Boolean(f),
    );
    nodes.push({ id, kind: "cluster", name: c.name, ...place(id), policy: c.policy, features });
    for (const m of c.endpoints) {
      const name = memberName(m);
      const inner = listenerTargets.get(name);
      const innerSpec = inner ? spec.listeners.find((x) => x.name === inner) : undefined;
      const e = spec.endpoints.find((x) => x.name === name);
      if (inner) edge(id, nodeId.listener(inner), "upstream", (innerSpec?.tls ?? "none") !== "none", name);
      else edge(id, nodeId.endpoint(name), "upstream", Boolean(e?.tls));
    }
  }
  let color = 0;
  for (const e of spec.endpoints) {
    if (listenerTargets.has(e.name)) continue;
    const id = nodeId.endpoint(e.name);
    nodes.push({ id, kind: "endpoint", name: e.name, ...place(id), tls: e.tls, endpointKind: e.kind, colorIndex: color++, tlsEnds: e.tls });
  }
  return { nodes, edges };
}

/**
 * Pixel positions: tiers left to right (or top to bottom when `vertical`), each tier centred on
 * the largest one. `along` is the distance between tiers, `across` between nodes of one tier.
 */
export function layoutPositions(nodes: readonly TopoNode[], gap = { along: 235, across: 135 }, vertical = false): Map<string, { x: number; y: number }> {
  const perCol = new Map<number, number>();
  for (const n of nodes) perCol.set(n.col, Math.max(perCol.get(n.col) ?? 0, n.row + 1));
  const tallest = Math.max(...perCol.values());
  const out = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const offset = ((tallest - (perCol.get(n.col) ?? 1)) * gap.across) / 2;
    const along = n.col * gap.along;
    const across = offset + n.row * gap.across;
    out.set(n.id, vertical ? { x: across, y: along } : { x: along, y: across });
  }
  return out;
}
