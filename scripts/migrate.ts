// `npm run db:migrate`: applies pending SQL migrations to DATABASE_URL (default data/layerlab.db).
import { migrateDatabase, prepareEnvironment } from "./lib/prepare";

migrateDatabase(prepareEnvironment("development"));
