// nginx has no ordered route list: it picks a server block by Host (exact, then wildcard) and then
// the LONGEST matching location prefix. The engine (like Envoy and HAProxy's use_backend) takes
// the FIRST matching route. This plan recreates first-match semantics on nginx's structure:
// one server block per virtual host, one location per distinct prefix, and in each location only
// the routes that can match a request nginx sends there, in their original order.
import type { L7ListenerSpec, RouteSpec } from "../api/schema";
import { hostMatches } from "../transport/sni-contexts";

export interface PlannedRoute {
  index: number;
  spec: RouteSpec;
}
export interface LocationPlan {
  prefix: string;
  routes: PlannedRoute[];
}
export interface ServerPlan {
  /** "_" for the catch-all server (Host matched no virtual host). */
  serverName: string;
  isDefault: boolean;
  /** Which virtual host's certificate this server presents. */
  certHost: string;
  locations: LocationPlan[];
}

function certHostFor(l: L7ListenerSpec, name: string): string {
  return l.hostnames.find((h) => h === name) ?? l.hostnames.find((h) => hostMatches(h, name)) ?? l.hostnames[0] ?? "lab.test";
}

function locationsFor(routes: PlannedRoute[]): LocationPlan[] {
  const prefixes = ["/"];
  for (const r of routes) {
    const p = r.spec.match.pathPrefix;
    if (p !== undefined && !prefixes.includes(p)) prefixes.push(p);
  }
  return prefixes.map((prefix) => ({
    prefix,
    // A request lands in `prefix` only if no longer listed prefix matches it, so the routes that
    // can match it are those without a prefix or with a prefix of `prefix` itself.
    routes: routes.filter((r) => r.spec.match.pathPrefix === undefined || prefix.startsWith(r.spec.match.pathPrefix)),
  }));
}

export function planServers(l: L7ListenerSpec): ServerPlan[] {
  const all: PlannedRoute[] = l.routes.map((spec, index) => ({ index, spec }));
  const names: string[] = [];
  for (const h of [...l.hostnames, ...l.routes.map((r) => r.match.host).filter((h): h is string => !!h)]) {
    const n = h.toLowerCase();
    if (!names.includes(n)) names.push(n);
  }
  const servers: ServerPlan[] = names.map((name) => ({
    serverName: name,
    isDefault: false,
    certHost: certHostFor(l, name),
    locations: locationsFor(all.filter((r) => !r.spec.match.host || hostMatches(r.spec.match.host.toLowerCase(), name))),
  }));
  // Unknown or missing Host: only host-less routes apply (the engine's behaviour too).
  servers.push({
    serverName: "_",
    isDefault: true,
    certHost: l.hostnames[0] ?? "lab.test",
    locations: locationsFor(all.filter((r) => !r.spec.match.host)),
  });
  return servers;
}

/** True when a route also needs a header or cookie test (done with an nginx `map`). */
export function isConditional(r: RouteSpec): boolean {
  return !!(r.match.header || r.match.cookie);
}
