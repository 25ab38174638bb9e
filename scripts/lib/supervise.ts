// Runs the site and the lab engine side by side. Ctrl-C stops both cleanly. The engine is
// restarted if it dies (a crash there must not take the site down); the site exiting ends all.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { log, root } from "./prepare";

interface Service {
  name: string;
  command: string;
  args: string[];
  /** Restart after an unexpected exit instead of stopping everything. */
  restart: boolean;
}

const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

export function siteService(mode: "start" | "dev", port: string): Service {
  return { name: "site", command: bin("next"), args: [mode, "--port", port], restart: false };
}

export function engineService(watch: boolean): Service | null {
  if (!fs.existsSync(path.join(root, "engine", "main.ts"))) return null;
  return { name: "engine", command: bin("tsx"), args: watch ? ["watch", "engine/main.ts"] : ["engine/main.ts"], restart: true };
}

export function supervise(services: Service[], env: NodeJS.ProcessEnv): void {
  const running = new Map<string, ChildProcess>();
  let stopping = false;
  const restarts = new Map<string, number>();

  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of running.values()) child.kill("SIGTERM");
    const force = setTimeout(() => {
      for (const child of running.values()) child.kill("SIGKILL");
    }, 8000);
    force.unref();
    const wait = setInterval(() => {
      if (running.size === 0) {
        clearInterval(wait);
        clearTimeout(force);
        process.exit(code);
      }
    }, 50);
  };

  const start = (service: Service) => {
    const child = spawn(service.command, service.args, { cwd: root, env, stdio: "inherit" });
    running.set(service.name, child);
    child.on("exit", (code, signal) => {
      running.delete(service.name);
      if (stopping) return;
      const count = (restarts.get(service.name) ?? 0) + 1;
      if (service.restart && count <= 5) {
        restarts.set(service.name, count);
        log(`${service.name} exited (${signal ?? code}); restarting (attempt ${count} of 5)…`);
        setTimeout(() => start(service), 1000 * count);
        return;
      }
      if (service.restart) {
        // The site keeps serving; labs report the engine as unavailable until the next start.
        log(`${service.name} keeps failing; giving up on it (the site stays up)`);
        return;
      }
      log(`${service.name} exited (${signal ?? code}); stopping`);
      stopAll(code ?? 1);
    });
  };

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      log(`${signal} received, stopping…`);
      stopAll(0);
    });
  }
  services.forEach(start);
}
