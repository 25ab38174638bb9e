// nginx (1 worker) and HAProxy (1 thread) started from the engine's own exported configuration
// of the benchmark lab, pointed at the same sandbox endpoints, in a temp dir; stopped after.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LabSpec } from "../../engine/api/schema";
import type { LabCertificateAuthority } from "../../engine/contracts";
import { writeLabCertFiles } from "../../engine/config-export/cert-files";
import { exportConfig, type ExportFormat } from "../../engine/config-export/index";
import { childPids } from "./loop-thread-cpu";

export interface ReferenceProxy {
  name: ExportFormat | "bare node";
  /** Listener name → the port the reference proxy listens on for it. */
  ports: Record<string, number>;
  /** The process whose main thread runs the event loop that serves `listener` (loop-thread-cpu.ts). */
  loopPid(listener: string): number | null;
  stop(): Promise<void>;
}

export const installed = (bin: string): boolean => spawnSync(bin, ["-v"]).status === 0;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function waitForPort(port: number, child: ChildProcess, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((r) => {
      const s = net.connect(port, "127.0.0.1", () => (s.destroy(), r(true)));
      s.once("error", () => r(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`port ${port} never opened`);
}

export async function startReference(
  name: ExportFormat,
  spec: LabSpec,
  ca: LabCertificateAuthority,
  endpointPorts: Record<string, number>,
): Promise<ReferenceProxy> {
  const dir = mkdtempSync(path.join(tmpdir(), `layerlab-bench-${name}-`));
  await writeLabCertFiles(spec, ca, dir);
  const ports: Record<string, number> = {};
  for (const l of spec.listeners) ports[l.name] = await freePort();
  const conf = path.join(dir, `${name}.conf`);
  writeFileSync(conf, exportConfig(spec, name, { listeners: ports, endpoints: endpointPorts }, { certDir: dir, runtimeDir: dir, workers: 1 }));
  // In the foreground on purpose (nginx `daemon off`, HAProxy `-db`): a daemon calls setsid(), and
  // on a kernel with sched_autogroup_enabled (this machine kind) a new session is a new scheduler
  // group, which shares the CPU with wrk and the endpoints very differently. The same nginx
  // configuration, L4 connection-per-request, measured 5.1–5.7k req/s in the foreground and
  // 4.2–4.7k daemonized (5 alternating rounds of wrk -c32 -d3s). In the foreground every proxy
  // runs in the benchmark's own session, as the engine under test does.
  const child =
    name === "nginx"
      ? spawn("nginx", ["-c", conf, "-g", "daemon off; master_process on;"], { stdio: ["ignore", "ignore", "pipe"] })
      : spawn("haproxy", ["-f", conf, "-db"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  try {
    for (const p of Object.values(ports)) await waitForPort(p, child);
  } catch (err) {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${name} did not start: ${(err as Error).message}\n${stderr}`);
  }
  // nginx serves from its one worker, a child of the master we started; HAProxy from its own process.
  let loopPid: number | null = null;
  return {
    name,
    ports,
    loopPid: () => (loopPid ??= (name === "nginx" ? childPids(child.pid!)[0] : child.pid) ?? null),
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      }),
  };
}
