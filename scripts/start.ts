// `npm start`: prepares a fresh machine (Prisma client, database, production build if missing)
// and runs the site on http://localhost:3000 with the lab engine beside it.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { ensurePrismaClient, log, migrateDatabase, prepareEnvironment, root } from "./lib/prepare";
import { engineService, siteService, supervise } from "./lib/supervise";

const env = prepareEnvironment("production");
ensurePrismaClient();
migrateDatabase(env);

if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
  log("no production build yet; building (this takes a few minutes the first time)…");
  const build = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], { cwd: root, env, stdio: "inherit" });
  if (build.status !== 0) {
    log("the build failed; see the messages above");
    process.exit(build.status ?? 1);
  }
}

const engine = engineService(false);
log(`site: http://localhost:${env.PORT}${engine ? ` · lab engine: http://127.0.0.1:${env.ENGINE_PORT}` : ""} · Ctrl-C stops both`);
supervise([siteService("start", env.PORT ?? "3000"), ...(engine ? [engine] : [])], env);
