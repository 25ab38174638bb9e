// One interface for every load-balancing policy (DESIGN.md convention 4): the cluster hands a
// policy the members it may choose from — healthy and not excluded — and the policy answers with
// one of them and why. Policies keep their own state (rotation, smooth weights, the hash ring).
import type { PickReason, Policy } from "../../api/schema";
import type { ClusterMember, PickInput } from "../../contracts";

export interface PickResult {
  member: ClusterMember;
  reason: PickReason;
}

export interface LbPolicy {
  readonly name: Policy;
  /** `candidates` is non-empty and only valid during the call (the cluster reuses the array). */
  pick(candidates: readonly ClusterMember[], input: PickInput): PickResult;
}

/** All members of the cluster, in spec order (stable-hash policies need the full set). */
export interface PolicyInit {
  members: readonly ClusterMember[];
}
