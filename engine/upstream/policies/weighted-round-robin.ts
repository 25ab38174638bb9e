// Smooth weighted round robin, as nginx implements it (ngx_http_upstream_round_robin.c,
// ngx_http_upstream_get_peer): on every pick each candidate's current weight grows by its weight,
// the largest wins and is lowered by the total. Weights 5:1:1 give a a b a c a a — interleaved,
// never a burst of five in a row the way naive WRR would.
import type { ClusterMember } from "../../contracts";
import type { LbPolicy, PickResult } from "./policy";

export class WeightedRoundRobinPolicy implements LbPolicy {
  readonly name = "weighted-round-robin" as const;
  private readonly current = new Map<ClusterMember, number>();

  pick(candidates: readonly ClusterMember[]): PickResult {
    let total = 0;
    let best: ClusterMember = candidates[0]!;
    let bestWeight = -Infinity;
    for (const m of candidates) {
      const cw = (this.current.get(m) ?? 0) + m.weight;
      this.current.set(m, cw);
      total += m.weight;
      if (cw > bestWeight) {
        bestWeight = cw;
        best = m;
      }
    }
    this.current.set(best, bestWeight - total);
    return {
      member: best,
      reason: { kind: "policy", policy: this.name, detail: `smooth weighted round robin: weight ${best.weight} of ${total} total` },
    };
  }
}
