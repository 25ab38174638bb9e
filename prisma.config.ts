// Prisma CLI settings. Only `prisma generate` is used (see scripts/prisma-generate.mjs); schema
// changes are applied by our own migration runner, so no datasource URL is needed here.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
