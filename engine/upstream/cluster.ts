// A cluster at runtime: its members, one load-balancing policy behind pick(), connection
// accounting and (optionally) an active health checker. Plain-data spec in, runtime out (Envoy's
// api/ vs source/ split).
import type { ClusterSpec } from "../api/schema";
import type { ClusterMember, ClusterRuntime, EndpointRuntime, EventSink, PickInput } from "../contracts";
import { Member } from "./cluster-member";
import type { ProbeSources } from "../traffic/source-addresses";
import { HealthChecker } from "./health-checker";
import { createPolicy, type LbPolicy, type PickResult } from "./policies";

export interface ClusterOptions {
  events: EventSink;
  /** The lab CA, so HTTP checks can verify TLS endpoints. */
  caCertPem: string | null;
  /** Source addresses for health checks (null: 127.0.0.1 only). */
  probeSources: ProbeSources | null;
}

export class Cluster implements ClusterRuntime {
  readonly members: readonly Member[];
  private readonly byName: Map<string, Member>;
  private readonly policy: LbPolicy;
  private readonly checker: HealthChecker | null;
  /** Reused per pick: no allocation on the hot path beyond the result. */
  private readonly scratch: Member[] = [];

  constructor(
    readonly spec: ClusterSpec,
    endpoints: ReadonlyMap<string, EndpointRuntime>,
    options: ClusterOptions,
  ) {
    const members = spec.endpoints.map((m) => {
      const name = typeof m === "string" ? m : m.endpoint;
      const weight = typeof m === "string" ? 1 : m.weight;
      const endpoint = endpoints.get(name);
      if (!endpoint) throw new Error(`cluster ${spec.name}: unknown endpoint ${name}`);
      return new Member(endpoint, weight, spec.healthCheck !== undefined);
    });
    this.members = members;
    this.byName = new Map(members.map((m) => [m.endpoint.name, m]));
    this.policy = createPolicy(spec.policy, { members });
    this.checker = spec.healthCheck ? new HealthChecker(spec.name, spec.healthCheck, members, options.events, options.caCertPem, options.probeSources) : null;
  }

  get name(): string {
    return this.spec.name;
  }

  /** Starts active health checks (after every endpoint and listener is bound). */
  start(): void {
    this.checker?.start();
  }

  member(name: string): Member | undefined {
    return this.byName.get(name);
  }

  pick(input: PickInput): PickResult | null {
    const candidates = this.scratch;
    candidates.length = 0;
    const exclude = input.exclude;
    for (const m of this.members) if (m.healthy && !(exclude && exclude.has(m.endpoint.name))) candidates.push(m);
    if (candidates.length === 0) return null;
    const result = this.policy.pick(candidates, input);
    candidates.length = 0;
    return result;
  }

  acquire(member: ClusterMember): void {
    (member as Member).active++;
  }

  release(member: ClusterMember): void {
    const m = member as Member;
    if (m.active > 0) m.active--;
  }

  reportFailure(member: ClusterMember, _reason: string): void {
    this.checker?.nudge(member as Member);
  }

  close(): void {
    this.checker?.stop();
  }
}
