// Starts what the UI benchmark measures: the lab engine and the production site (`next start`),
// on their own ports and database file, exactly as `npm start` runs them side by side.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { migrate } from "../lib/db/migrate";

const root = path.resolve(import.meta.dirname, "..");

export interface BenchServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

export async function startBenchServer(port: number, enginePort: number): Promise<BenchServer> {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("no production build: run `npx next build` first");
  const dbFile = path.join(root, "data", "bench-lab-ui.db");
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true });
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  migrate(dbFile);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: `file:${dbFile}`,
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    ENGINE_PORT: String(enginePort),
    ENGINE_TOKEN: randomBytes(24).toString("base64url"),
  };
  const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
  const children: ChildProcess[] = [
    spawn(bin("tsx"), ["engine/main.ts"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] }),
    spawn(bin("next"), ["start", "--port", String(port)], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] }),
  ];
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve();
            c.once("exit", () => resolve());
            c.kill("SIGTERM");
          }),
      ),
    );
  };
  try {
    await waitFor(`http://127.0.0.1:${enginePort}/v1/health`, 30_000);
    await waitFor(`http://localhost:${port}/api/health`, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl: `http://localhost:${port}`, stop };
}
