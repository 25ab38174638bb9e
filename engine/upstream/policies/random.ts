// Random: a uniformly random healthy member per pick (Envoy's RANDOM). No shared state at all,
// which is why it scales across many proxy instances — at the price of short-term imbalance.
import type { ClusterMember } from "../../contracts";
import type { LbPolicy, PickResult } from "./policy";

export class RandomPolicy implements LbPolicy {
  readonly name = "random" as const;

  constructor(private readonly random: () => number = Math.random) {}

  pick(candidates: readonly ClusterMember[]): PickResult {
    const i = Math.floor(this.random() * candidates.length) % candidates.length;
    return {
      member: candidates[i]!,
      reason: { kind: "policy", policy: this.name, detail: `random: drew ${i + 1} of ${candidates.length} healthy` },
    };
  }
}
