// The server Playwright tests against: a fresh database file, the production build, and the
// lab engine on its own port, so tests never touch a developer's data.
import fs from "node:fs";
import path from "node:path";
import { ensurePrismaClient, ensureProductionBuild, migrateDatabase, prepareEnvironment, root } from "./lib/prepare";
import { engineService, siteService, supervise } from "./lib/supervise";

const port = process.env.E2E_PORT ?? "3100";
const databaseFile = path.join(root, "data", "e2e.db");
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databaseFile + suffix, { force: true });

process.env.PORT = port;
process.env.DATABASE_URL = `file:${databaseFile}`;
process.env.NEXTAUTH_URL = `http://localhost:${port}`;
process.env.ENGINE_PORT = process.env.E2E_ENGINE_PORT ?? "4199";
const env = prepareEnvironment("production");
ensurePrismaClient();
migrateDatabase(env);
ensureProductionBuild(env);
const engine = engineService(false);
supervise([siteService("start", port), ...(engine ? [engine] : [])], env);
