// Least connections: the member with the fewest open proxy connections relative to its weight
// (HAProxy's `balance leastconn`, nginx's `least_conn`). Ties rotate round robin, as both do,
// so an idle cluster still spreads load instead of always choosing the first member.
import type { ClusterMember } from "../../contracts";
import type { LbPolicy, PickResult } from "./policy";

export class LeastConnectionsPolicy implements LbPolicy {
  readonly name = "least-connections" as const;
  private rotation = 0;

  pick(candidates: readonly ClusterMember[]): PickResult {
    const n = candidates.length;
    const start = this.rotation++ % n;
    if (this.rotation >= 0x3fffffff) this.rotation = 0;
    let best = candidates[start]!;
    let bestLoad = best.active / best.weight;
    for (let k = 1; k < n; k++) {
      const m = candidates[(start + k) % n]!;
      const load = m.active / m.weight;
      if (load < bestLoad) {
        best = m;
        bestLoad = load;
      }
    }
    return {
      member: best,
      reason: { kind: "policy", policy: this.name, detail: `least connections: ${best.active} open (weight ${best.weight}), fewest of ${n} healthy` },
    };
  }
}
