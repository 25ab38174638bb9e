// Round robin: each pick takes the next healthy member in turn (nginx's default upstream
// balancing, HAProxy's `balance roundrobin`, Envoy's ROUND_ROBIN with equal weights).
import type { ClusterMember } from "../../contracts";
import type { LbPolicy, PickResult } from "./policy";

export class RoundRobinPolicy implements LbPolicy {
  readonly name = "round-robin" as const;
  private next = 0;

  pick(candidates: readonly ClusterMember[]): PickResult {
    const i = this.next++ % candidates.length;
    if (this.next >= 0x3fffffff) this.next = 0;
    const member = candidates[i]!;
    return {
      member,
      reason: { kind: "policy", policy: this.name, detail: `round robin: next in turn (${i + 1} of ${candidates.length} healthy)` },
    };
  }
}
