// `npm run dev`: the site in development mode and the engine in watch mode, same embedded database.
import { ensurePrismaClient, log, migrateDatabase, prepareEnvironment } from "./lib/prepare";
import { engineService, siteService, supervise } from "./lib/supervise";

const env = prepareEnvironment("development");
ensurePrismaClient();
migrateDatabase(env);
const engine = engineService(true);
log(`dev site: http://localhost:${env.PORT} · Ctrl-C stops everything`);
supervise([siteService("dev", env.PORT ?? "3000"), ...(engine ? [engine] : [])], env);
