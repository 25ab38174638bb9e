// The benchmark topology: one plain and one TLS endpoint, and one listener per case. One endpoint
// per cluster so the numbers measure the proxy hop, not balancing across slow backends.
// TLS names are "localhost": wrk sends the URL's host as SNI, and localhost resolves everywhere.
import type { LabSpecInput } from "../../engine/api/schema";

export const BENCH_SPEC: LabSpecInput = {
  name: "bench",
  endpoints: [{ name: "app" }, { name: "app-tls", tls: true, serverName: "localhost" }],
  clusters: [
    { name: "app", endpoints: ["app"] },
    { name: "app-tls", endpoints: ["app-tls"] },
  ],
  listeners: [
    { name: "l4", layer: "l4", cluster: "app" },
    { name: "l4-sni", layer: "l4", tls: "passthrough", cluster: "app-tls", sniRoutes: [{ serverName: "localhost", cluster: "app-tls" }] },
    { name: "l7", layer: "l7", routes: [{ cluster: "app" }] },
    // No session resumption, so connection-per-request measures full handshakes (the issue's
    // target) on every proxy: nginx and HAProxy run this same spec's export. With tickets, nginx
    // resumed every wrk connection and Node's TLS server every other one (it sends no new ticket
    // on a resumed TLS 1.3 connection), so the two did different work.
    { name: "l7-tls", layer: "l7", tls: "terminate", sessionResumption: false, hostnames: ["localhost"], routes: [{ cluster: "app" }] },
  ],
};

export interface BenchCase {
  label: string;
  /** Listener name, or null for "direct to the endpoint". */
  listener: string | null;
  scheme: "http" | "https";
  /** The target, as a ratio against a reference proxy, per connection mode. */
  target?: { against: "nginx" | "haproxy"; keepAlive: number; perRequest: number };
}

export const CASES: BenchCase[] = [
  { label: "direct to endpoint", listener: null, scheme: "http" },
  { label: "L4", listener: "l4", scheme: "http", target: { against: "nginx", keepAlive: 0.85, perRequest: 0.85 } },
  { label: "L4 TLS passthrough + SNI", listener: "l4-sni", scheme: "https", target: { against: "nginx", keepAlive: 0.85, perRequest: 0.85 } },
  { label: "L7 http", listener: "l7", scheme: "http", target: { against: "nginx", keepAlive: 0.7, perRequest: 0 } },
  { label: "L7 TLS terminate", listener: "l7-tls", scheme: "https", target: { against: "nginx", keepAlive: 0.7, perRequest: 0.5 } },
];

/** L7 per-request target is against HAProxy (the issue: ≥ 0.9× HAProxy http). */
export const L7_PER_REQUEST_VS_HAPROXY = 0.9;
