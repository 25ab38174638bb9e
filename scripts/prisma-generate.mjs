// Generates the Prisma client after `npm install`.
// Prisma's schema engine is a native binary that Prisma downloads from its own servers; that
// download is impossible on machines that only reach the npm registry. The `prisma-client`
// generator with a driver adapter never needs it, so we point Prisma at /bin/false to stop it
// from trying (see DESIGN.md, "Environment facts").
import { spawnSync } from "node:child_process";

const result = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false" },
});
process.exit(result.status ?? 1);
