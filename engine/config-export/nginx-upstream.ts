// One nginx `upstream` block per cluster, in `stream {}` (L4) or `http {}` (L7).
import type { ClusterSpec, LabSpec } from "../api/schema";
import { members, varName, type ExportPorts } from "./topology";

/** Balancing directive for a policy (must precede `keepalive`, per the nginx docs). */
function balance(c: ClusterSpec, layer: "l4" | "l7"): string[] {
  if (layer === "l7" && c.sticky)
    return [
      `# sticky: the engine inserts cookie ${c.sticky.cookie}=<endpoint>. nginx OSS cannot insert cookies`,
      `# (that is NGINX Plus "sticky cookie"), so this hashes the cookie instead: same client, same server.`,
      `hash $cookie_${varName(c.sticky.cookie)} consistent;`,
    ];
  const key =
    c.hashOn === "source-ip" ? "$remote_addr" : c.hashOn === "path" ? "$uri" : c.hashOn.startsWith("header:") ? `$http_${varName(c.hashOn.slice(7))}` : `$cookie_${varName(c.hashOn.slice(7))}`;
  switch (c.policy) {
    case "round-robin":
      return ["# round robin is nginx's default"];
    case "weighted-round-robin":
      return ["# weighted round robin: nginx's default, with server weights"];
    case "least-connections":
      return ["least_conn;"];
    case "random":
      return ["random;"];
    case "power-of-two":
      return ["random two least_conn;  # power of two choices"];
    case "source-ip-hash":
      return layer === "l7" ? ["ip_hash;"] : ["hash $remote_addr;  # stream {} has no ip_hash"];
    case "consistent-hash":
      return [`hash ${key} consistent;  # ketama ring`];
  }
}

export function nginxUpstream(spec: LabSpec, c: ClusterSpec, ports: ExportPorts, layer: "l4" | "l7", name: string): string[] {
  const lines: string[] = [`upstream ${name} {`];
  const body: string[] = [...balance(c, layer)];
  const hc = c.healthCheck;
  let params = "";
  if (hc) {
    body.push(
      `# health: the engine runs an active ${hc.type.toUpperCase()} check${hc.type === "http" ? ` (GET ${hc.path} expects ${hc.expectStatus})` : ""} every ${hc.intervalMs}ms.`,
      `# nginx OSS has no active checks (NGINX Plus: health_check); max_fails/fail_timeout mark a`,
      `# server down passively after failed requests instead.`,
    );
    params = ` max_fails=${hc.unhealthyThreshold} fail_timeout=${Math.max(1, Math.ceil((hc.intervalMs * hc.unhealthyThreshold) / 1000))}s`;
  }
  for (const m of members(spec, c, ports)) body.push(`server ${m.address}${m.weight !== 1 ? ` weight=${m.weight}` : ""}${params};  # endpoint ${m.name}`);
  // Pooled keep-alive upstream connections, like the engine's L7 pool (needs HTTP/1.1 + Connection "").
  if (layer === "l7") body.push("keepalive 64;");
  lines.push(...body.map((b) => `    ${b}`), "}");
  return lines;
}
