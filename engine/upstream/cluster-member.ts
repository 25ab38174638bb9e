// One endpoint as seen by one cluster: its weight, its health in this cluster (health is per
// cluster, as in Envoy: the same endpoint can be checked differently by two clusters) and the
// proxy connections currently open to it.
import type { ClusterMember, EndpointRuntime } from "../contracts";

export class Member implements ClusterMember {
  active = 0;
  /** Verdict of the active health check; unused when the cluster has none. */
  checkedHealthy = true;

  constructor(
    readonly endpoint: EndpointRuntime,
    readonly weight: number,
    private readonly checked: boolean,
  ) {}

  /**
   * With a health check: its verdict (endpoints start healthy, like HAProxy servers, and the first
   * check runs at once). Without one: healthy unless the endpoint is stopped — the lab knows its
   * own endpoints, much as Envoy's EDS would withdraw a host that is gone.
   */
  get healthy(): boolean {
    return this.checked ? this.checkedHealthy : this.endpoint.fault.mode !== "down";
  }
}
