// Which endpoint serves this request: the proxy's sticky cookie first, then the cluster policy.
// Mirrors HAProxy's `cookie SRV insert indirect nocache` + `option redispatch`: a cookie naming a
// healthy server is honoured; one naming a down server is ignored, another server is chosen and
// the cookie is re-issued for it.
import type { ClusterMember, ClusterRuntime } from "../../contracts";
import type { PickReason } from "../../api/schema";
import type { RouteRequest } from "./route-table";

export interface EndpointChoice {
  member: ClusterMember;
  reason: PickReason;
  /** Endpoint name to put in the sticky cookie, when the proxy must (re-)issue it. */
  issueCookie: string | null;
}

export interface ChoiceInput {
  sourceIp: string;
  request: RouteRequest;
  /** Endpoints already tried by this request (retries). */
  exclude?: ReadonlySet<string>;
  /** Set when this is a retry: the reason says so. */
  retryOf?: string;
}

/** The value consistent-hash should hash, when it is not the source address. */
export function hashKeyFor(cluster: ClusterRuntime, r: RouteRequest): string | undefined {
  const { policy, hashOn } = cluster.spec;
  if (policy !== "consistent-hash" || hashOn === "source-ip") return undefined;
  if (hashOn === "path") return r.path;
  if (hashOn.startsWith("header:")) {
    const v = r.headers[hashOn.slice(7).toLowerCase()];
    return Array.isArray(v) ? v.join(",") : (v ?? "");
  }
  return r.cookie(hashOn.slice(7)) ?? "";
}

export function chooseEndpoint(cluster: ClusterRuntime, input: ChoiceInput): EndpointChoice | null {
  const sticky = cluster.spec.sticky;
  const policy = cluster.spec.policy;
  const hashKey = hashKeyFor(cluster, input.request);
  const wanted = sticky ? input.request.cookie(sticky.cookie) : undefined;
  let failedOver: string | null = null;

  if (sticky && wanted && !input.exclude?.has(wanted)) {
    const m = cluster.member(wanted);
    if (m?.healthy)
      return { member: m, reason: { kind: "cookie", policy, hashInput: wanted, detail: `cookie ${sticky.cookie}=${wanted} names a healthy endpoint` }, issueCookie: null };
    if (m) failedOver = wanted;
  }

  const exclude = failedOver ? new Set([...(input.exclude ?? []), failedOver]) : input.exclude;
  const picked = cluster.pick({ sourceIp: input.sourceIp, hashKey, exclude });
  if (!picked) return null;
  const issueCookie = sticky && picked.member.endpoint.name !== wanted ? picked.member.endpoint.name : null;

  if (input.retryOf)
    return {
      member: picked.member,
      reason: { ...picked.reason, kind: "retry", detail: `retry after ${input.retryOf} failed; ${picked.reason.detail}` },
      issueCookie,
    };
  if (failedOver)
    return {
      member: picked.member,
      reason: {
        ...picked.reason,
        kind: "sticky-failover",
        hashInput: failedOver,
        detail: `cookie ${sticky!.cookie}=${failedOver} names an unhealthy endpoint; ${picked.reason.detail}; cookie re-issued`,
      },
      issueCookie,
    };
  if (issueCookie && wanted)
    return { ...picked, reason: { ...picked.reason, detail: `${picked.reason.detail}; cookie ${sticky!.cookie}=${wanted} named no endpoint, re-issued` }, issueCookie };
  return { member: picked.member, reason: picked.reason, issueCookie };
}
