// The exported nginx and HAProxy configurations are real: `nginx -t` and `haproxy -c` accept them
// for every shipped example and for specs that use every feature. Certificates are generated at
// test time by a lab CA and written to a temp dir the configs point at.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { labSpecSchema, type LabSpec } from "../../engine/api/schema";
import { exportConfig } from "../../engine/config-export/index";
import { writeLabCertFiles } from "../../engine/config-export/cert-files";
import { createLabCa } from "../../engine/transport/ca";
import { FEATURE_SPECS } from "./config-export-specs";

const has = (bin: string, args: string[]) => spawnSync(bin, args).status === 0;
const NGINX = has("nginx", ["-v"]);
const HAPROXY = has("haproxy", ["-v"]);
const STREAM_MODULE = "/usr/lib/nginx/modules/ngx_stream_module.so";
/** Debian builds `stream {}` as a dynamic module (package libnginx-mod-stream); other builds link it in. */
const STREAM: "static" | "module" | "missing" = (() => {
  if (!NGINX) return "missing";
  const v = spawnSync("nginx", ["-V"], { encoding: "utf8" }).stderr;
  if (/--with-stream(?=\s)/.test(v)) return "static";
  return existsSync(STREAM_MODULE) ? "module" : "missing";
})();
if (NGINX && STREAM === "missing")
  console.warn("[config-export] nginx has no stream module: skipping `nginx -t` for specs with L4 listeners (apt-get install -y libnginx-mod-stream)");
if (!NGINX) console.warn("[config-export] nginx is not installed: skipping `nginx -t` checks (apt-get install -y nginx libnginx-mod-stream)");
if (!HAPROXY) console.warn("[config-export] haproxy is not installed: skipping `haproxy -c` checks (apt-get install -y haproxy)");

const examplesDir = path.resolve(import.meta.dirname, "../../engine/examples");
const examples = (() => {
  try {
    return readdirSync(examplesDir).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
})();
if (examples.length === 0) console.warn("[config-export] engine/examples has no *.json yet: only the feature specs are checked");

const cases: [string, LabSpec][] = [
  ...examples.map((f): [string, LabSpec] => [`example ${f}`, labSpecSchema.parse(JSON.parse(readFileSync(path.join(examplesDir, f), "utf8")))]),
  ...Object.entries(FEATURE_SPECS).map(([k, v]): [string, LabSpec] => [`spec ${k}`, labSpecSchema.parse(v)]),
];

const root = mkdtempSync(path.join(tmpdir(), "layerlab-export-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakePorts(spec: LabSpec) {
  let p = 20_000;
  return {
    listeners: Object.fromEntries(spec.listeners.map((l) => [l.name, p++])),
    endpoints: Object.fromEntries(spec.endpoints.map((e) => [e.name, p++])),
  };
}

async function render(name: string, spec: LabSpec, format: "nginx" | "haproxy"): Promise<{ file: string; text: string }> {
  const dir = path.join(root, name.replace(/[^a-z0-9.-]+/gi, "_"));
  await writeLabCertFiles(spec, await createLabCa(), dir);
  const nginxModulesDir = STREAM === "module" ? path.dirname(STREAM_MODULE) : null;
  const text = exportConfig(spec, format, fakePorts(spec), { certDir: dir, runtimeDir: dir, nginxModulesDir });
  const file = path.join(dir, `${format}.conf`);
  writeFileSync(file, text);
  return { file, text };
}

describe("config export: nginx -t", () => {
  for (const [name, spec] of cases)
    it.skipIf(!NGINX || (STREAM === "missing" && spec.listeners.some((l) => l.layer === "l4")))(`${name} passes nginx -t`, async () => {
      const { file } = await render(name, spec, "nginx");
      const r = spawnSync("nginx", ["-t", "-c", file], { encoding: "utf8" });
      expect(r.stderr, r.stderr).toMatch(/test is successful/);
      expect(r.status).toBe(0);
    });
});

describe("config export: haproxy -c", () => {
  for (const [name, spec] of cases)
    it.skipIf(!HAPROXY)(`${name} passes haproxy -c without warnings`, async () => {
      const { file } = await render(name, spec, "haproxy");
      const r = spawnSync("haproxy", ["-c", "-f", file], { encoding: "utf8" });
      const out = r.stdout + r.stderr;
      expect(r.status, out).toBe(0);
      expect(out).not.toMatch(/\[WARNING\]|\[ALERT\]/);
    });
});

describe("config export: what it renders", () => {
  const lab = labSpecSchema.parse(FEATURE_SPECS["every-policy"]!);
  const tls = labSpecSchema.parse(FEATURE_SPECS["tls-everything"]!);
  const routes = labSpecSchema.parse(FEATURE_SPECS["routes-sticky-health"]!);
  const ports = fakePorts(lab);
  const opts = { certDir: "/etc/layerlab/x" };

  it("nginx: policies, stream and http blocks, PROXY protocol", () => {
    const text = exportConfig(lab, "nginx", ports, opts);
    for (const s of ["stream {", "http {", "least_conn;", "random two least_conn;", "ip_hash;", "random;", "weight=3", "hash $remote_addr consistent;", "proxy_protocol on;", "proxy_half_close on;", "keepalive 64;", "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;"])
      expect(text).toContain(s);
  });

  it("haproxy: balance algorithms, modes, send-proxy", () => {
    const text = exportConfig(lab, "haproxy", ports, opts);
    for (const s of ["mode tcp", "mode http", "balance roundrobin", "balance leastconn", "balance random(2)", "balance source", "hash-type consistent", "send-proxy", "option forwardfor"])
      expect(text).toContain(s);
  });

  it("TLS: terminate certs per host, reencrypt verification, SNI peek", () => {
    const n = exportConfig(tls, "nginx", fakePorts(tls), opts);
    expect(n).toContain("ssl_preread on;");
    expect(n).toContain("ssl_certificate /etc/layerlab/x/www.lab.test.pem;");
    expect(n).toContain("ssl_certificate /etc/layerlab/x/_wildcard_.apps.lab.test.pem;");
    expect(n).toContain("proxy_ssl_verify on;");
    const h = exportConfig(tls, "haproxy", fakePorts(tls), opts);
    expect(h).toContain("crt /etc/layerlab/x/www.lab.test.pem crt /etc/layerlab/x/_wildcard_.apps.lab.test.pem");
    expect(h).toContain("ssl verify required ca-file /etc/layerlab/x/ca.pem verifyhost b.internal.test");
    expect(h).toContain("tcp-request inspect-delay 5s");
    expect(h).toContain("req.ssl_sni -i echo.lab.test");
  });

  it("TLS session resumption off: no tickets and no session cache, only where asked in nginx", () => {
    const n = exportConfig(tls, "nginx", fakePorts(tls), opts);
    // One server block: from its name to the next block's start.
    const server = (name: string) => n.slice(n.indexOf(`server_name ${name};`)).split("server {")[0]!;
    expect(server("full.lab.test")).toContain("ssl_session_tickets off;");
    expect(server("full.lab.test")).toContain("ssl_session_cache off;");
    expect(server("www.lab.test")).not.toContain("ssl_session_tickets");
    const h = exportConfig(tls, "haproxy", fakePorts(tls), opts);
    expect(h).toMatch(/crt \/etc\/layerlab\/x\/full\.lab\.test\.pem alpn http\/1\.1 no-tls-tickets\n/);
    expect(h).toMatch(/crt \/etc\/layerlab\/x\/www\.lab\.test\.pem crt \S+ alpn http\/1\.1\n/);
    // HAProxy's cache is global: turning resumption off anywhere turns the cache off.
    expect(h).toContain("tune.ssl.cachesize 0");
    expect(exportConfig(lab, "haproxy", ports, opts)).not.toContain("tune.ssl.cachesize");
  });

  it("routes, stickiness, health checks and retries", () => {
    const n = exportConfig(routes, "nginx", fakePorts(routes), opts);
    expect(n).toContain("server_name admin.shop.test;");
    expect(n).toContain('location ^~ "/api" {');
    expect(n).toMatch(/map "\$http_x_beta\|\$cookie_tier" \$ll_front_route1/);
    expect(n).toContain("hash $cookie_ll_sticky consistent;");
    expect(n).toContain("max_fails=3");
    expect(n).toContain("proxy_next_upstream error timeout http_500 http_502 http_503 http_504;");
    const h = exportConfig(routes, "haproxy", fakePorts(routes), opts);
    expect(h).toContain("cookie LL_STICKY insert indirect nocache");
    expect(h).toContain("option httpchk GET /health");
    expect(h).toContain("http-check expect status 200");
    expect(h).toContain("check inter 500ms rise 2 fall 3");
    expect(h).toContain("retry-on conn-failure empty-response response-timeout 500 502 503 504");
    expect(h).toContain("acl r1_cook req.cook(tier)");
    // Order is preserved: the admin host route is evaluated before the /api route.
    expect(h.indexOf("use_backend admin")).toBeLessThan(h.indexOf("use_backend app"));
  });
});
