// Starts the bare Node proxies (bare-node-proxy.mjs) as child processes in front of the bench
// lab's plain endpoint, one per listener they can stand in for: "l4" and "l7".
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, waitForPort, type ReferenceProxy } from "./reference-proxies";

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "bare-node-proxy.mjs");

export async function startBareNode(endpointPort: number): Promise<ReferenceProxy> {
  const ports: Record<string, number> = {};
  const children: ChildProcess[] = [];
  for (const listener of ["l4", "l7"]) {
    const port = await freePort();
    const child = spawn(process.execPath, [SCRIPT, listener, String(port), String(endpointPort)], { stdio: "ignore" });
    children.push(child);
    await waitForPort(port, child);
    ports[listener] = port;
  }
  return {
    name: "bare node",
    ports,
    stop: async () => {
      await Promise.all(
        children.map((c) => new Promise<void>((resolve) => (c.exitCode !== null ? resolve() : (c.once("exit", () => resolve()), c.kill("SIGTERM"))))),
      );
    },
  };
}
