// Consistent hashing on a ring with virtual nodes (Karger et al. 1997; the ketama layout nginx's
// `hash $key consistent` uses: 160 points per unit of weight). Every member — healthy or not —
// owns points on the ring, so the ring never changes; a key walks clockwise to the first point of
// a healthy, non-excluded member. When one member fails only its keys move, which is the
// difference from source-ip-hash's modulo.
import type { ClusterMember, PickInput } from "../../contracts";
import { hash32 } from "./hash";
import type { LbPolicy, PickResult, PolicyInit } from "./policy";

const POINTS_PER_WEIGHT = 160;

export class ConsistentHashPolicy implements LbPolicy {
  readonly name = "consistent-hash" as const;
  private readonly points: Uint32Array;
  private readonly owners: ClusterMember[];

  constructor(init: PolicyInit) {
    const ring: { point: number; owner: ClusterMember }[] = [];
    for (const m of init.members)
      for (let i = 0; i < POINTS_PER_WEIGHT * m.weight; i++) ring.push({ point: hash32(`${m.endpoint.name}#${i}`), owner: m });
    ring.sort((a, b) => a.point - b.point);
    this.points = Uint32Array.from(ring, (r) => r.point);
    this.owners = ring.map((r) => r.owner);
  }

  pick(candidates: readonly ClusterMember[], input: PickInput): PickResult {
    const key = input.hashKey ?? input.sourceIp;
    const h = hash32(key);
    // First point >= h (binary search), wrapping around the ring.
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.points[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    const n = this.points.length;
    let member: ClusterMember | undefined;
    let skipped = 0;
    for (let k = 0; k < n; k++) {
      const owner = this.owners[(lo + k) % n]!;
      if (candidates.includes(owner)) {
        member = owner;
        break;
      }
      skipped++;
    }
    member ??= candidates[0]!; // unreachable: every candidate owns points
    return {
      member,
      reason: {
        kind: "hash",
        policy: this.name,
        hashInput: key,
        detail: `ring position ${h} → ${member.endpoint.name}${skipped ? ` (skipped ${skipped} points of unavailable members)` : ""}`,
      },
    };
  }
}
