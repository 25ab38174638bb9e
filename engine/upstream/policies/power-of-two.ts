// Power of two choices (Mitzenmacher, "The Power of Two Choices in Randomized Load Balancing";
// Envoy's LEAST_REQUEST with choice_count 2, nginx's `random two least_conn`): draw two distinct
// members at random and keep the one with fewer open connections. Nearly as even as
// least-connections, without scanning every member or herding onto the one that just freed up.
import type { ClusterMember } from "../../contracts";
import type { LbPolicy, PickResult } from "./policy";

export class PowerOfTwoPolicy implements LbPolicy {
  readonly name = "power-of-two" as const;

  constructor(private readonly random: () => number = Math.random) {}

  pick(candidates: readonly ClusterMember[]): PickResult {
    const n = candidates.length;
    if (n === 1) return { member: candidates[0]!, reason: { kind: "policy", policy: this.name, detail: "power of two: only one healthy member" } };
    const i = Math.floor(this.random() * n) % n;
    let j = Math.floor(this.random() * (n - 1)) % (n - 1);
    if (j >= i) j++;
    const a = candidates[i]!;
    const b = candidates[j]!;
    const member = b.active / b.weight < a.active / a.weight ? b : a;
    const other = member === a ? b : a;
    return {
      member,
      reason: {
        kind: "policy",
        policy: this.name,
        detail: `power of two: drew ${a.endpoint.name} (${a.active} open) and ${b.endpoint.name} (${b.active} open), kept ${member.endpoint.name} over ${other.endpoint.name}`,
      },
    };
  }
}
