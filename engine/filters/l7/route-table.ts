// L7 route matching: first match wins (Envoy's route table and HAProxy's `use_backend` order;
// nginx picks the longest location prefix instead — the exported nginx config says so).
// A route matches when every field it sets matches (AND), like an Envoy RouteMatch.
import type { L7ListenerSpec, RouteSpec } from "../../api/schema";
import { hostMatches } from "../../transport/sni-contexts";

export type MatchedOn = "path-prefix" | "host" | "header" | "cookie" | "catch-all";

export interface RouteRequest {
  path: string;
  /** Lower-case, without port. */
  host: string | null;
  headers: Record<string, string | string[] | undefined>;
  cookie(name: string): string | undefined;
}

export interface CompiledRoute {
  readonly index: number;
  readonly name: string | null;
  readonly cluster: string;
  readonly spec: RouteSpec;
  /** The most specific field the route tests; shown as route.match's matchedOn. */
  readonly matchedOn: MatchedOn;
  test(r: RouteRequest): boolean;
}

export function compileRoutes(spec: L7ListenerSpec): CompiledRoute[] {
  return spec.routes.map((route, index) => {
    const m = route.match;
    const host = m.host?.toLowerCase();
    const headerName = m.header?.name.toLowerCase();
    const matchedOn: MatchedOn = m.cookie ? "cookie" : m.header ? "header" : m.host ? "host" : m.pathPrefix ? "path-prefix" : "catch-all";
    const test = (r: RouteRequest): boolean => {
      if (m.pathPrefix !== undefined && !r.path.startsWith(m.pathPrefix)) return false;
      if (host !== undefined && (r.host === null || !hostMatches(host, r.host))) return false;
      if (headerName !== undefined) {
        const v = r.headers[headerName];
        // Repeated headers: match any value (HAProxy's `hdr()` acl does the same).
        if (v === undefined || !(Array.isArray(v) ? v.includes(m.header!.value) : v === m.header!.value)) return false;
      }
      if (m.cookie && r.cookie(m.cookie.name) !== m.cookie.value) return false;
      return true;
    };
    return { index, name: route.name ?? null, cluster: route.cluster, spec: route, matchedOn, test };
  });
}

export function matchRoute(routes: readonly CompiledRoute[], r: RouteRequest): CompiledRoute | null {
  for (const route of routes) if (route.test(r)) return route;
  return null;
}

/** Host header → lower-case name without port (RFC 9110 §7.2; IPv6 literals keep brackets). */
export function normalizeHost(raw: string | undefined): string | null {
  if (!raw) return null;
  const h = raw.trim().toLowerCase();
  if (h.startsWith("[")) {
    const end = h.indexOf("]");
    return end > 0 ? h.slice(0, end + 1) : h;
  }
  const colon = h.indexOf(":");
  return colon >= 0 ? h.slice(0, colon) : h;
}

/** Path without the query string, as routes and hash-on-path see it. */
export function pathOf(url: string): string {
  const q = url.indexOf("?");
  return q >= 0 ? url.slice(0, q) : url;
}
