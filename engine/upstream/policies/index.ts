// Policy factory: one file per policy, one switch here.
import type { Policy } from "../../api/schema";
import { ConsistentHashPolicy } from "./consistent-hash";
import { LeastConnectionsPolicy } from "./least-connections";
import type { LbPolicy, PolicyInit } from "./policy";
import { PowerOfTwoPolicy } from "./power-of-two";
import { RandomPolicy } from "./random";
import { RoundRobinPolicy } from "./round-robin";
import { SourceIpHashPolicy } from "./source-ip-hash";
import { WeightedRoundRobinPolicy } from "./weighted-round-robin";

export type { LbPolicy, PickResult, PolicyInit } from "./policy";

export function createPolicy(policy: Policy, init: PolicyInit): LbPolicy {
  switch (policy) {
    case "round-robin":
      return new RoundRobinPolicy();
    case "weighted-round-robin":
      return new WeightedRoundRobinPolicy();
    case "least-connections":
      return new LeastConnectionsPolicy();
    case "random":
      return new RandomPolicy();
    case "power-of-two":
      return new PowerOfTwoPolicy();
    case "source-ip-hash":
      return new SourceIpHashPolicy();
    case "consistent-hash":
      return new ConsistentHashPolicy(init);
  }
}
