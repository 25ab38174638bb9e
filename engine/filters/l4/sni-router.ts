// Maps a peeked SNI to a cluster: exact names first, then one-label wildcards ("*.lab.test"
// matches "a.lab.test" but not "lab.test" or "a.b.lab.test", the RFC 6125 §6.4.3 rule).
import type { L4ListenerSpec } from "../../api/schema";
import type { ClusterRuntime } from "../../contracts";

export interface SniRoute {
  serverName: string;
  cluster: ClusterRuntime;
}

export class SniRouter {
  private readonly exact = new Map<string, SniRoute>();
  private readonly wildcard = new Map<string, SniRoute>();

  constructor(routes: NonNullable<L4ListenerSpec["sniRoutes"]>, clusters: ReadonlyMap<string, ClusterRuntime>) {
    for (const r of routes) {
      const cluster = clusters.get(r.cluster);
      if (!cluster) throw new Error(`unknown cluster ${r.cluster}`);
      const name = r.serverName.toLowerCase();
      const route = { serverName: name, cluster };
      if (name.startsWith("*.")) {
        if (!this.wildcard.has(name.slice(2))) this.wildcard.set(name.slice(2), route);
      } else if (!this.exact.has(name)) this.exact.set(name, route);
    }
  }

  match(sni: string): SniRoute | null {
    const exact = this.exact.get(sni);
    if (exact) return exact;
    const dot = sni.indexOf(".");
    return dot > 0 ? (this.wildcard.get(sni.slice(dot + 1)) ?? null) : null;
  }
}
