// Lab specs that together use every feature the exporters render: all policies at both layers,
// weights, SNI routes (exact and wildcard), PROXY protocol, TLS terminate and reencrypt with
// several virtual hosts, path/host/header/cookie routes (also combined), stickiness, HTTP and TCP
// health checks, retries, timeouts and listener endpoints.
import type { LabSpecInput } from "../../engine/api/schema";

export const FEATURE_SPECS: Record<string, LabSpecInput> = {
  "every-policy": {
    name: "Every policy",
    endpoints: [{ name: "a" }, { name: "b" }, { name: "c" }, { name: "echo", kind: "tcp-echo" }],
    clusters: [
      { name: "rr", endpoints: ["a", "b"] },
      { name: "wrr", policy: "weighted-round-robin", endpoints: [{ endpoint: "a", weight: 3 }, "b"] },
      { name: "lc", policy: "least-connections", endpoints: ["a", "b", "c"] },
      { name: "rnd", policy: "random", endpoints: ["a", "b"] },
      { name: "p2c", policy: "power-of-two", endpoints: ["a", "b", "c"] },
      { name: "src", policy: "source-ip-hash", endpoints: ["a", "b"] },
      { name: "ring", policy: "consistent-hash", endpoints: ["a", "b", "c"] },
      { name: "tcp", policy: "least-connections", endpoints: ["echo"], healthCheck: { type: "tcp" } },
    ],
    listeners: [
      { name: "l4-rr", layer: "l4", cluster: "rr", proxyProtocol: true },
      { name: "l4-ring", layer: "l4", cluster: "ring" },
      { name: "l4-tcp", layer: "l4", cluster: "tcp" },
      {
        name: "web",
        layer: "l7",
        routes: [
          { name: "wrr", match: { pathPrefix: "/wrr" }, cluster: "wrr" },
          { name: "lc", match: { pathPrefix: "/lc" }, cluster: "lc" },
          { name: "rnd", match: { pathPrefix: "/rnd" }, cluster: "rnd" },
          { name: "p2c", match: { pathPrefix: "/p2c" }, cluster: "p2c" },
          { name: "src", match: { pathPrefix: "/src" }, cluster: "src" },
          { match: {}, cluster: "rr" },
        ],
      },
    ],
  },
  "hash-inputs": {
    name: "hash inputs",
    endpoints: [{ name: "a" }, { name: "b" }, { name: "c" }],
    clusters: [
      { name: "by-path", policy: "consistent-hash", hashOn: "path", endpoints: ["a", "b", "c"] },
      { name: "by-header", policy: "consistent-hash", hashOn: "header:X-User", endpoints: ["a", "b", "c"] },
      { name: "by-cookie", policy: "consistent-hash", hashOn: "cookie:session", endpoints: ["a", "b", "c"] },
    ],
    listeners: [
      {
        name: "web",
        layer: "l7",
        routes: [
          { match: { pathPrefix: "/p" }, cluster: "by-path" },
          { match: { pathPrefix: "/h" }, cluster: "by-header" },
          { cluster: "by-cookie" },
        ],
      },
    ],
  },
  "routes-sticky-health": {
    name: "routes, stickiness, health",
    endpoints: [{ name: "a" }, { name: "b" }, { name: "c", fault: { mode: "error", status: 500 } }, { name: "d" }],
    clusters: [
      {
        name: "app",
        endpoints: ["a", "b", "c"],
        sticky: { cookie: "LL_STICKY", ttlSeconds: 3600 },
        healthCheck: { type: "http", path: "/health", expectStatus: 200, intervalMs: 500, healthyThreshold: 2, unhealthyThreshold: 3 },
        retries: { attempts: 2, on: ["connect-failure", "5xx"] },
        timeouts: { connectMs: 200, responseMs: 1500 },
      },
      { name: "beta", endpoints: ["d"], retries: { attempts: 1, on: ["connect-failure"] } },
      { name: "admin", endpoints: ["d"], healthCheck: { type: "tcp" } },
    ],
    listeners: [
      {
        name: "front",
        layer: "l7",
        hostnames: ["shop.test", "admin.shop.test"],
        routes: [
          { name: "admin", match: { host: "admin.shop.test" }, cluster: "admin" },
          { name: "beta-users", match: { pathPrefix: "/api", header: { name: "X-Beta", value: "yes" }, cookie: { name: "tier", value: "gold" } }, cluster: "beta" },
          { name: "beta-header", match: { header: { name: "X-Beta", value: "1" } }, cluster: "beta" },
          { name: "api", match: { pathPrefix: "/api" }, cluster: "app" },
          { name: "api-v2", match: { pathPrefix: "/api/v2", host: "shop.test" }, cluster: "beta" },
          { name: "cookie-only", match: { cookie: { name: "canary", value: "on" } }, cluster: "beta" },
        ],
      },
    ],
  },
  "tls-everything": {
    name: "tls everything",
    endpoints: [{ name: "plain-a" }, { name: "plain-b" }, { name: "sec-a", tls: true }, { name: "sec-b", tls: true, serverName: "b.internal.test" }, { name: "tls-echo", kind: "tcp-echo", tls: true }],
    clusters: [
      { name: "plain", endpoints: ["plain-a", "plain-b"], healthCheck: { type: "http" } },
      { name: "secure", endpoints: ["sec-a", "sec-b"], policy: "least-connections", healthCheck: { type: "http", path: "/ready" }, sticky: {} },
      { name: "pass", endpoints: ["sec-a", "sec-b"], healthCheck: { type: "tcp" } },
      { name: "pass-echo", endpoints: ["tls-echo"] },
    ],
    listeners: [
      { name: "edge", layer: "l7", tls: "terminate", hostnames: ["www.lab.test", "*.apps.lab.test"], routes: [{ match: { host: "*.apps.lab.test" }, cluster: "plain" }, { cluster: "plain" }] },
      { name: "reenc", layer: "l7", tls: "reencrypt", hostnames: ["secure.lab.test"], routes: [{ cluster: "secure" }] },
      { name: "full-handshakes", layer: "l7", tls: "terminate", sessionResumption: false, hostnames: ["full.lab.test"], routes: [{ cluster: "plain" }] },
      {
        name: "sni",
        layer: "l4",
        tls: "passthrough",
        cluster: "pass",
        sniRoutes: [{ serverName: "echo.lab.test", cluster: "pass-echo" }, { serverName: "*.pass.lab.test", cluster: "pass" }],
        proxyProtocol: true,
      },
    ],
  },
  tiered: {
    name: "tiered",
    endpoints: [{ name: "a" }, { name: "b" }, { name: "inner", kind: "listener", listener: "inner-l7" }],
    clusters: [
      { name: "apps", endpoints: ["a", "b"] },
      { name: "tier", endpoints: ["inner"] },
    ],
    listeners: [
      { name: "outer-l4", layer: "l4", cluster: "tier" },
      { name: "inner-l7", layer: "l7", routes: [{ cluster: "apps" }] },
    ],
  },
};
