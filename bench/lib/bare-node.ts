// Starts the bare Node proxies (bare-node-proxy.mjs) as child processes in front of the bench
// lab's endpoints, one per listener they can stand in for: "l4" and "l7" before the plain
// endpoint, "l4-sni" — the same L4 proxy, with no SNI peek — before the TLS endpoint, and "l7-tls",
// the L7 proxy behind https.Server with a certificate for "localhost", so that every proxied case
// has a floor.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, waitForPort, type ReferenceProxy } from "./reference-proxies";

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "bare-node-proxy.mjs");

const STANDS_IN_FOR = [
  { listener: "l4", mode: "l4", endpoint: "app" },
  { listener: "l4-sni", mode: "l4", endpoint: "app-tls" },
  { listener: "l7", mode: "l7", endpoint: "app" },
  { listener: "l7-tls", mode: "l7-tls", endpoint: "app" },
] as const;

/** `identity`: key and certificate chain (PEM) for the TLS-terminating proxy. */
export async function startBareNode(endpointPorts: Record<string, number>, identity: { keyPem: string; certPem: string }): Promise<ReferenceProxy> {
  const env = { ...process.env, BARE_TLS_KEY: identity.keyPem, BARE_TLS_CERT: identity.certPem };
  const ports: Record<string, number> = {};
  const pids: Record<string, number> = {};
  const children: ChildProcess[] = [];
  for (const { listener, mode, endpoint } of STANDS_IN_FOR) {
    const port = await freePort();
    const child = spawn(process.execPath, [SCRIPT, mode, String(port), String(endpointPorts[endpoint])], { stdio: "ignore", env });
    children.push(child);
    await waitForPort(port, child);
    ports[listener] = port;
    pids[listener] = child.pid!;
  }
  return {
    name: "bare node",
    ports,
    loopPid: (listener) => pids[listener] ?? null,
    stop: async () => {
      await Promise.all(
        children.map((c) => new Promise<void>((resolve) => (c.exitCode !== null ? resolve() : (c.once("exit", () => resolve()), c.kill("SIGTERM"))))),
      );
    },
  };
}
