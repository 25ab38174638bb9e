// Everything `npm start`, `npm run dev` and the e2e server need before the site can serve:
// defaults for secrets, a generated Prisma client, and an up-to-date database.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { databasePathFromUrl, defaultDatabaseUrl } from "../../lib/db/database-path";
import { migrate } from "../../lib/db/migrate";
import { EnvError, parseEnv } from "../../lib/env/schema.mjs";

export const root = path.resolve(import.meta.dirname, "..", "..");

export function log(message: string) {
  console.log(`[layerlab] ${message}`);
}

/** A secret that survives restarts (sessions stay valid), created once with mode 0600. */
function persistentSecret(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * Fills in what a first run on a fresh machine lacks and validates the result. ENGINE_TOKEN is
 * new on every start unless set: only this process tree needs to know it.
 */
export function prepareEnvironment(nodeEnv: "production" | "development"): NodeJS.ProcessEnv {
  // Telemetry would try to phone home from machines that may have no route out.
  const env: NodeJS.ProcessEnv = { NEXT_TELEMETRY_DISABLED: "1", ...process.env, NODE_ENV: nodeEnv };
  env.PORT ??= "3000";
  env.DATABASE_URL ||= defaultDatabaseUrl;
  env.NEXTAUTH_URL ||= `http://localhost:${env.PORT}`;
  env.NEXTAUTH_SECRET ||= persistentSecret(path.join(root, "data", "auth-secret"));
  env.ENGINE_PORT ||= "4100";
  env.ENGINE_TOKEN ||= randomBytes(24).toString("base64url");
  try {
    parseEnv(env, "runtime");
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  return env;
}

export function ensurePrismaClient(): void {
  if (fs.existsSync(path.join(root, "lib", "generated", "prisma", "client.ts"))) return;
  log("generating the Prisma client…");
  const result = spawnSync(process.execPath, [path.join(root, "scripts", "prisma-generate.mjs")], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

export function migrateDatabase(env: NodeJS.ProcessEnv): void {
  const file = databasePathFromUrl(env.DATABASE_URL ?? defaultDatabaseUrl, root);
  const result = migrate(file);
  log(`database ${path.relative(root, file)}: ${result.applied.length} migration(s) applied, ${result.skipped.length} already there`);
}

/** Builds the site once when there is no production build yet (a fresh clone). */
export function ensureProductionBuild(env: NodeJS.ProcessEnv): void {
  if (fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  log("no production build yet; building (this takes a minute or two the first time)…");
  const build = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], { cwd: root, env, stdio: "inherit" });
  if (build.status !== 0) {
    log("the build failed; see the messages above");
    process.exit(build.status ?? 1);
  }
}
