// Source-IP hash: the client's address, hashed, modulo the total weight of the healthy members
// (HAProxy's `balance source` with the default map-based hash). The same client keeps the same
// endpoint while the healthy set is stable — stickiness an L4 proxy can offer without seeing a
// cookie. When the set changes, most clients move: the contrast with consistent-hash.
// (nginx's `ip_hash` hashes only the first three octets of an IPv4 address, so every 127.0.0.x
// lab client would land on one endpoint; we hash the whole address like HAProxy.)
import type { ClusterMember, PickInput } from "../../contracts";
import { hash32 } from "./hash";
import type { LbPolicy, PickResult } from "./policy";

export class SourceIpHashPolicy implements LbPolicy {
  readonly name = "source-ip-hash" as const;

  pick(candidates: readonly ClusterMember[], input: PickInput): PickResult {
    let total = 0;
    for (const m of candidates) total += m.weight;
    const h = hash32(input.sourceIp);
    let slot = h % total;
    let member = candidates[0]!;
    for (const m of candidates) {
      if (slot < m.weight) {
        member = m;
        break;
      }
      slot -= m.weight;
    }
    return {
      member,
      reason: {
        kind: "hash",
        policy: this.name,
        hashInput: input.sourceIp,
        detail: `hash(${input.sourceIp}) = ${h}, mod ${total} (total weight of ${candidates.length} healthy) → ${member.endpoint.name}`,
      },
    };
  }
}
