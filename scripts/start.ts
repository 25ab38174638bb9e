// `npm start`: prepares a fresh machine (Prisma client, database, production build if missing)
// and runs the site on http://localhost:3000 with the lab engine beside it.
import { ensurePrismaClient, ensureProductionBuild, log, migrateDatabase, prepareEnvironment } from "./lib/prepare";
import { engineService, siteService, supervise } from "./lib/supervise";

const env = prepareEnvironment("production");
ensurePrismaClient();
migrateDatabase(env);

ensureProductionBuild(env);

const engine = engineService(false);
log(`site: http://localhost:${env.PORT}${engine ? ` · lab engine: http://127.0.0.1:${env.ENGINE_PORT}` : ""} · Ctrl-C stops both`);
supervise([siteService("start", env.PORT ?? "3000"), ...(engine ? [engine] : [])], env);
