// HAProxy backends: one per (layer, cluster). HAProxy can express nearly everything the engine
// does natively — active HTTP checks, cookie insertion, per-server TLS verification, L7 retries.
import type { ClusterSpec, LabSpec } from "../api/schema";
import { caFile, members, ms, serverNameOf, type ExportPorts } from "./topology";

function balance(c: ClusterSpec, layer: "l4" | "l7"): string[] {
  switch (c.policy) {
    case "round-robin":
    case "weighted-round-robin":
      return ["balance roundrobin"];
    case "least-connections":
      return ["balance leastconn"];
    case "random":
      return ["balance random"];
    case "power-of-two":
      return ["balance random(2)  # power of two choices: the less loaded of two random servers"];
    case "source-ip-hash":
      return ["balance source"];
    case "consistent-hash": {
      const on = layer === "l4" || c.hashOn === "source-ip" ? "source" : c.hashOn === "path" ? "uri path-only" : c.hashOn.startsWith("header:") ? `hdr(${c.hashOn.slice(7)})` : `hash req.cook(${c.hashOn.slice(7)})`;
      return [`balance ${on}`, "hash-type consistent  # ring hash: few keys move when a server leaves"];
    }
  }
}

export interface BackendUse {
  name: string;
  cluster: ClusterSpec;
  layer: "l4" | "l7";
  proxyProtocol: boolean;
  /** L7 reencrypt: servers speak TLS, verified against the lab CA. */
  reencrypt: boolean;
  /** L4: other servers tried after a failed connect (the listener's connectRetries). */
  connectRetries?: number;
}

export function haproxyBackend(spec: LabSpec, b: BackendUse, ports: ExportPorts, certDir: string): string[] {
  const c = b.cluster;
  const lines: string[] = [`mode ${b.layer === "l4" ? "tcp" : "http"}`, ...balance(c, b.layer)];
  const hc = c.healthCheck;
  if (hc?.type === "http") lines.push(`option httpchk GET ${hc.path}`, `http-check expect status ${hc.expectStatus}`);
  if (b.layer === "l7") {
    if (c.sticky)
      lines.push(`cookie ${c.sticky.cookie} insert indirect nocache httponly${c.sticky.ttlSeconds ? ` maxlife ${c.sticky.ttlSeconds}s` : ""}  # the proxy issues and honours it`);
    if (c.sticky || c.retries) lines.push("option redispatch 1  # a retry or a down sticky server goes to another server");
    const r = c.retries;
    if (r) {
      const on = [...(r.on.includes("connect-failure") ? ["conn-failure", "empty-response", "response-timeout"] : []), ...(r.on.includes("5xx") ? ["500", "502", "503", "504"] : [])];
      lines.push(
        `retries ${r.attempts}`,
        `retry-on ${on.join(" ")}`,
        "# never replay requests that are not idempotent (RFC 9110 §9.2.2)",
        "http-request disable-l7-retry if METH_POST || { method PATCH }",
      );
    } else lines.push("retries 0  # no retries configured");
    lines.push(`timeout connect ${ms(c.timeouts?.connectMs ?? 1000)}`, `timeout server ${ms(c.timeouts?.responseMs ?? 5000)}`, "http-reuse safe  # pooled keep-alive upstream connections");
  } else {
    // The engine's L4 listener tries other endpoints when a connect fails (nothing was sent yet).
    const retries = b.connectRetries ?? 0;
    if (retries > 0) lines.push(`retries ${retries}`, "option redispatch 1  # each connect retry goes to another server");
    else lines.push("retries 0  # a refused connect closes the client");
    lines.push(`timeout connect ${ms(c.timeouts?.connectMs ?? 1000)}`, "timeout server 60s");
  }
  const check = hc ? ` check inter ${ms(hc.intervalMs)} rise ${hc.healthyThreshold} fall ${hc.unhealthyThreshold}` : "";
  for (const m of members(spec, c, ports)) {
    let s = `server ${m.name} ${m.address}`;
    if (c.policy === "weighted-round-robin" || m.weight !== 1) s += ` weight ${m.weight}`;
    if (b.layer === "l7" && c.sticky) s += ` cookie ${m.name}`;
    s += check;
    if (b.proxyProtocol) s += " send-proxy  # PROXY protocol v1";
    if (b.reencrypt) {
      const name = serverNameOf(m.spec);
      s += ` ssl verify required ca-file ${caFile(certDir)} verifyhost ${name} sni str(${name}) alpn http/1.1`;
    }
    lines.push(s);
  }
  return [`backend ${b.name}`, ...lines.map((l) => `    ${l}`), ""];
}
